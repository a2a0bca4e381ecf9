/// The estimates of what a service needs, computed from the model once for
/// the rules and for the budget picture, so a finding and `deploylint budget`
/// never disagree on a number.
public enum ServiceEstimates {
  /// Worker processes × a per-worker floor: the plain-worker floor, or the ML
  /// floor when the app imports an ML runtime; with `--preload` only the first
  /// worker pays for the imports (they are shared until written).
  public static func workers(
    _ service: Service, plainFloor plain: Int64 = RuntimeEstimators.pythonWorkerFloor,
    mlFloor: Int64 = RuntimeEstimators.torchProcessFloor
  ) -> MemoryEstimate? {
    guard let workers = service.workers, workers.count >= 1 else { return nil }
    switch workers.runtime {
    case .ruby: return WorkerEstimators.ruby(workers)
    case .php: return WorkerEstimators.php(workers)
    case .python: break
    }
    let ml = service.python.mlRuntimePackage
    // Heroku's own count (WEB_CONCURRENCY = RAM / 256 MB) is in the dyno's
    // unit: at that count each worker gets 256 of the dyno's "MB", so the
    // default floor is written in that unit there, and the budget picture
    // agrees with the rule that Heroku's sizing fits its dyno.
    let herokuSized =
      workers.origin == .documentedDefault && service.platform == .heroku
      && plain == RuntimeEstimators.pythonWorkerFloor
    let plain = herokuSized ? 256 * Bytes.MB : plain
    let floor = ml == nil ? plain : mlFloor
    let what = ml.map { "\(workers.server) workers importing \($0.name)" } ?? "\(workers.server) workers"
    let estimate = RuntimeEstimators.workers(workers.count, floor: floor, what: what)
    guard workers.preload else { return estimate }
    let total = Saturating.sum(floor, Saturating.product(workers.count - 1, plain))
    return MemoryEstimate(
      bytes: total,
      arithmetic:
        "with --preload: 1 × \(Bytes.format(floor, .declared)) + \(workers.count - 1) × "
        + "\(Bytes.format(plain, .declared)) = \(Bytes.format(total, .declared))",
      sources: estimate.sources)
  }

  /// One process that loads the service's ML runtime and a small model.
  public static func mlRuntimeFloor(
    _ service: Service, floor: Int64 = RuntimeEstimators.torchProcessFloor
  ) -> MemoryEstimate? {
    guard let package = service.python.mlRuntimePackage else { return nil }
    return MemoryEstimate(
      bytes: floor,
      arithmetic:
        "1 process importing \(MLPackages.runtimeName(package)) (`\(package.name)`) and a small model ≈ "
        + "\(Bytes.format(floor, .declared)) (kokoro's 82 M parameters are 330 MB in fp32, plus the runtime "
        + "and working tensors)",
      sources: [RuntimeEstimators.torchSource, "https://docs.railway.com/pricing/plans"])
  }

  /// What a Node process with `--max-old-space-size=N` needs: the Node rules
  /// size the flag at 75 % of the memory (Node's documentation), so the process
  /// needs the heap ÷ 0.75 — the rest is young generation, code and buffers.
  public static func nodeProcess(heap: HeapFlag, processes: Int = 1) -> MemoryEstimate {
    let each = Saturating.product(Saturating.product(heap.mebibytes, 4) / 3, Bytes.MiB)
    let total = Saturating.product(max(1, processes), each)
    var text =
      "--max-old-space-size=\(heap.mebibytes) (\(heap.source)) → \(heap.mebibytes) MiB old space ÷ 75 % "
      + "= \(Bytes.format(each, .binary)) per process"
    if processes > 1 { text += " × \(processes) processes = \(Bytes.format(total, .binary))" }
    return MemoryEstimate(bytes: total, arithmetic: text, sources: [RuntimeEstimators.nodeDocsURL])
  }

  /// The floor of a heavy bundler build, for the first of `steps`.
  public static func nodeHeavyBuild(_ steps: [BuildStep]) -> MemoryEstimate? {
    guard let first = steps.first else { return nil }
    let floor = RuntimeEstimators.nodeHeavyBuildFloor
    return MemoryEstimate(
      bytes: floor,
      arithmetic:
        "`\(first.text)` (\(first.source)): heavy bundler builds fail at V8's ~2 GB default heap → "
        + "≈ \(Bytes.format(floor, .binary)) (estimate)",
      sources: [
        "https://nextjs.org/docs/app/building-your-application/optimizing/memory-usage",
        RuntimeEstimators.nodeDocsURL,
      ])
  }

  /// A Postgres server's worst case from its command's settings.
  public static func postgres(_ service: Service) -> MemoryEstimate? {
    guard let settings = service.servers.postgres else { return nil }
    var estimate = settings.estimate
    if settings.settings.isEmpty { estimate.arithmetic = "defaults: " + estimate.arithmetic }
    return estimate
  }

