import DeploylintCore

/// The estimates the rules compute, exposed so that `deploylint budget` draws
/// exactly the numbers the findings print (one implementation, two views).
public enum SharedEstimates {
  /// The Python package that makes the service a PyTorch/TensorFlow runtime.
  public static func mlRuntimePackage(_ service: Service) -> PackageRef? {
    MLRuntime.runtimePackage(service)
  }

  /// "PyTorch" or "TensorFlow" for a package `mlRuntimePackage` returned.
  public static func mlRuntimeName(_ package: PackageRef) -> String {
    MLRuntime.tensorflowPackages.contains(package.name) ? "TensorFlow" : "PyTorch"
  }

  /// `workers-multiply-memory`'s estimate with its default floors: workers ×
  /// the plain-worker floor, or × the ML floor when the app imports an ML
  /// runtime; with `--preload` only the first worker pays for the imports.
  public static func workers(
    _ service: Service, plainFloor plain: Int64 = RuntimeEstimators.pythonWorkerFloor
  ) -> MemoryEstimate? {
    guard let workers = service.workers, workers.count >= 1 else { return nil }
    let ml = mlRuntimePackage(service)
    let floor = ml == nil ? plain : RuntimeEstimators.torchProcessFloor
    let what = ml == nil ? "\(workers.server) workers" : "\(workers.server) workers importing \(ml!.name)"
    let estimate = RuntimeEstimators.workers(workers.count, floor: floor, what: what)
    // Imports are shared until written: the first worker pays the floor,
    // the others a plain worker's.
    guard workers.preload else { return estimate }
    let rest = Int64(workers.count - 1) * plain
    return MemoryEstimate(
      bytes: floor + rest,
      arithmetic:
        "with --preload: 1 × \(Bytes.format(floor)) + \(workers.count - 1) × \(Bytes.format(plain)) = \(Bytes.format(floor + rest))",
      sources: estimate.sources)
  }

  /// `ml-runtime-exceeds-memory`'s floor for one process, with its arithmetic.
  public static func mlRuntimeFloor(_ service: Service) -> MemoryEstimate? {
    guard let package = mlRuntimePackage(service) else { return nil }
    let floor = RuntimeEstimators.torchProcessFloor
    return MemoryEstimate(
      bytes: floor,
      arithmetic:
        "1 process importing \(mlRuntimeName(package)) (`\(package.name)`) and a small model ≈ \(Bytes.format(floor)) "
        + "(kokoro's 82 M parameters are 330 MB in fp32, plus the runtime and working tensors)",
      sources: [RuntimeEstimators.torchSource, "https://docs.railway.com/pricing/plans"])
  }

  /// What a Node process with `--max-old-space-size=N` needs: the Node rules
  /// size the flag at 75 % of the memory (Node's documentation), so the process
  /// needs the heap ÷ 0.75 — the rest is young generation, code and buffers.
  public static func nodeProcess(heap: HeapFlag, processes: Int = 1) -> MemoryEstimate {
    let each = Int64(heap.mebibytes) * 4 / 3 * Bytes.MiB
    let total = each * Int64(max(1, processes))
    var text =
      "--max-old-space-size=\(heap.mebibytes) (\(heap.source)) → \(heap.mebibytes) MiB old space ÷ 75 % "
      + "= \(BinaryBytes.format(each)) per process"
    if processes > 1 { text += " × \(processes) processes = \(BinaryBytes.format(total))" }
    return MemoryEstimate(bytes: total, arithmetic: text, sources: [NodeHeapMath.docsURL])
  }

  /// `node-build-exceeds-build-memory`'s floor for a heavy bundler build.
  public static func nodeHeavyBuild(_ steps: [BuildStep]) -> MemoryEstimate? {
    guard let first = steps.first else { return nil }
    let floor = NodeBuildExceedsBuildMemory.heavyBuildFloor
    return MemoryEstimate(
      bytes: floor,
      arithmetic:
        "`\(first.text)` (\(first.source)): heavy bundler builds fail at V8's ~2 GB default heap → "
        + "≈ \(BinaryBytes.format(floor)) (estimate)",
      sources: [
        "https://nextjs.org/docs/app/building-your-application/optimizing/memory-usage",
        NodeHeapMath.docsURL,
      ])
  }

  /// Whether the service runs the official postgres (or PostGIS) image.
  public static func isPostgres(_ service: Service) -> Bool { ComposeImages.isPostgres(service) }
  public static func isRedis(_ service: Service) -> Bool { ComposeImages.isRedis(service) }

  /// `postgres-memory-exceeds-limit`'s worst case from the container's command.
  public static func postgres(_ service: Service) -> MemoryEstimate? {
    guard let facts = service.compose, isPostgres(service) else { return nil }
    let settings = PostgresSettings.read(facts.command)
    var estimate = settings.estimate
    if settings.settings.isEmpty { estimate.arithmetic = "defaults: " + estimate.arithmetic }
    return estimate
  }

  /// Redis's `--maxmemory` from the container's command: nil when not set,
  /// `.some(nil)` when set but unreadable; a `.conf` file counts as "set elsewhere".
  public static func redisMaxmemory(_ service: Service) -> (text: String, bytes: Int64?)? {
    guard let words = service.compose?.command else { return nil }
    if let i = words.firstIndex(where: { $0 == "--maxmemory" || $0 == "maxmemory" }), i + 1 < words.count {
      return (words[i + 1], RedisWithoutMaxmemory.bytes(words[i + 1]))
    }
    return nil
  }

  /// Whether a Redis command reads a config file deploylint cannot see.
  public static func redisReadsConfigFile(_ service: Service) -> Bool {
    service.compose?.command.contains { $0.hasSuffix(".conf") } ?? false
  }

  /// The default-profile compose services a host runs (as the compose rules count them).
  public static func services(of host: HostFacts, in project: Project) -> [Service] {
    ComposeImages.services(of: host, in: project)
  }

  /// `deploylint`'s pick of the cheapest plan of `platform` fitting `bytes`.
  public static func smallestPlan(_ platform: Platform?, fitting bytes: Int64) -> Plan? {
    guard let platform, [.render, .railway, .fly, .heroku].contains(platform) else { return nil }
    return PlanCatalog.smallestPlan(platform, fitting: bytes)
  }
}
