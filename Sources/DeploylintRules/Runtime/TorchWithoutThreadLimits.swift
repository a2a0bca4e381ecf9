import DeploylintCore

/// Flags services that ship PyTorch without capping its thread pools: PyTorch
/// sizes them from the host's physical cores, not from the container's CPU
/// quota, and every thread costs memory (seed 003: kokoro SIGKILLed on Railway).
public struct TorchWithoutThreadLimits: Rule {
  public static let description = RuleDescription(
    id: "torch-without-thread-limits",
    category: .runtime,
    severity: .warning,
    summary: "PyTorch is installed in the shipped image but OMP_NUM_THREADS / MKL_NUM_THREADS are unset",
    rationale: """
      PyTorch sizes its intra-op thread pool from `MKL_NUM_THREADS`, else `OMP_NUM_THREADS`, else \
      the number of **physical cores of the host** (ATen `ParallelCommon.cpp`, c10 `thread_pool.cpp`). \
      It does not read the container's CFS CPU quota (pytorch#64864, open since 2021; the 2026 \
      change in pytorch#194605 clamps to CPU affinity only), so a 0.5-CPU container on a 32-core \
      host starts 16+ threads. Every thread adds a stack and, with glibc, a malloc arena (up to \
      8 × cores arenas of 64 MB address space each), and the oversubscribed pool slows inference \
      by 4× to 45× on small plans. On a 512 MB plan this is how a TTS or embedding service gets \
      SIGKILLed (seed 003: kokoro on Railway's free plan). Setting the variables in the image makes \
      the limit travel with it, whatever platform runs it.

      Packages counted as installing PyTorch: `torch`, `torchvision`, `torchaudio`, \
      `pytorch` (conda) and packages that depend on it: \(MLPackages.torchPullers.sorted().map { "`\($0)`" }.joined(separator: ", ")), \
      plus `transformers`/`diffusers` with the `torch` extra.
      """,
    references: [
      Reference(
        "PyTorch: intra-op thread count from MKL_NUM_THREADS / OMP_NUM_THREADS / physical cores",
        "https://github.com/pytorch/pytorch/blob/main/aten/src/ATen/ParallelCommon.cpp"),
      Reference(
        "pytorch#64864: torch ignores the cgroup CPU quota", "https://github.com/pytorch/pytorch/issues/64864"
      ),
      Reference(
        "glibc memory allocation tunables (arena_max)",
        "https://www.gnu.org/software/libc/manual/html_node/Memory-Allocation-Tunables.html"),
      Reference(
        "torch.set_num_threads", "https://pytorch.org/docs/stable/generated/torch.set_num_threads.html"),
    ],
    fix: """
      Set both variables in the final stage of the Dockerfile, to the number of CPUs the plan gives \
      (1 on Render free/starter and Railway free):

      ```dockerfile
      ENV OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
      ```

      or set them in the platform's environment (render.yaml `envVars`, the Railway service \
      variables), or call `torch.set_num_threads(1)` before the first inference.
      """,
    examples: examples, judges: .runtime)

  public static let threadVariables = ["OMP_NUM_THREADS", "MKL_NUM_THREADS"]

  public init(options: RuleOptions) {}

  public func check(_ project: Project) -> [Finding] {
    project.services.compactMap(check)
  }

  func check(_ service: Service) -> Finding? {
    let torch = service.python.packages.filter(MLPackages.pullsTorch)
    // Prefer the line a user would edit: a direct install, then torch itself.
    guard
      let first = torch.first(where: \.direct) ?? torch.first(where: { MLPackages.torch.contains($0.name) })
        ?? torch.first,
      !service.environment.setsAny(of: Self.threadVariables)
    else { return nil }

    let cpus = service.runtimeBudget?.cpus
    let threads = max(1, Saturating.int(cpus ?? 1))
    let envLine = "ENV OMP_NUM_THREADS=\(threads) MKL_NUM_THREADS=\(threads)"
    var what =
      MLPackages.torch.contains(first.name)
      ? "`\(first.name)` at \(first.source)" : "through `\(first.name)` at \(first.source)"
    if let copy = first.copySpan { what += ", copied into the image at \(copy)" }
    var quota = ""
    if let budget = service.runtimeBudget, let c = budget.cpus {
      quota = " The plan gives \(CPUCount.format(c)) (\(budget.source))."
    }
    var message =
      "PyTorch is installed (\(what)) but neither OMP_NUM_THREADS nor MKL_NUM_THREADS "
      + "is set: PyTorch sizes its thread pools from the host's physical cores, not the container's CPU "
      + "quota, and every extra thread costs memory.\(quota)"
    if let cuda = service.environment["PYTORCH_CUDA_ALLOC_CONF"] {
      message += " (`PYTORCH_CUDA_ALLOC_CONF`, set at \(cuda.span), only configures the CUDA allocator.)"
    }

    var related: [RelatedLocation] = []
    var span = first.span
    var edits: [TextEdit] = []
    if let recipe = service.build.recipe, let final = recipe.finalStage {
      let insertLine = final.fromSpan.endLine + 1
      edits = [
        TextEdit(
          span: Span(path: recipe.path, line: insertLine, column: 1, endLine: insertLine, endColumn: 1),
          replacement: envLine + "\n")
      ]
      if !first.direct {
        // Installed through a manifest: the fix goes into the final stage, so
        // the finding stands on its FROM; the manifest line is shown beside it.
        span = final.fromSpan
        related.append(RelatedLocation(first.span, "`\(first.name)` is listed here"))
        if let install = first.installSpan { related.append(RelatedLocation(install, "installed here")) }
      }
    }
    if let copy = first.copySpan {
      related.append(
        RelatedLocation(copy, "this COPY brings the environment it is installed in into the image"))
    }
    if let budget = service.runtimeBudget, let planSpan = budget.span {
      related.append(RelatedLocation(planSpan, budget.source))
    }
    var help: [String]
    if service.build.recipe != nil {
      help = [
        "add to the final stage, after its FROM: \(envLine)",
        "or set OMP_NUM_THREADS=\(threads) and MKL_NUM_THREADS=\(threads) in the platform's environment",
      ]
    } else {
      help = ["set OMP_NUM_THREADS=\(threads) and MKL_NUM_THREADS=\(threads) in the service's environment"]
    }
    // Started by a script of the repository: it can export them before the process.
    if let script = service.start.links.last(where: { $0.kind == .script }),
      let process = service.start.process, process.kind == .process
    {
      let name = script.command.text.split(separator: " ").first.map(String.init) ?? script.command.text
      help.append(
        "or export them in \(name) before the process starts: "
          + "export OMP_NUM_THREADS=\(threads) MKL_NUM_THREADS=\(threads) (a line after it runs too late)")
      related.append(RelatedLocation(process.command.span, "the process starts here, without them"))
    }
    return finding(message, at: span, help: help, related: related, edits: edits, service: service.name)
  }
}
