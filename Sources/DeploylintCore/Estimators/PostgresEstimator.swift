/// PostgreSQL memory: the worst case of a server's settings, and settings
/// that fit a limit (https://www.postgresql.org/docs/current/runtime-config-resource.html).
extension PostgresSettings {
  public static let defaultSharedBuffers: Int64 = 128 * Bytes.MiB
  public static let defaultWorkMem: Int64 = 4 * Bytes.MiB
  public static let defaultMaxConnections = 100
  public static let defaultMaintenanceWorkMem: Int64 = 64 * Bytes.MiB
  /// The unit of a bare number, per setting (8 kB pages or kB).
  static let baseUnits: [String: Int64] = [
    "shared_buffers": 8 * Bytes.KiB, "effective_cache_size": 8 * Bytes.KiB, "work_mem": Bytes.KiB,
    "maintenance_work_mem": Bytes.KiB, "temp_buffers": 8 * Bytes.KiB, "wal_buffers": 8 * Bytes.KiB,
  ]

  /// A memory setting in bytes, or `value` when unset or unreadable.
  public func memory(_ name: String, default value: Int64) -> Int64 {
    settings[name].flatMap {
      MemorySize.parse($0.value, convention: .postgres(baseUnit: Self.baseUnits[name] ?? 1))
    } ?? value
  }

  public var sharedBuffers: Int64 { memory("shared_buffers", default: Self.defaultSharedBuffers) }
  public var workMem: Int64 { memory("work_mem", default: Self.defaultWorkMem) }
  public var maintenanceWorkMem: Int64 {
    memory("maintenance_work_mem", default: Self.defaultMaintenanceWorkMem)
  }
  public var maxConnections: Int {
    settings["max_connections"].flatMap { Saturating.parseCount(Self.unquoted($0.value)) }
      ?? Self.defaultMaxConnections
  }

  /// The worst case: shared_buffers + connections × work_mem × hash_mem_multiplier
  /// + maintenance_work_mem.
  public var estimate: MemoryEstimate {
    RuntimeEstimators.postgres(
      sharedBuffers: sharedBuffers, maxConnections: maxConnections, workMem: workMem,
      maintenanceWorkMem: maintenanceWorkMem)
  }

  /// Settings that fit in `limit`: shared_buffers at most 25 % of it (the
  /// docs' starting point), maintenance_work_mem at most 1/16, and work_mem so
  /// that the worst case stays within 75 % of the limit (the rest is left to
  /// the per-connection processes and the page cache); fewer connections when
  /// even 4 MB of work_mem does not fit.
  public func fitting(_ limit: Int64) -> PostgresSizing {
    let mib = Bytes.MiB
    let sb = max(mib, min(sharedBuffers, limit / 4) / mib * mib)
    let maint = max(mib, min(maintenanceWorkMem, max(16 * mib, limit / 16)) / mib * mib)
    let room = max(0, Saturating.difference(Saturating.product(limit, 3) / 4, Saturating.sum(sb, maint)))
    var connections = max(1, maxConnections)
    var wm = room / Saturating.product(connections, 2) / mib * mib
    if wm < min(workMem, 4 * mib) {
      wm = min(workMem, 4 * mib)
      connections = max(5, Int(Saturating.quotient(room, Saturating.product(2, wm))))
    }
    wm = min(max(mib, wm), max(workMem, mib))
    return PostgresSizing(
      sharedBuffers: sb, workMem: wm, maxConnections: connections, maintenanceWorkMem: maint)
  }

  static func unquoted(_ text: String) -> String {
    var s = Substring(text)
    let quotes: Set<Character> = [" ", "'", "\""]
    while let f = s.first, quotes.contains(f) { s = s.dropFirst() }
    while let l = s.last, quotes.contains(l) { s = s.dropLast() }
    return String(s)
  }
}

/// Postgres memory settings deploylint proposes.
public struct PostgresSizing: Sendable, Hashable {
  public var sharedBuffers: Int64
  public var workMem: Int64
  public var maxConnections: Int
  public var maintenanceWorkMem: Int64

  /// The worst case of these settings.
  public var estimate: MemoryEstimate {
    RuntimeEstimators.postgres(
      sharedBuffers: sharedBuffers, maxConnections: maxConnections, workMem: workMem,
      maintenanceWorkMem: maintenanceWorkMem)
  }

  /// `postgres -c shared_buffers=64MB -c work_mem=4MB …`, to paste into `command:`.
  public var commandLine: String {
    "postgres -c shared_buffers=\(Self.text(sharedBuffers)) -c work_mem=\(Self.text(workMem)) "
      + "-c max_connections=\(maxConnections) -c maintenance_work_mem=\(Self.text(maintenanceWorkMem))"
  }

  /// `256MB`-style text for a command line.
  static func text(_ bytes: Int64) -> String {
    bytes % Bytes.GiB == 0 ? "\(bytes / Bytes.GiB)GB" : "\(bytes / Bytes.MiB)MB"
  }
}
