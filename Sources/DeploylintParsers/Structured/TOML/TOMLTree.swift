import DeploylintCore

/// The mutable tree the TOML reader builds before freezing it into a
/// `ConfigNode`. TOML's redefinition rules depend on *how* each table came to
/// exist (a `[header]`, an intermediate of a header, a dotted key, an inline
/// table), so each table remembers its origin.
final class TOMLTable {
  enum Origin {
    /// Created as an intermediate of a header path (`[a.b]` creates `a`); a later `[a]` may define it.
    case implicit
    /// Defined by its own `[header]` (or an element of `[[array]]`).
    case header
    /// Created by a dotted key (`a.b = 1` creates `a`); only more dotted keys may extend it.
    case dotted
    /// An inline table `{ … }`: sealed once closed.
    case inline
  }

  var origin: Origin
  var span: Span
  let depth: Int
  private(set) var entries: [TOMLEntry] = []
  private var index: [String: Int] = [:]

  init(origin: Origin, span: Span, depth: Int) {
    self.origin = origin
    self.span = span
    self.depth = depth
  }

  func lookup(_ key: String) -> TOMLEntry? {
    index[key].map { entries[$0] }
  }

  func insert(_ entry: TOMLEntry) {
    index[entry.key] = entries.count
    entries.append(entry)
  }

  /// Freezes the table. Recursion is bounded: every table's depth was checked
  /// against `TOMLReader.maxDepth` when it was created.
  func node() -> ConfigNode {
    ConfigNode(
      .mapping(entries.map { ConfigEntry(key: $0.key, keySpan: $0.keySpan, value: $0.item.node()) }),
      span: span)
  }
}

/// An array of tables (`[[name]]`), growable until the document ends.
final class TOMLTableArray {
  var tables: [TOMLTable] = []
  var span: Span
  init(span: Span) { self.span = span }
}

struct TOMLEntry {
  var key: String
  var keySpan: Span
  var item: TOMLItem
}

enum TOMLItem {
  /// A finished value: scalar, static array, or a sealed inline table.
  case value(ConfigNode)
  case table(TOMLTable)
  case tableArray(TOMLTableArray)

  func node() -> ConfigNode {
    switch self {
    case .value(let node): return node
    case .table(let table): return table.node()
    case .tableArray(let array):
      return ConfigNode(.sequence(array.tables.map { $0.node() }), span: array.span)
    }
  }
}
