import DeploylintCore

/// What a scalar was written as. YAML plain scalars keep `.plain`: whether
/// `yes` is a boolean depends on who reads it, so readers decide.
public enum ScalarKind: Sendable, Hashable {
  case string  // quoted (YAML), a JSON or TOML string
  case plain  // an unquoted YAML scalar
  case integer, float, boolean, null, datetime
}

/// A value of a YAML, JSON or TOML document, with exact spans. One tree type for
/// the three formats, so platform parsers are written once.
public indirect enum ConfigValue: Sendable {
  /// A scalar's text, already unescaped (`"a\nb"` holds a newline).
  case scalar(String, ScalarKind)
  case sequence([ConfigNode])
  case mapping([ConfigEntry])
  /// A YAML alias (`*name`), kept unexpanded; `ConfigDocument.resolve` follows it.
  case alias(String)
}

public struct ConfigNode: Sendable {
  public var value: ConfigValue
  /// The whole value (for a mapping or sequence, from its first to its last child).
  public var span: Span
  /// YAML anchor (`&name`) on this node, if any.
  public var anchor: String?
  public init(_ value: ConfigValue, span: Span, anchor: String? = nil) {
    self.value = value
    self.span = span
    self.anchor = anchor
  }
}

public struct ConfigEntry: Sendable {
  public var key: String
  public var keySpan: Span
  public var value: ConfigNode
  public init(key: String, keySpan: Span, value: ConfigNode) {
    self.key = key
    self.keySpan = keySpan
    self.value = value
  }
}

/// A parsed document: its root and the anchors it defines (YAML only).
public struct ConfigDocument: Sendable {
  public var root: ConfigNode
  public var anchors: [String: ConfigNode]
  public init(root: ConfigNode, anchors: [String: ConfigNode] = [:]) {
    self.root = root
    self.anchors = anchors
  }

  /// Follows an alias to its anchored node (one step at a time, at most a
  /// fixed number of steps: aliases are never expanded exhaustively).
  public func resolve(_ node: ConfigNode) -> ConfigNode {
    var current = node
    var steps = 0
    while case .alias(let name) = current.value, let target = anchors[name], steps < 16 {
      current = target
      steps += 1
    }
    return current
  }

  /// The entries of a mapping node, with YAML merge keys (`<<: *base`,
  /// `<<: [*a, *b]`) applied: explicit keys win over merged ones. Merges are
  /// followed to a bounded depth.
  public func entries(of node: ConfigNode, depth: Int = 0) -> [ConfigEntry] {
    guard case .mapping(let entries) = resolve(node).value else { return [] }
    var result: [ConfigEntry] = []
    var merged: [ConfigEntry] = []
    for entry in entries {
      if entry.key == "<<", depth < 8 {
        let source = resolve(entry.value)
        switch source.value {
        case .sequence(let items):
          for item in items { merged.append(contentsOf: self.entries(of: item, depth: depth + 1)) }
        default:
          merged.append(contentsOf: self.entries(of: source, depth: depth + 1))
        }
      } else {
        result.append(entry)
      }
    }
    for m in merged where !result.contains(where: { $0.key == m.key }) { result.append(m) }
    return result
  }

  /// The entry for `key` of a mapping node (merge keys applied).
  public func entry(_ key: String, in node: ConfigNode) -> ConfigEntry? {
    entries(of: node).first { $0.key == key }
  }

  /// The value at `key` of a mapping node, aliases resolved.
  public func value(_ key: String, in node: ConfigNode) -> ConfigNode? {
    entry(key, in: node).map { resolve($0.value) }
  }

  /// Items of a sequence node, each resolved.
  public func items(of node: ConfigNode) -> [ConfigNode] {
    guard case .sequence(let items) = resolve(node).value else { return [] }
    return items.map(resolve)
  }
}

extension ConfigNode {
  /// The scalar's text, if this is a scalar.
  public var scalarText: String? {
    if case .scalar(let s, _) = value { return s }
    return nil
  }

  /// The scalar as a string unless it is a null.
  public var string: String? {
    if case .scalar(let s, let kind) = value, kind != .null { return s }
    return nil
  }

  public var int: Int? {
    guard let s = string else { return nil }
    return Int(s.filter { $0 != "_" })
  }

  public var double: Double? {
    guard let s = string else { return nil }
    return Double(s.filter { $0 != "_" })
  }

  public var bool: Bool? {
    guard case .scalar(let s, let kind) = value else { return nil }
    switch (kind, s.lowercased()) {
    case (.boolean, "true"), (.plain, "true"), (.plain, "yes"), (.plain, "on"): return true
    case (.boolean, "false"), (.plain, "false"), (.plain, "no"), (.plain, "off"): return false
    default: return nil
    }
  }

  public var isMapping: Bool {
    if case .mapping = value { return true }
    return false
  }
  public var isSequence: Bool {
    if case .sequence = value { return true }
    return false
  }
}
