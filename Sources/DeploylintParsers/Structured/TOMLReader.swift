import DeploylintCore

/// Reads TOML 1.0 into the shared `ConfigNode` tree, with exact spans for
/// every key and value.
///
/// Our own reader rather than TOMLKit because rules must point at
/// `memory = "256mb"` in a fly.toml, and TOMLKit gives no source positions.
/// Header tables (`[vm]`) take the header as their span; tables made by dotted
/// keys span their keys and values; arrays of tables span their headers.
/// Integers are stored as decimal text (`0xff` → `"255"`) so `ConfigNode.int`
/// reads every base; floats keep their text without underscores; date-times
/// keep their text with kind `.datetime`.
public enum TOMLReader {
  /// Deepest nesting of tables, arrays and inline tables accepted; deeper
  /// input is reported, never recursed into.
  public static let maxDepth = 512

  public static func read(_ file: SourceFile) throws(ParseError) -> ConfigDocument {
    var parser = TOMLParser(file: file)
    return ConfigDocument(root: try parser.parseDocument())
  }
}

/// The recursive-descent parser over the file's Unicode scalars.
struct TOMLParser {
  let file: SourceFile
  let s: [Unicode.Scalar]
  var i = 0
  let root: TOMLTable
  var current: TOMLTable

  init(file: SourceFile) {
    self.file = file
    self.s = file.scalars
    let root = TOMLTable(origin: .header, span: file.span(from: 0, to: file.scalars.count), depth: 0)
    self.root = root
    self.current = root
  }

  // MARK: Cursor

  var atEnd: Bool { i >= s.count }
  var peek: Unicode.Scalar? { i < s.count ? s[i] : nil }
  func peek(_ k: Int) -> Unicode.Scalar? { i + k < s.count ? s[i + k] : nil }

  func error(_ message: String, at offset: Int? = nil) -> ParseError {
    let o = min(offset ?? i, s.count)
    if o >= s.count || s[o] == "\n" || s[o] == "\r" {
      // At a line end or the end of the file: one column just past the content.
      let (line, column) = file.position(of: o)
      return ParseError(
        message, at: Span(path: file.path, line: line, column: column, endLine: line, endColumn: column + 1))
    }
    return ParseError(message, at: file.span(from: o, to: o + 1))
  }

  func describeHere() -> String {
    guard let c = peek else { return "end of file" }
    if c == "\n" || c == "\r" { return "end of line" }
    return "'\(c.escaped(asASCII: true))'"
  }

  mutating func skipWhitespace() {
    while let c = peek, c == " " || c == "\t" { i += 1 }
  }

  var atNewline: Bool { peek == "\n" || peek == "\r" }

  /// Consumes one line end (`\n`, `\r\n`, or a lone `\r` as SourceFile counts it).
  mutating func consumeNewline() {
    if peek == "\r" { i += 1 }
    if peek == "\n" { i += 1 }
  }

  mutating func skipComment() throws(ParseError) {
    guard peek == "#" else { return }
    while let c = peek, c != "\n", c != "\r" {
      if c.value < 0x20 && c != "\t" || c.value == 0x7F {
        throw error("control character U+\(String(c.value, radix: 16, uppercase: true)) in a comment")
      }
      i += 1
    }
  }

  /// After a key/value or a header, only whitespace, a comment and a line end may follow.
  mutating func expectLineEnd(after what: String) throws(ParseError) {
    skipWhitespace()
    try skipComment()
    if atEnd { return }
    guard atNewline else { throw error("expected end of line after \(what), found \(describeHere())") }
    consumeNewline()
  }

  /// Skips blank lines, comment lines and whitespace inside arrays.
  mutating func skipWhitespaceCommentsAndNewlines() throws(ParseError) {
    while true {
      skipWhitespace()
      if peek == "#" {
        try skipComment()
      } else if atNewline {
        consumeNewline()
      } else {
        return
      }
    }
  }

  // MARK: Document

  mutating func parseDocument() throws(ParseError) -> ConfigNode {
    while true {
      skipWhitespace()
      guard let c = peek else { break }
      if c == "#" {
        try skipComment()
        continue
      }
      if c == "\n" || c == "\r" {
        consumeNewline()
        continue
      }
      if c == "[" {
        try parseHeader()
      } else {
        try parseKeyValue(into: current)
        try expectLineEnd(after: "a value")
      }
    }
    return root.node()
  }

  /// A key path with each segment's span.
  typealias KeyPath = [(key: String, span: Span)]

  mutating func parseHeader() throws(ParseError) {
    let start = i
    let isArray = peek(1) == "["
    i += isArray ? 2 : 1
    skipWhitespace()
    let path = try parseKey()
    skipWhitespace()
    if isArray {
      guard peek == "]", peek(1) == "]" else {
        throw error("expected ']]' to close the array-of-tables header, found \(describeHere())")
      }
      i += 2
    } else {
      guard peek == "]" else {
        throw error("expected ']' to close the table header, found \(describeHere())")
      }
      i += 1
    }
    let span = file.span(from: start, to: i)
    current = try openHeader(path, isArray: isArray, span: span)
    try expectLineEnd(after: "a table header")
  }

