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
    let ml = service.python.mlRuntimePackage
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

  /// The cheapest plan of a PaaS (Render, Railway, Fly, Heroku) fitting `bytes`.
  public static func smallestPlan(
    _ platform: Platform?, fitting bytes: Int64, overrides: [Plan] = []
  ) -> Plan? {
    guard let platform, [.render, .railway, .fly, .heroku].contains(platform) else { return nil }
    return PlanCatalog.smallestPlan(platform, fitting: bytes, overrides: overrides)
  }
}
