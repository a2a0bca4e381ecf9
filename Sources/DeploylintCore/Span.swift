/// A region of a scanned file. Lines and columns are 1-based; columns count
/// Unicode scalars (what libyaml, editors and SARIF's `unicodeCodePoints` count),
/// a tab is one column, and `endColumn` is exclusive (SARIF's convention).
public struct Span: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
  /// Path relative to the scanned root, `/`-separated.
  public var path: String
  public var line: Int
  public var column: Int
  public var endLine: Int
  public var endColumn: Int

  public init(path: String, line: Int, column: Int, endLine: Int, endColumn: Int) {
    self.path = path
    self.line = line
    self.column = column
    self.endLine = endLine
    self.endColumn = endColumn
  }

  /// A span covering a whole file, for findings that have no better place.
  public static func file(_ path: String) -> Span {
    Span(path: path, line: 1, column: 1, endLine: 1, endColumn: 1)
  }

  /// The smallest span covering both (same file expected).
  public func union(_ other: Span) -> Span {
    let start = min((line, column), (other.line, other.column), by: <)
    let end = max((endLine, endColumn), (other.endLine, other.endColumn), by: <)
    return Span(path: path, line: start.0, column: start.1, endLine: end.0, endColumn: end.1)
  }

  public static func < (a: Span, b: Span) -> Bool {
    (a.path, a.line, a.column, a.endLine, a.endColumn)
      < (b.path, b.line, b.column, b.endLine, b.endColumn)
  }

  public var description: String { "\(path):\(line):\(column)" }
}

private func min<T>(_ a: T, _ b: T, by less: (T, T) -> Bool) -> T { less(b, a) ? b : a }
private func max<T>(_ a: T, _ b: T, by less: (T, T) -> Bool) -> T { less(a, b) ? b : a }
