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
  /// Local YAML tags (`!reset`, `!override`, which Compose's merge reads) by
  /// where the tagged node starts. A side table rather than a field of
  /// `ConfigNode`: a larger node deepens every recursive reader's frames.
  public var tags: [Position: String] = [:]
  public init(root: ConfigNode, anchors: [String: ConfigNode] = [:]) {
    self.root = root
    self.anchors = anchors
  }

  /// A line and column where a node starts.
  public struct Position: Hashable, Sendable {
    public var line: Int
    public var column: Int
    public init(_ span: Span) {
      line = span.line
      column = span.column
    }
  }

  /// The local tag on `node` (`!reset`), if any.
  public func tag(of node: ConfigNode) -> String? { tags.isEmpty ? nil : tags[Position(node.span)] }

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
  /// `<<: [*a, *b]`) applied: explicit keys win over merged ones, earlier
  /// merges over later ones. Merges are followed to a bounded depth, and each
  /// anchor is merged once: merging it again could add no key, and skipping it
  /// keeps a merge-key bomb (`<<: [*m, *m, …]` on every level) linear.
  public func entries(of node: ConfigNode, depth: Int = 0) -> [ConfigEntry] {
    var result: [ConfigEntry] = []
    var keys: Set<String> = []
    var merged: Set<String> = []
    collectEntries(of: node, depth: depth, top: true, into: &result, keys: &keys, merged: &merged)
    return result
  }

  private func collectEntries(
    of node: ConfigNode, depth: Int, top: Bool, into result: inout [ConfigEntry], keys: inout Set<String>,
    merged: inout Set<String>
  ) {
    guard case .mapping(let entries) = resolve(node).value else { return }
    var sources: [ConfigNode] = []
    for entry in entries {
      if entry.key == "<<", depth < 8 {
        let source = resolve(entry.value)
        if case .sequence(let items) = source.value { sources += items } else { sources.append(entry.value) }
      } else if keys.insert(entry.key).inserted || top {
        // The node's own entries are all kept (as written); merged ones only for new keys.
        result.append(entry)
      }
    }
    for source in sources {
      if case .alias(let name) = source.value, !merged.insert(name).inserted { continue }
      collectEntries(of: source, depth: depth + 1, top: false, into: &result, keys: &keys, merged: &merged)
    }
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

  /// A whole number; one beyond `Int` saturates (`replicas: 99999999999999999999`
  /// asks for more than any host has, it is not absent).
  public var int: Int? {
    guard let s = string else { return nil }
    return Saturating.parseCount(s.filter { $0 != "_" })
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
