import DeploylintCore

/// A process, thread or job count as a server's configuration writes it:
/// a number, a variable with a default, or a multiple of the CPU count.
/// Read without evaluating anything: an expression deploylint cannot read is
/// `.unknown`, never guessed.
public enum CountExpression: Sendable, Hashable {
  case literal(Int)
  /// `ENV.fetch("WEB_CONCURRENCY") { 2 }`, `os.environ.get("WEB_CONCURRENCY", 1)`,
  /// `<%= ENV["RAILS_MAX_THREADS"] || 5 %>`: the variable when set, else the default.
  case environment(String, default: Int?)
  /// `multiprocessing.cpu_count() * 2 + 1`, `Concurrent.physical_processor_count`:
  /// a multiple of the CPUs the host reports.
  case cpuCount(multiplier: Int, add: Int)
  /// A local variable of the file (`workers worker_count`).
  case variable(String)
  case unknown

  /// Reads an expression (the right-hand side of `workers = …`).
  public static func read(_ raw: String) -> CountExpression {
    var text = raw.trimmedOf(" \t")
    // Trailing modifiers and conversions: `… if x > 1`, `.to_i`, `int(…)`.
    for modifier in [" if ", " unless "] {
      if let r = text.firstRange(of: modifier) { text = String(text[..<r.lowerBound]) }
    }
    text = text.trimmedOf(" \t;")
    while text.hasPrefix("("), text.hasSuffix(")") { text = String(text.dropFirst().dropLast()) }
    if let n = Int(text) { return .literal(n) }
    let lower = text.lowercased()
    if lower.contains("cpu_count") || lower.contains("processor_count") || lower.contains("nproc") {
      let multiplier = number(after: "*", in: text) ?? 1
      let add = number(after: "+", in: text) ?? 0
      return .cpuCount(multiplier: multiplier, add: add)
    }
    if lower.contains("env") || lower.contains("getenv") {
      guard let name = quoted(in: text) else { return .unknown }
      let rest = text[(text.firstRange(of: name)?.upperBound ?? text.endIndex)...]
      return .environment(name, default: firstInteger(in: String(rest)))
    }
    if text.unicodeScalars.allSatisfy({ $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    ),
      let first = text.unicodeScalars.first, !("0"..."9").contains(first)
    {
      return .variable(text)
    }
    return .unknown
  }

  /// The first quoted word (`"WEB_CONCURRENCY"`, `'RAILS_MAX_THREADS'`), or
  /// `ENV[NAME]`'s bare name.
  static func quoted(in text: String) -> String? {
    let chars = Array(text)
    var i = 0
    while i < chars.count {
      if chars[i] == "\"" || chars[i] == "'" {
        let q = chars[i]
        var j = i + 1
        while j < chars.count, chars[j] != q { j += 1 }
        if j < chars.count, j > i + 1 { return String(chars[(i + 1)..<j]) }
        i = j
      }
      i += 1
    }
    return nil
  }

  static func number(after symbol: Character, in text: String) -> Int? {
    guard let i = text.firstIndex(of: symbol) else { return nil }
    return firstInteger(in: String(text[text.index(after: i)...]))
  }

  /// The first run of digits in `text`.
  static func firstInteger(in text: String) -> Int? {
    var digits = ""
    for c in text {
      if c.isASCII, c.isNumber {
        digits.append(c)
        if digits.count > 9 { return nil }
      } else if !digits.isEmpty {
        break
      }
    }
    return Int(digits)
  }
}

/// A setting of a server's configuration file, where it is written.
public struct ServerSetting: Sendable, Hashable {
  /// The key as the file writes it: `workers`, `pm.max_children`, `:concurrency:`.
  public var key: String
  public var expression: CountExpression
  /// The raw value (`ENV.fetch("WEB_CONCURRENCY") { 2 }`, `256M`).
  public var value: String
  /// The whole setting (key and value) on its line.
  public var span: Span

  public init(key: String, expression: CountExpression, value: String, span: Span) {
    self.key = key
    self.expression = expression
    self.value = value
    self.span = span
  }
}

/// What a server's configuration file sets about its processes and memory.
public struct ServerConfig: Sendable, Hashable {
  /// Settings by canonical name: `workers`, `threads`, `preload`, `max_pool_size`,
  /// `max_children`, `memory_limit`, `concurrency`, `pool`.
  public var settings: [String: ServerSetting] = [:]
  /// Local variables (`threads_count = ENV.fetch("RAILS_MAX_THREADS") { 5 }`).
  public var variables: [String: CountExpression] = [:]
  public init() {}

  public subscript(name: String) -> ServerSetting? { settings[name] }

  /// The setting's expression with local variables resolved.
  public func resolved(_ name: String) -> CountExpression? {
    guard var e = settings[name]?.expression else { return nil }
    var hops = 0
    while case .variable(let v) = e, let next = variables[v], hops < 8 {
      e = next
      hops += 1
    }
    return e
  }
}

extension String {
  func trimmedOf(_ set: String) -> String {
    var s = Substring(self)
    while let f = s.first, set.contains(f) { s = s.dropFirst() }
    while let l = s.last, set.contains(l) { s = s.dropLast() }
    return String(s)
  }
}
