import DeploylintCore

/// Flags PyTorch- or TensorFlow-class services on plans below the memory such
/// a process needs just to load its runtime and a small model.
public struct MLRuntimeExceedsMemory: Rule {
  /// Memory floor of one process running an ML runtime with a small model.
  static let floor: RuleOption<Int64> = .memory(
    "floor", default: RuntimeEstimators.torchProcessFloor,
    summary: "Memory one process with the ML runtime and its model needs.")

  public static let description = RuleDescription(
    id: "ml-runtime-exceeds-memory",
    category: .runtime,
    severity: .error,
    summary: "A PyTorch/TensorFlow service runs on a plan with less memory than such a process needs",
    rationale: """
      Importing PyTorch maps its CPU kernels and the OpenMP/MKL runtimes; loading even a small \
      model adds its weights (kokoro's 82 M parameters are 330 MB in fp32) and the working \
      tensors of each inference, and every intra-op thread adds a stack and a malloc arena. \
      deploylint's floor for such a process is \(Bytes.format(RuntimeEstimators.torchProcessFloor, .declared)) \
      (option `floor`): an estimate, not a \
      measurement — set it to what your process really uses. Below it the process is killed \
      while loading or on its first request: seed 003's kokoro service died with SIGKILL (-9) on \
      Railway's free plan, which gives 0.5 GB per service (Railway docs, 2026-08-07). Thread \
      limits (`torch-without-thread-limits`) reduce the overhead but do not make the model fit.
      """,
    references: [
      Reference("Railway plans: 0.5 GB on Free, 1 GB on Trial", "https://docs.railway.com/pricing/plans"),
      Reference("Render instance types", "https://render.com/pricing"),
      Reference(
        "pytorch#64864: thread pools sized from the host", "https://github.com/pytorch/pytorch/issues/64864"),
    ],
    fix: """
      Move the service to a plan with at least the floor (the finding names the smallest of the \
      same platform: Railway Hobby allows up to 8 GB per replica, billed by usage; Render \
      `standard` has 2 GB for $25/month — `starter` has the same 512 MB as `free`), or serve a \
      smaller runtime (ONNX Runtime, a quantized model). Declare the plan in `.deploylint.yml` \
      (`services.<name>.plan`) when the repository cannot say it.
      """,
    options: [floor],
    examples: examples, judges: .runtime)

  let floor: Int64
  public init(options: RuleOptions) { floor = options[Self.floor] }

  public func check(_ project: Project) -> [Finding] {
    project.services.compactMap(check)
  }

  func check(_ service: Service) -> Finding? {
    guard let package = service.python.mlRuntimePackage, let budget = service.runtimeBudget,
      budget.bytes < floor
    else { return nil }
    let runtime = MLPackages.runtimeName(package)
    let message =
      "\(runtime) runs here (\(package.described)) but the service gets \(budget.described): "
      + "a process that loads \(runtime) and a small model needs about \(Bytes.format(floor, .declared)) "
      + "(deploylint's estimate; rule option `floor`), so it will be killed while loading or on its first request."
    var help: [String] = []
    if let plan = service.smallestPlanText(fitting: floor) { help.append("move to \(plan)") }
    help.append(
      "or serve a smaller runtime (ONNX Runtime, a quantized model) that fits \(Bytes.format(budget.bytes, .decimal))"
    )
    var related = [RelatedLocation(package.span, "`\(package.name)` brings \(runtime)")]
    var span = budget.span ?? package.span
    if budget.span == nil, let recipe = service.build.recipe, let from = recipe.finalStage?.fromSpan,
      !package.direct
    {
      span = from
    } else if budget.span == nil {
      span = package.span
      related = []
    }
    if let copy = package.copySpan {
      related.append(
        RelatedLocation(copy, "this COPY brings the environment it is installed in into the image"))
    }
    if let budgetSpan = budget.span, budgetSpan != span { related += budget.related }
    return finding(message, at: span, help: help, related: related, service: service.name)
  }
}
