import DeploylintCore

/// Flags pm2 apps whose heap cap does not fit pm2's own limits: a
/// `max_memory_restart` at or below `--max-old-space-size` (pm2 restarts the
/// process before V8 is ever pushed to collect at its cap: a restart loop), or
/// `instances` × heap above the memory all the processes share.
public struct PM2HeapExceedsRestartThreshold: Rule {
  public static let description = RuleDescription(
    id: "pm2-heap-exceeds-restart-threshold",
    category: .runtime,
    severity: .warning,
    summary:
      "A pm2 app's heap cap is at or above its `max_memory_restart`, or `instances` × heap exceeds the memory",
    rationale: """
      pm2's `max_memory_restart` restarts an app when its **resident memory** passes the threshold \
      (sizes such as `900M` or `1G`, binary units). `--max-old-space-size` only caps V8's old \
      generation, and the resident set is always larger (young generation, code, native buffers). \
      With a heap cap at or above the restart threshold, V8 has no reason to collect hard before the \
      process reaches the threshold, so pm2 kills it first; under steady load or with a leak the app \
      restarts over and over, dropping in-flight requests each time.

      Every pm2 instance is a separate Node process with its own heap: in cluster mode (or any \
      `instances` > 1) the caps add up, and `instances: 'max'` means one process per CPU. Their sum \
      must fit in the memory of the machine or plan they share.
      """,
    references: [
      Reference("pm2: max memory restart", "https://pm2.keymetrics.io/docs/usage/memory-limit/"),
      Reference("pm2: cluster mode", "https://pm2.keymetrics.io/docs/usage/cluster-mode/"),
      Reference(
        "pm2 ecosystem file attributes", "https://pm2.keymetrics.io/docs/usage/application-declaration/"),
      Reference("Node.js CLI: --max-old-space-size", RuntimeEstimators.nodeDocsURL),
    ],
    fix: """
      Keep the heap cap well below the restart threshold, and the threshold below the memory: for \
      example `--max-old-space-size=768` with `max_memory_restart: '960M'` on a 1 GiB host. With \
      several instances, divide: either fewer instances, or a heap cap of 75 % of the memory divided \
      by the instance count.
      """,
    examples: examples)

  public init(options: RuleOptions) {}

  public func check(_ project: Project) -> [Finding] {
    project.services.flatMap(check)
  }

  func check(_ service: Service) -> [Finding] {
    var findings: [Finding] = []
    for app in service.node.pm2Apps {
      guard let heap = app.heap else { continue }
      let heapBytes = heap.bytes
      // A wrapper's threshold watches the wrapper (npm), not the server with
      // this heap: `node-heap-flag-on-wrapper` says so instead.
      if app.wrapper == nil, let threshold = app.maxMemoryRestart?.value, heapBytes >= threshold {
        findings.append(restartFinding(app, heap: heap, threshold: threshold, service: service))
      }
      if let n = app.instances, n > 1, let budget = service.runtimeBudget,
        Saturating.product(n, heapBytes) > budget.bytes
      {
        findings.append(instancesFinding(app, heap: heap, count: n, budget: budget, service: service))
      }
    }
    return findings
  }

  func restartFinding(_ app: PM2AppFacts, heap: HeapFlag, threshold: Int64, service: Service) -> Finding {
    let written = app.maxMemoryRestart.map { "`\($0.text)`" } ?? ""
    let message =
      "pm2 restarts app `\(app.name)` when its resident memory passes max_memory_restart \(written) "
      + "(\(Bytes.format(threshold, .binary))), but `--max-old-space-size=\(heap.mebibytes)` (\(heap.source)) "
      + "lets V8's old space alone grow to \(heap.mebibytes) MiB. The process's RSS (old space plus young "
      + "generation, code and native buffers) passes the threshold before V8 has to collect at its cap, "
      + "so pm2 kills and restarts the app instead: under steady load or a leak, a restart loop."
    var heapTarget = heap.mebibytes
    if let budget = service.runtimeBudget {
      heapTarget = min(heapTarget, NodeHeapMath.recommendedMiB(for: budget.bytes))
    }
    let thresholdMiB = Int(threshold / Bytes.MiB)
    if Saturating.product(heapTarget, 5) / 4 > thresholdMiB, service.runtimeBudget == nil {
      heapTarget = max(64, Saturating.product(thresholdMiB, 3) / 4 / 64 * 64)
    }
    var restart = Saturating.sum(Saturating.product(heapTarget, 5) / 4, 31) / 32 * 32
    if let budget = service.runtimeBudget {
      restart = min(restart, Int(budget.bytes / Bytes.MiB) * 15 / 16)
    }
    var help = [
      "keep the heap cap below the threshold with room for the rest of the process: "
        + "--max-old-space-size=\(heapTarget) with max_memory_restart: '\(restart)M'"
    ]
    if let budget = service.runtimeBudget {
      help.append("the memory available is \(NodeHeapMath.describe(budget.bytes)) (\(budget.source))")
    }
    var related = [RelatedLocation(heap.span, "the heap cap: \(heap.mebibytes) MiB")]
    if let budget = service.runtimeBudget { related += budget.related }
    return finding(
      message, at: app.maxMemoryRestart?.span ?? app.span, help: help, related: related, service: service.name
    )
  }

  func instancesFinding(
    _ app: PM2AppFacts, heap: HeapFlag, count: Int, budget: MemoryBudget, service: Service
  ) -> Finding {
    let total = Saturating.product(count, heap.bytes)
    var how = "\(count) processes"
    if let text = app.instancesSetting?.value, Int(text) == nil {
      how += " (instances: \(text), resolved with the \(budget.cpus.map(CPUCount.format) ?? "known CPUs"))"
    }
    let message =
      "pm2 runs app `\(app.name)` as \(how)\(app.isCluster ? " in cluster mode" : ""), each allowed "
      + "\(heap.mebibytes) MiB of old space by `--max-old-space-size=\(heap.mebibytes)` (\(heap.source)): "
      + "\(count) × \(heap.mebibytes) MiB = \(Bytes.format(total, .binary)), more than the "
      + "\(NodeHeapMath.describe(budget.bytes)) they share (\(budget.source))."
    let perProcess = max(64, NodeHeapMath.recommendedMiB(for: budget.bytes) / count / 64 * 64)
    let fitting = max(1, Int(Saturating.quotient(Saturating.product(budget.bytes, 3) / 4, heap.bytes)))
    let help = [
      "lower the cap to --max-old-space-size=\(perProcess) per process (75 % of the memory ÷ \(count))",
      "or run \(fitting) instance\(fitting == 1 ? "" : "s") (instances: \(fitting))",
    ]
    var related = [RelatedLocation(heap.span, "the heap cap of each process")]
    related += budget.related
    return finding(
      message, at: app.instancesSetting?.span ?? app.span, help: help, related: related, service: service.name
    )
  }
}
