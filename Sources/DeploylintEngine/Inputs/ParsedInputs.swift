/// A typed key of the parsed-input store: `store[.recipes]` is a
/// `[String: ImageRecipe]` keyed by path relative to the scan root. Several
/// input kinds may fill one key (every Python manifest fills `.pythonManifests`).
struct StoreKey<Value: Sendable>: Sendable {
  let name: String
  init(_ name: String) { self.name = name }
}

/// What the input kinds parsed, one table per `StoreKey`. Tables merge
/// generically, so a parallel parse needs no per-field code and a new key
/// needs no merge code.
struct ParsedInputs: Sendable {
  private var tables: [String: any ParsedTable] = [:]

  subscript<Value>(key: StoreKey<Value>) -> [String: Value] {
    get { (tables[key.name] as? Table<Value>)?.rows ?? [:] }
    _modify {
      // Taken out of the dictionary so the rows are uniquely referenced and
      // grow in place.
      var rows = (tables.removeValue(forKey: key.name) as? Table<Value>)?.rows ?? [:]
      defer { tables[key.name] = Table(rows: rows) }
      yield &rows
    }
  }

  /// Adds the rows of `other` (parsed from other files); on a path in both,
  /// this store's row is kept.
  mutating func absorb(_ other: ParsedInputs) {
    for (name, table) in other.tables {
      // Taken out of the dictionary so its rows are uniquely referenced and
      // grow in place: a merged copy per absorbed file made a parallel parse
      // quadratic in the number of files.
      guard var mine = tables.removeValue(forKey: name) else {
        tables[name] = table
        continue
      }
      mine.absorb(table)
      tables[name] = mine
    }
  }

  /// Each table's paths, sorted: what a parse produced, comparable across
  /// parses (`DeterminismTests`).
  var inventory: [String: [String]] { tables.mapValues { $0.paths } }
}

private protocol ParsedTable: Sendable {
  mutating func absorb(_ other: any ParsedTable)
  var paths: [String] { get }
}

private struct Table<Value: Sendable>: ParsedTable {
  var rows: [String: Value]
  mutating func absorb(_ other: any ParsedTable) {
    guard let other = other as? Table<Value> else { return }
    rows.merge(other.rows) { a, _ in a }
  }
  var paths: [String] { rows.keys.sorted() }
}
