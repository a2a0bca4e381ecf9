import DeploylintCore

/// PostgreSQL server settings as a container's command sets them
/// (`postgres -c shared_buffers=256MB`, `--work_mem=8MB`, `-N 50`, `-B 4096`),
/// with the server's defaults for what is not set
/// (https://www.postgresql.org/docs/current/runtime-config-resource.html).
struct PostgresSettings {
  struct Setting {
    var name: String
    var text: String
    /// Index of the command word holding the value.
    var wordIndex: Int
  }

  var settings: [String: Setting] = [:]

  static let defaultSharedBuffers: Int64 = 128 * Bytes.MiB
  static let defaultWorkMem: Int64 = 4 * Bytes.MiB
  static let defaultMaxConnections = 100
  static let defaultMaintenanceWorkMem: Int64 = 64 * Bytes.MiB

  /// The unit of a bare number, per setting (8 kB pages or kB).
  static let baseUnits: [String: Int64] = [
    "shared_buffers": 8 * Bytes.KiB, "effective_cache_size": 8 * Bytes.KiB, "work_mem": Bytes.KiB,
    "maintenance_work_mem": Bytes.KiB, "temp_buffers": 8 * Bytes.KiB, "wal_buffers": 8 * Bytes.KiB,
  ]

  /// Reads `-c name=value`, `-cname=value`, `--name=value`, `-N n`, `-B n`.
  static func read(_ words: [String]) -> PostgresSettings {
    var result = PostgresSettings()
    func add(_ assignment: String, _ index: Int) {
      guard let eq = assignment.firstIndex(of: "=") else { return }
      let name = assignment[..<eq].lowercased().replacingDashes
      result.settings[name] = Setting(
        name: name, text: String(assignment[assignment.index(after: eq)...]), wordIndex: index)
    }
    var i = 0
    while i < words.count {
      let w = words[i]
      if (w == "-c" || w == "-N" || w == "-B"), i + 1 < words.count {
        switch w {
        case "-c": add(words[i + 1], i + 1)
        case "-N": add("max_connections=" + words[i + 1], i + 1)
        default: add("shared_buffers=" + words[i + 1], i + 1)
        }
        i += 2
        continue
      }
      if w.hasPrefix("-c"), w.count > 2 {
        add(String(w.dropFirst(2)), i)
      } else if w.hasPrefix("--"), w.contains("=") {
        add(String(w.dropFirst(2)), i)
      }
      i += 1
    }
    return result
  }

  /// A memory setting in bytes (`512MB`, `64kB`, `1GB`, a bare number in the
  /// setting's base unit); nil when unreadable.
  static func bytes(_ text: String, setting: String) -> Int64? {
    let t = text.trimmingCharacters(in: [" ", "'", "\""])
    var digits = ""
    var unit = ""
    for c in t {
      if unit.isEmpty, c.isNumber { digits.append(c) } else if c != " " { unit.append(c) }
    }
    guard let n = Int64(digits), n < 1 << 40 else { return nil }
    let multiplier: Int64
    switch unit.lowercased() {
    case "": multiplier = baseUnits[setting] ?? 1
    case "b": multiplier = 1
    case "kb": multiplier = Bytes.KiB
    case "mb": multiplier = Bytes.MiB
    case "gb": multiplier = Bytes.GiB
    case "tb": multiplier = Bytes.GiB * 1_024
    default: return nil
    }
    return n * multiplier
  }

  func memory(_ name: String, default value: Int64) -> Int64 {
    settings[name].flatMap { Self.bytes($0.text, setting: name) } ?? value
  }

  var sharedBuffers: Int64 { memory("shared_buffers", default: Self.defaultSharedBuffers) }
  var workMem: Int64 { memory("work_mem", default: Self.defaultWorkMem) }
  var maintenanceWorkMem: Int64 { memory("maintenance_work_mem", default: Self.defaultMaintenanceWorkMem) }
  var maxConnections: Int {
    settings["max_connections"].flatMap { Int($0.text.trimmingCharacters(in: [" ", "'", "\""])) }
      ?? Self.defaultMaxConnections
  }

  var estimate: MemoryEstimate {
    RuntimeEstimators.postgres(
      sharedBuffers: sharedBuffers, maxConnections: maxConnections, workMem: workMem,
      maintenanceWorkMem: maintenanceWorkMem)
  }

  /// Settings that fit in `limit`: shared_buffers at most 25 % of it (the
  /// docs' starting point), maintenance_work_mem at most 1/16, and work_mem so
  /// that the worst case stays within 75 % of the limit (the rest is left to
  /// the per-connection processes and the page cache); fewer connections when
  /// even 4 MB of work_mem does not fit.
  static func fitting(
    limit: Int64, sharedBuffers: Int64, workMem: Int64, maxConnections: Int, maintenanceWorkMem: Int64
  ) -> (sharedBuffers: Int64, workMem: Int64, maxConnections: Int, maintenanceWorkMem: Int64) {
    let mib = Bytes.MiB
    let sb = max(mib, min(sharedBuffers, limit / 4) / mib * mib)
    let maint = max(mib, min(maintenanceWorkMem, max(16 * mib, limit / 16)) / mib * mib)
    let room = max(0, limit * 3 / 4 - sb - maint)
    var connections = max(1, maxConnections)
    var wm = room / (Int64(connections) * 2) / mib * mib
    if wm < min(workMem, 4 * mib) {
      wm = min(workMem, 4 * mib)
      connections = max(5, Int(room / (2 * wm)))
    }
    wm = min(max(mib, wm), max(workMem, mib))
    return (sb, wm, connections, maint)
  }

  /// `256MB`-style text for a command line.
  static func text(_ bytes: Int64) -> String {
    bytes % Bytes.GiB == 0 ? "\(bytes / Bytes.GiB)GB" : "\(bytes / Bytes.MiB)MB"
  }

  static func commandLine(
    _ s: (sharedBuffers: Int64, workMem: Int64, maxConnections: Int, maintenanceWorkMem: Int64)
  ) -> String {
    "postgres -c shared_buffers=\(text(s.sharedBuffers)) -c work_mem=\(text(s.workMem)) "
      + "-c max_connections=\(s.maxConnections) -c maintenance_work_mem=\(text(s.maintenanceWorkMem))"
  }
}

extension String {
  fileprivate var replacingDashes: String { String(map { $0 == "-" ? "_" : $0 }) }
  fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
    var s = Substring(self)
    while let f = s.first, set.contains(f) { s = s.dropFirst() }
    while let l = s.last, set.contains(l) { s = s.dropLast() }
    return String(s)
  }
}
