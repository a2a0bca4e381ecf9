/// The text of one scanned file with a line index, so that parsers can turn
/// offsets into exact spans. Lines end at `\n`, `\r\n` or a lone `\r`; the line
/// terminator is never part of a line's content.
public struct SourceFile: Sendable {
  /// Path relative to the scanned root, `/`-separated.
  public let path: String
  public let text: String
  /// The text as Unicode scalars, indexed by scalar offset.
  public let scalars: [Unicode.Scalar]
  /// Scalar offset at which each line starts (index 0 is line 1).
  public let lineStarts: [Int]

  public init(path: String, text: String) {
    self.path = path
    self.text = text
    let scalars = Self.decodeScalars(text)
    self.scalars = scalars
    var starts = [0]
    var i = 0
    while i < scalars.count {
      let c = scalars[i]
      if c == "\r" {
        if i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
        starts.append(i + 1)
      } else if c == "\n" {
        starts.append(i + 1)
      }
      i += 1
    }
    self.lineStarts = starts
  }

  /// The scalars of `text`, decoded from its UTF-8 bytes into a buffer of
  /// the right size (iterating the scalar view was a tenth of the parse).
  static func decodeScalars(_ text: String) -> [Unicode.Scalar] {
    var text = text
    return text.withUTF8 { bytes in
      // A scalar starts at every byte that is not a continuation byte.
      let count = bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
      return [Unicode.Scalar](unsafeUninitializedCapacity: count) { out, initialized in
        var i = 0
        var n = 0
        while i < bytes.count {
          let lead = bytes[i]
          var width = 1
          var value = UInt32(lead)
          if lead >= 0x80 {
            width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            value &= width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07
            for k in 1..<width { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
          }
          // Valid UTF-8 (a String's bytes) always decodes.
          out.initializeElement(at: n, to: Unicode.Scalar(value) ?? "\u{FFFD}")
          n += 1
          i += width
        }
        initialized = n
      }
    }
  }

  /// Decodes bytes as UTF-8 (or UTF-16 when a BOM or the pattern of NUL bytes
  /// says so), replacing invalid sequences, and drops a leading UTF-8 BOM.
  public init(path: String, bytes: [UInt8]) {
    self.init(path: path, text: SourceFile.decode(bytes))
  }

  public static func decode(_ bytes: [UInt8]) -> String {
    SourceEncoding.detect(bytes).decode(bytes)
  }

  public var lineCount: Int { lineStarts.count }

  /// Scalar offset where the content of `line` (1-based) ends, before its terminator.
  public func lineContentEnd(_ line: Int) -> Int {
    guard line >= 1, line <= lineStarts.count else { return scalars.count }
    var end = line < lineStarts.count ? lineStarts[line] : scalars.count
    if end > lineStarts[line - 1], end - 1 < scalars.count, scalars[end - 1] == "\n" { end -= 1 }
    if end > lineStarts[line - 1], end - 1 < scalars.count, scalars[end - 1] == "\r" { end -= 1 }
    return end
  }

  /// The content of a 1-based line, without its terminator.
  public func line(_ line: Int) -> String {
    guard line >= 1, line <= lineStarts.count else { return "" }
    return text(from: lineStarts[line - 1], to: lineContentEnd(line))
  }

  /// 1-based (line, column) of a scalar offset.
  public func position(of offset: Int) -> (line: Int, column: Int) {
    var lo = 0
    var hi = lineStarts.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
    }
    return (lo + 1, offset - lineStarts[lo] + 1)
  }

  /// Scalar offset of a 1-based (line, column).
  public func offset(line: Int, column: Int) -> Int {
    guard line >= 1, line <= lineStarts.count else { return scalars.count }
    return min(lineStarts[line - 1] + column - 1, scalars.count)
  }

  /// The span of scalar offsets `start..<end`.
  public func span(from start: Int, to end: Int) -> Span {
    let a = position(of: start)
    let b = position(of: max(start, end))
    return Span(path: path, line: a.line, column: a.column, endLine: b.line, endColumn: b.column)
  }

  /// The span of a whole line's content.
  public func spanOfLine(_ line: Int) -> Span {
    let start = offset(line: line, column: 1)
    return span(from: start, to: lineContentEnd(line))
  }

  /// The text of scalar offsets `start..<end`.
  public func text(from start: Int, to end: Int) -> String {
    let lower = max(0, start)
    let upper = min(end, scalars.count)
    guard lower < upper else { return "" }
    return String(scalars: scalars[lower..<upper])
  }
}
