import DeploylintCore

/// Flags Python web servers whose worker processes, each importing the app,
/// add up to more memory than the service gets.
public struct WorkersMultiplyMemory: Rule {
  /// Memory floor of one plain Python worker.
  static let workerFloor: RuleOption<Int64> = .memory(
    "worker-floor", default: RuntimeEstimators.pythonWorkerFloor,
    summary: "Memory one plain Python worker needs (raise it to what one worker really uses).")

  public static let description = RuleDescription(
    id: "workers-multiply-memory",
    category: .runtime,
    severity: .warning,
    summary: "Web-server workers × the memory each needs exceed the service's memory",
    rationale: """
      gunicorn and uvicorn run each worker as a separate process that imports the application: \
      without `--preload`, every library and every model loaded at import time is loaded once \
      per worker (gunicorn settings: `workers`, `preload_app`). gunicorn's default is \
      `$WEB_CONCURRENCY` if set, else 1; Heroku's Python buildpack sets `WEB_CONCURRENCY` from \
      RAM / 256 MB, i.e. it assumes at least 256 MB per worker process. Concurrent requests and \
      background jobs add to each worker: in seed 001 two book generations of 300–400 MB each ran \
      at once on a 512 MB Render instance and the service was killed ("exceeded its memory limit"). \
      The estimate is workers × a per-worker floor: \(Bytes.format(RuntimeEstimators.pythonWorkerFloor, .declared)) \
      for a plain Python app (option `worker-floor`), \(Bytes.format(RuntimeEstimators.torchProcessFloor, .declared)) \
      for a worker that imports PyTorch (see `ml-runtime-exceeds-memory`); \
      with `--preload` only the first worker pays for the imports. It is an error when a \
      PyTorch-class app's workers exceed the budget, a warning otherwise.
      """,
    references: [
      Reference("gunicorn settings: workers", "https://docs.gunicorn.org/en/stable/settings.html#workers"),
      Reference(
        "gunicorn settings: preload_app", "https://docs.gunicorn.org/en/stable/settings.html#preload-app"),
      Reference(
        "Heroku: WEB_CONCURRENCY defaults (256 MB per worker)",
        "https://devcenter.heroku.com/changelog-items/2846"),
      Reference("Render instance types", "https://render.com/pricing"),
    ],
    fix: """
      Run fewer workers than the memory allows — often one worker with threads — and move long \
      jobs to a queue processed one at a time (seed 001's fix); add `--preload` so imports are \
      shared copy-on-write; or move to a plan with room for every worker (Render `standard`: \
      2 GB, $25/month; Render `starter` has the same 512 MB as `free`).
      """,
    options: [workerFloor],
    examples: examples)

  let workerFloor: Int64
  public init(options: RuleOptions) { workerFloor = options[Self.workerFloor] }

  public func check(_ project: Project) -> [Finding] {
    project.services.compactMap(check)
  }

  func check(_ service: Service) -> Finding? {
    guard let workers = service.workers, workers.count >= 2, let budget = service.runtimeBudget else {
      return nil
    }
    let ml = service.python.mlRuntimePackage
    guard let estimate = ServiceEstimates.workers(service, plainFloor: workerFloor) else {
      return nil
    }
    guard estimate.bytes >= budget.bytes else { return nil }
    let severity: Severity = ml != nil && estimate.bytes > budget.bytes ? .error : .warning
    let message =
      "\(workers.count) \(workers.server) worker processes (\(workers.source)) each import the app: "
      + "\(estimate.arithmetic), which \(estimate.bytes > budget.bytes ? "exceeds" : "uses all of") the "
      + "\(budget.described), before any request or background job allocates anything."
    var help = [
      "run one worker (`\(workers.server) -w 1 --threads 4`) and send long jobs to a queue processed one at a time"
    ]
    if !workers.preload && workers.server == "gunicorn" {
      help.append("add `--preload` so imports are shared copy-on-write")
    }
    if let plan = service.smallestPlanText(fitting: Saturating.sum(estimate.bytes, estimate.bytes / 4)) {
      help.append("or move to \(plan)")
    }
    var related = budget.related
    if let ml { related.append(RelatedLocation(ml.span, "`\(ml.name)` is imported by every worker")) }
    return finding(
      message, at: workers.span, help: help, related: related, service: service.name, severity: severity)
  }
}
