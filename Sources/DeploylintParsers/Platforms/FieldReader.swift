import DeploylintCore

/// Typed, located access to a `ConfigDocument` for platform parsers. Anything
/// ill-typed becomes a warning in `issues` and reads as absent: one bad field
/// must not hide the rest of a file from the rules.
struct FieldReader {
  let document: ConfigDocument
  var issues: [ParseError] = []

  init(_ document: ConfigDocument) { self.document = document }

  /// The root as a mapping, or a `ParseError` saying what the file should be.
  func rootMapping(_ what: String) throws(ParseError) -> ConfigNode {
    let root = document.resolve(document.root)
    guard root.isMapping else {
      throw ParseError("expected \(what) to be a mapping at the top level", at: root.span)
    }
    return root
  }

  mutating func warn(_ message: String, at span: Span) {
    issues.append(ParseError(message, at: span))
  }

  /// Entries of `node` with merge keys applied; empty (with a warning) when not a mapping.
  mutating func entries(_ node: ConfigNode, _ what: String) -> [ConfigEntry] {
    let resolved = document.resolve(node)
    guard resolved.isMapping else {
      if !isNull(resolved) { warn("expected \(what) to be a mapping", at: resolved.span) }
      return []
    }
    return document.entries(of: resolved)
  }

  /// Items of a sequence; empty (with a warning) when not a sequence.
  mutating func items(_ node: ConfigNode, _ what: String) -> [ConfigNode] {
    let resolved = document.resolve(node)
    guard resolved.isSequence else {
      if !isNull(resolved) { warn("expected \(what) to be a list", at: resolved.span) }
      return []
    }
    return document.items(of: resolved)
  }

  func isNull(_ node: ConfigNode) -> Bool {
    if case .scalar(_, .null) = node.value { return true }
    return false
  }

  /// A scalar's text (numbers and booleans as written), or nil with a warning.
  mutating func string(_ node: ConfigNode, _ what: String) -> Located<String>? {
    let resolved = document.resolve(node)
    if let text = resolved.string { return Located(text, span: resolved.span) }
    if !isNull(resolved) { warn("expected \(what) to be a string", at: resolved.span) }
    return nil
  }

  /// A whole number, or nil with a warning.
  mutating func int(_ node: ConfigNode, _ what: String) -> Located<Int>? {
    let resolved = document.resolve(node)
    if let value = resolved.int { return Located(value, span: resolved.span) }
    if !isNull(resolved) { warn("expected \(what) to be a whole number", at: resolved.span) }
    return nil
  }

  /// A finite number, or nil with a warning (`inf`, `nan` and `1e999` are no
  /// CPU count or size).
  mutating func double(_ node: ConfigNode, _ what: String) -> Located<Double>? {
    let resolved = document.resolve(node)
    if let value = resolved.double, value.isFinite { return Located(value, span: resolved.span) }
    if !isNull(resolved) { warn("expected \(what) to be a number", at: resolved.span) }
    return nil
  }

  /// A string or a list of strings (commands, arguments), as located parts.
  mutating func stringOrList(_ node: ConfigNode, _ what: String) -> LocatedStringOrList? {
    let resolved = document.resolve(node)
    if resolved.isSequence {
      let parts = items(resolved, what).compactMap { string($0, "an item of \(what)") }
      return .list(parts, span: resolved.span)
    }
    return string(resolved, what).map { .string($0) }
  }

  /// A mapping of scalar values (`env`, `args`), in written order.
  mutating func stringMap(_ node: ConfigNode, _ what: String) -> [LocatedPair] {
    entries(node, what).map { entry in
      let value = string(entry.value, "\(what).\(entry.key)")
      return LocatedPair(key: Located(entry.key, span: entry.keySpan), value: value)
    }
  }

  /// Warns about every key of `entries` not in `known` (extensions `x-…` excepted).
  mutating func warnUnknown(_ entries: [ConfigEntry], known: Set<String>, in what: String) {
    for entry in entries where !known.contains(entry.key) && !entry.key.hasPrefix("x-") {
      warn("unknown key '\(entry.key)' in \(what)", at: entry.keySpan)
    }
  }
}

/// A value written either as one string or as a list of strings, such as a
/// compose `command` or pm2 `node_args`.
public enum LocatedStringOrList: Sendable, Hashable {
  case string(Located<String>)
  case list([Located<String>], span: Span)

  /// Where the whole value was written.
  public var span: Span {
    switch self {
    case .string(let s): return s.span
    case .list(_, let span): return span
    }
  }

  /// The parts joined with spaces (what a shell would roughly see).
  public var joined: String {
    switch self {
    case .string(let s): return s.value
    case .list(let parts, _): return parts.map(\.value).joined(separator: " ")
    }
  }
}

/// A key with an optional scalar value, both located (env maps, build args).
public struct LocatedPair: Sendable, Hashable {
  public var key: Located<String>
  public var value: Located<String>?
  public init(key: Located<String>, value: Located<String>?) {
    self.key = key
    self.value = value
  }
}
