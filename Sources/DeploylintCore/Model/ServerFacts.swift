/// Well-known servers a service runs (from its image or its command) and the
/// memory settings their command line gives them. Filled by assembly, so the
/// rules and the budget read one parse of the command.
public struct ServerFacts: Sendable, Hashable {
  /// Set when the service runs the official postgres (or PostGIS) image.
  public var postgres: PostgresSettings?
  /// Set when the service runs Redis or Valkey.
  public var redis: RedisSettings?
  /// Set when the service runs a ClickHouse server.
  public var clickhouse: ClickHouseSettings?
  public init() {}
}

/// ClickHouse server memory settings given on its command line
/// (`clickhouse-server -- --max_server_memory_usage=…`); what is not set keeps
/// the server's defaults (https://clickhouse.com/docs/reference/settings/server-settings/settings/max-server-memory-usage).
public struct ClickHouseSettings: Sendable, Hashable {
  /// `max_server_memory_usage` in bytes (0 = no cap but the ratio's).
  public var maxServerMemoryUsage: Located<Int64>?
  /// `max_server_memory_usage_to_ram_ratio` (default 0.9 of the memory available).
  public var maxServerMemoryUsageToRAMRatio: Located<Double>?
  public init() {}

  /// The documented default of `max_server_memory_usage_to_ram_ratio`.
  public static let defaultRatio = 0.9

  /// Reads `--max_server_memory_usage=N` and `--max_server_memory_usage_to_ram_ratio=R`
  /// (also with the value as the next word).
  public static func read(_ words: [Located<String>]) -> ClickHouseSettings {
    var result = ClickHouseSettings()
    var i = 0
    while i < words.count {
      let w = words[i].value
      for name in ["max_server_memory_usage_to_ram_ratio", "max_server_memory_usage"] {
        let flag = "--" + name
        var value: Located<String>?
        if w.hasPrefix(flag + "=") {
          value = Located(String(w.dropFirst(flag.count + 1)), span: words[i].span)
        } else if w == flag, i + 1 < words.count {
          value = words[i + 1]
        }
        guard let value else { continue }
        if name == "max_server_memory_usage" {
          if let bytes = Int64(value.value) {
            result.maxServerMemoryUsage = Located(bytes, span: value.span, text: w)
          }
        } else if let ratio = Double(value.value), ratio.isFinite {
          result.maxServerMemoryUsageToRAMRatio = Located(ratio, span: value.span, text: w)
        }
        break
      }
      i += 1
    }
    return result
  }
}

/// PostgreSQL server settings as a container's command sets them
/// (`postgres -c shared_buffers=256MB`, `--work_mem=8MB`, `-N 50`, `-B 4096`);
/// what is not set keeps the server's defaults
/// (https://www.postgresql.org/docs/current/runtime-config-resource.html).
public struct PostgresSettings: Sendable, Hashable {
  /// Setting name (lower case, `_` for `-`) → its value as written, located
  /// at the command word that holds it.
  public var settings: [String: Located<String>] = [:]
  public init() {}

  /// Reads `-c name=value`, `-cname=value`, `--name=value`, `-N n`, `-B n`.
  public static func read(_ words: [Located<String>]) -> PostgresSettings {
    var result = PostgresSettings()
    func add(_ assignment: String, _ word: Located<String>) {
      guard let eq = assignment.firstIndex(of: "=") else { return }
      let name = String(assignment[..<eq].lowercased().map { $0 == "-" ? "_" : $0 })
      result.settings[name] = Located(
        String(assignment[assignment.index(after: eq)...]), span: word.span)
    }
    var i = 0
    while i < words.count {
      let w = words[i].value
      if w == "-c" || w == "-N" || w == "-B", i + 1 < words.count {
        let next = words[i + 1]
        switch w {
        case "-c": add(next.value, next)
        case "-N": add("max_connections=" + next.value, next)
        default: add("shared_buffers=" + next.value, next)
        }
        i += 2
        continue
      }
      if w.hasPrefix("-c"), w.count > 2 {
        add(String(w.dropFirst(2)), words[i])
      } else if w.hasPrefix("--"), w.contains("=") {
        add(String(w.dropFirst(2)), words[i])
      }
      i += 1
    }
    return result
  }

  /// The settings of plain words (a command line deploylint writes), all located at `span`.
  public static func read(_ words: [String], at span: Span) -> PostgresSettings {
    read(words.map { Located($0, span: span) })
  }
}

/// Redis (or Valkey) memory settings from its command line.
public struct RedisSettings: Sendable, Hashable {
  /// `--maxmemory` as written, located at its value; the value is nil when
  /// Redis's units cannot read it.
  public var maxmemory: Located<Int64?>?
  /// The command reads a config file deploylint cannot see (`redis.conf`),
  /// which may set `maxmemory`.
  public var readsConfigFile = false
  public init() {}

  /// Reads `--maxmemory <size>` (or `maxmemory <size>`) and `*.conf` arguments.
  public static func read(_ words: [Located<String>]) -> RedisSettings {
    var result = RedisSettings()
    result.readsConfigFile = words.contains { $0.value.hasSuffix(".conf") }
    if let i = words.firstIndex(where: { $0.value == "--maxmemory" || $0.value == "maxmemory" }),
      i + 1 < words.count
    {
      let value = words[i + 1]
      result.maxmemory = Located(
        MemorySize.parse(value.value, convention: .redis), span: value.span, text: value.value)
    }
    return result
  }
}