  func makeTable(_ origin: TOMLTable.Origin, span: Span, parent: TOMLTable)
    throws(ParseError) -> TOMLTable
  {
    guard parent.depth < TOMLReader.maxDepth else {
      throw ParseError("tables nested deeper than \(TOMLReader.maxDepth) levels", at: span)
    }
    return TOMLTable(origin: origin, span: span, depth: parent.depth + 1)
  }

  /// Resolves `[a.b.c]` / `[[a.b.c]]` against the tree, applying TOML's
  /// rules on redefinition, and returns the table that following keys fill.
  func openHeader(_ path: KeyPath, isArray: Bool, span: Span) throws(ParseError) -> TOMLTable {
    var table = root
    for (n, segment) in path.enumerated() {
      let last = n == path.count - 1
      let existing = table.lookup(segment.key)
      if !last {
        switch existing?.item {
        case nil:
          let child = try makeTable(.implicit, span: segment.span, parent: table)
          table.insert(TOMLEntry(key: segment.key, keySpan: segment.span, item: .table(child)))
          table = child
        case .table(let child):
          if child.origin == .inline { throw redefinition(segment, "an inline table") }
          table = child
        case .tableArray(let array):
          guard let lastTable = array.tables.last else { throw redefinition(segment, "an array") }
          table = lastTable
        case .value:
          throw redefinition(segment, "a value")
        }
        continue
      }
      if isArray {
        switch existing?.item {
        case nil:
          let array = TOMLTableArray(span: span)
          let child = try makeTable(.header, span: span, parent: table)
          array.tables.append(child)
          table.insert(TOMLEntry(key: segment.key, keySpan: segment.span, item: .tableArray(array)))
          return child
        case .tableArray(let array):
          let child = try makeTable(.header, span: span, parent: table)
          array.tables.append(child)
          array.span = array.span.union(span)
          return child
        case .table:
          throw redefinition(segment, "a table")
        case .value:
          throw redefinition(segment, "a value")
        }
      }
      switch existing?.item {
      case nil:
        let child = try makeTable(.header, span: span, parent: table)
        table.insert(TOMLEntry(key: segment.key, keySpan: segment.span, item: .table(child)))
        return child
      case .table(let child) where child.origin == .implicit:
        child.origin = .header
        child.span = span
        return child
      case .table:
        throw redefinition(segment, "a table")
      case .tableArray:
        throw redefinition(segment, "an array of tables")
      case .value:
        throw redefinition(segment, "a value")
      }
    }
    return table
  }

  func redefinition(_ segment: (key: String, span: Span), _ what: String) -> ParseError {
    ParseError("'\(segment.key)' is already defined as \(what)", at: segment.span)
  }

  /// `key = value`, with dotted keys creating (or extending) dotted tables.
  mutating func parseKeyValue(into table: TOMLTable) throws(ParseError) {
    let path = try parseKey()
    skipWhitespace()
    guard peek == "=" else {
      let found = describeHere()
      var hint = ""
      if peek == ":" { hint = " (this looks like YAML or JSON, not TOML)" }
      let name = path.map(\.key).joined(separator: ".")
      throw error("expected '=' after key '\(name)', found \(found)\(hint)")
    }
    i += 1
    skipWhitespace()
    let value = try parseValue(depth: table.depth + 1)
    var target = table
    for segment in path.dropLast() {
      switch target.lookup(segment.key)?.item {
      case nil:
        let child = try makeTable(.dotted, span: segment.span, parent: target)
        target.insert(TOMLEntry(key: segment.key, keySpan: segment.span, item: .table(child)))
        target = child
      case .table(let child) where child.origin == .dotted:
        target = child
      case .table:
        throw redefinition(segment, "a table")
      case .tableArray:
        throw redefinition(segment, "an array of tables")
      case .value:
        throw redefinition(segment, "a value")
      }
      target.span = target.span.union(value.span)
    }
    guard let last = path.last else { throw error("expected a key") }
    if target.lookup(last.key) != nil {
      throw ParseError("duplicate key '\(last.key)'", at: last.span)
    }
    target.insert(TOMLEntry(key: last.key, keySpan: last.span, item: .value(value)))
  }

  // MARK: Keys

  static func isBareKeyScalar(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case "A"..."Z", "a"..."z", "0"..."9", "_", "-": return true
    default: return false
    }
  }

  mutating func parseKey() throws(ParseError) -> KeyPath {
    var path: KeyPath = []
    while true {
      if path.count >= TOMLReader.maxDepth { throw error("key has more than \(TOMLReader.maxDepth) parts") }
      let start = i
      let key: String
      switch peek {
      case "\"":
        if peek(1) == "\"", peek(2) == "\"" { throw error("a key cannot be a multi-line string") }
        key = try parseBasicString()
      case "'":
        if peek(1) == "'", peek(2) == "'" { throw error("a key cannot be a multi-line string") }
        key = try parseLiteralString()
      case let c? where Self.isBareKeyScalar(c):
        var v = String.UnicodeScalarView()
        while let c = peek, Self.isBareKeyScalar(c) {
          v.append(c)
          i += 1
        }
        key = String(v)
      default:
        throw error("expected a key, found \(describeHere())")
      }
      path.append((key, file.span(from: start, to: i)))
      skipWhitespace()
      guard peek == "." else { return path }
      i += 1
      skipWhitespace()
    }
  }
}
