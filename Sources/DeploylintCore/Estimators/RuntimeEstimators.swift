/// Memory floors of runtimes, as small pure functions with their constants
/// and sources (DESIGN.md §3).
public enum RuntimeEstimators {
  /// A Python web worker process: Heroku's buildpack sets WEB_CONCURRENCY from
  /// RAM / 256 MB, i.e. it assumes at least 256 MB per worker
  /// (heroku-buildpack-python#1547, changelog 2846).
  public static let pythonWorkerFloor: Int64 = 256 * Bytes.MiB
  public static let pythonWorkerSource = "https://devcenter.heroku.com/changelog-items/2846"

  /// Heroku's own web-process sizing for a dyno: RAM / 256 MB (the Python
  /// buildpack's WEB_CONCURRENCY: 2 on Eco/Basic/Standard-1X, 4 on
  /// Standard-2X; its Puma guide's `WEB_CONCURRENCY` default of 2 matches).
  /// Rounded: Heroku's "1 GB" Standard-2X is 1024 MB and gets 4.
  public static func herokuWebConcurrency(memory: Int64) -> Int {
    max(1, Saturating.int((Double(memory) / Double(256 * Bytes.MB)).rounded()))
  }
  public static let herokuPumaGuide =
    "https://devcenter.heroku.com/articles/deploying-rails-applications-with-the-puma-web-server"

  /// A process that imports PyTorch and runs a small model on CPU. Importing
  /// torch 2.x maps its CPU kernels and the OpenMP/MKL runtimes; with a model of
  /// ~100 M parameters (kokoro: 82 M, 330 MB in fp32) and its working tensors,
  /// such processes need about 1 GiB. This is an estimate, not a measurement:
  /// set `memory` for the service, or lower it with the rule's option.
  public static let torchProcessFloor: Int64 = 1 * Bytes.GiB
  public static let torchSource = "https://github.com/pytorch/pytorch/issues/64864"

  /// Node's documentation of `--max-old-space-size` (in MiB; size it at 75 %
  /// of the memory: "On a machine with 2 GiB of memory, consider setting this to 1536").
  public static let nodeDocsURL = "https://nodejs.org/api/cli.html#--max-old-space-sizesize-in-mib"

  /// The least memory a heavy bundler build (`next build`, webpack…) is
  /// expected to need: an estimate from reported failures at V8's ~2 GB
  /// default heap (§8.2 of the research).
  public static let nodeHeavyBuildFloor: Int64 = 2 * Bytes.GiB

  /// `workers × floor`, with the arithmetic.
  public static func workers(_ count: Int, floor: Int64, what: String) -> MemoryEstimate {
    let total = Saturating.product(count, floor)
    return MemoryEstimate(
      bytes: total,
      arithmetic:
        "\(count) \(what) × \(Bytes.format(floor, .declared)) = \(Bytes.format(total, .declared))",
      sources: [pythonWorkerSource])
  }

  /// PostgreSQL: shared_buffers + max_connections × work_mem × hash_mem_multiplier
  /// + maintenance_work_mem. `effective_cache_size` is a planner hint, not memory
  /// (postgresql.org runtime-config-resource).
  public static func postgres(
    sharedBuffers: Int64, maxConnections: Int, workMem: Int64, maintenanceWorkMem: Int64,
    hashMemMultiplier: Double = 2.0
  ) -> MemoryEstimate {
    let perConnection = Saturating.int64(Double(workMem) * hashMemMultiplier)
    let total = Saturating.sum(
      sharedBuffers, Saturating.product(maxConnections, perConnection), maintenanceWorkMem)
    return MemoryEstimate(
      bytes: total,
      arithmetic:
        "shared_buffers \(Bytes.format(sharedBuffers, .binary)) + \(maxConnections) connections × work_mem "
        + "\(Bytes.format(workMem, .binary)) × \(hashMemMultiplier) + maintenance_work_mem "
        + "\(Bytes.format(maintenanceWorkMem, .binary)) = \(Bytes.format(total, .binary))",
      sources: ["https://www.postgresql.org/docs/current/runtime-config-resource.html"])
  }
}