  /// The heap a service's JVM gets in its budget, and what the JVM needs with
  /// it; nil when it runs no JVM or the JVM sizes its own heap.
  public static func jvm(_ service: Service, budget: Int64?, hostMemory: Int64? = nil) -> (
    heap: HeapSize, need: MemoryEstimate
  )? {
    guard let jvm = service.jvm,
      let heap = JVMEstimator.heap(jvm, budget: budget, hostMemory: hostMemory)
    else { return nil }
    return (heap, JVMEstimator.estimate(jvm, heap: heap))
  }

  /// Jobs a queue worker runs at once × the declared memory of one job; nil
  /// without a declared job memory or a known job count.
  public static func jobs(_ service: Service) -> MemoryEstimate? {
    guard let runner = service.jobRunner, let count = runner.concurrency, let memory = service.jobMemory
    else { return nil }
    return WorkerEstimators.jobs(runner, count: count, jobMemory: memory)
  }

  /// The floor of a queue worker's own process when its jobs are threads of
  /// it and deploylint knows its runtime's floor: Sidekiq (a Rails process
  /// plus its threads). nil for other runners: Celery's prefork children are
  /// forked from a parent that already loaded the app, and what a Python or
  /// Node job needs is the application's own (`job-memory`).
  public static func jobProcess(_ service: Service) -> MemoryEstimate? {
    guard let runner = service.jobRunner, runner.pool == .threads, runner.runner == "Sidekiq",
      let threads = runner.concurrency
    else { return nil }
    return WorkerEstimators.sidekiq(threads: threads)
  }

  /// Queue-worker child processes that each import an ML runtime: every
  /// child pays the ML floor (the model and its working tensors are per process).
  public static func mlJobProcesses(
    _ service: Service, floor: Int64 = RuntimeEstimators.torchProcessFloor
  ) -> MemoryEstimate? {
    guard let runner = service.jobRunner, runner.pool == .processes, let count = runner.concurrency,
      count >= 2, let package = service.python.mlRuntimePackage
    else { return nil }
    let total = Saturating.product(Int64(count), floor)
    return MemoryEstimate(
      bytes: total,
      arithmetic:
        "\(count) \(runner.runner) child processes importing `\(package.name)` × \(Bytes.format(floor, .decimal)) = "
        + Bytes.format(total, .decimal),
      sources: [RuntimeEstimators.torchSource] + JobRunnerDefaults.sources(runner.runner))
  }

  /// Redis needs room beside its `maxmemory` for replication and AOF buffers
  /// and fragmentation: `maxmemory` at most 75 % of the container (the
  /// redis-without-maxmemory rule's guidance).
  public static let redisMaxmemoryShare = 0.75

  /// What the service is known to need whatever memory it gets: the largest
  /// of its estimates that do not depend on its limit (a JVM heap with its
  /// overhead, a Postgres worst case, Redis `maxmemory` with its overhead, a
  /// Node heap, worker processes, an ML runtime, declared jobs). nil when
  /// nothing is known. A limit deploylint proposes is never below it.
  public static func knownNeed(_ service: Service, hostMemory: Int64? = nil) -> MemoryEstimate? {
    var candidates: [MemoryEstimate] = []
    if let jvm = service.jvm, let heap = JVMEstimator.heap(jvm, budget: nil, hostMemory: hostMemory) {
      candidates.append(JVMEstimator.estimate(jvm, heap: heap))
    }
    if let heap = service.node.runtimeHeap.max(by: { $0.mebibytes < $1.mebibytes }) {
      let app = service.node.pm2Apps.first { $0.heap == heap }
      candidates.append(nodeProcess(heap: heap, processes: max(1, app?.instances ?? 1)))
    }
    if let w = service.workers, w.count + (w.hasMaster ? 1 : 0) >= 2, let estimate = workers(service) {
      candidates.append(estimate)
    }
    if let ml = mlRuntimeFloor(service) { candidates.append(ml) }
    if let pg = postgres(service) { candidates.append(pg) }
    if let redis = service.servers.redis, !redis.readsConfigFile, let maxmemory = redis.maxmemory?.value {
      let need = Saturating.int64(Double(maxmemory) / redisMaxmemoryShare)
      candidates.append(
        MemoryEstimate(
          bytes: need,
          arithmetic:
            "maxmemory \(Bytes.format(maxmemory, .binary)) ÷ 75 % (buffers and fragmentation on top) = "
            + Bytes.format(need, .binary),
          sources: ["https://redis.io/docs/latest/develop/reference/eviction/"]))
    }
    if let jobs = jobs(service) { candidates.append(jobs) }
    if let process = jobProcess(service) { candidates.append(process) }
    return candidates.max { $0.bytes < $1.bytes }
  }

  /// The cheapest plan of a PaaS (Render, Railway, Fly, Heroku) fitting `bytes`.
  public static func smallestPlan(
    _ platform: Platform?, fitting bytes: Int64, overrides: [Plan] = []
  ) -> Plan? {
    guard let platform, [.render, .railway, .fly, .heroku].contains(platform) else { return nil }
    return PlanCatalog.smallestPlan(platform, fitting: bytes, overrides: overrides)
  }
}
