import DeploylintCore

/// One physical line as buildkit's scanner sees it: split at `\n` only
/// (a lone `\r` stays inside the line, as in buildkit), with the offsets of
/// its content (trailing `\r`/`\n` removed) and of its end (terminator included).
struct PhysicalLine {
  var start: Int
  var contentEnd: Int
  var end: Int
}

/// An instruction's text after continuation lines are joined, keeping the
/// file offset of every scalar so that arguments get exact spans even when
/// they sit on a continuation line.
struct LogicalLine {
  var scalars: [Unicode.Scalar] = []
  var offsets: [Int] = []
  /// Offset used for empty ranges at the end of the line.
  var endOffset: Int = 0

  var count: Int { scalars.count }

  mutating func append(from file: SourceFile, _ range: Range<Int>) {
    // A block per physical line: one capacity check and copy each, not one
    // per scalar (most of a long continued `RUN`'s parse time).
    scalars.append(contentsOf: file.scalars[range])
    offsets.append(contentsOf: range)
  }

  /// Whether `<<` occurs. A heredoc opener is a word that starts (after
  /// optional digits) with `<<` as written, since reading the words keeps
  /// quotes, escapes and unset references as they are; lines without one
  /// (nearly all, `2>&1 < x` included) skip the word scan.
  var containsHeredocMarker: Bool {
    for i in scalars.indices.dropFirst() where scalars[i] == "<" && scalars[i - 1] == "<" { return true }
    return false
  }

  func text(_ range: Range<Int>) -> String {
    String(scalars: scalars[range.clamped(to: 0..<scalars.count)])
  }

  func offset(at index: Int) -> Int { index < offsets.count ? offsets[index] : endOffset }

  /// The file span of `range`, from its first scalar to just after its last.
  func span(_ range: Range<Int>, in file: SourceFile) -> Span {
    let r = range.clamped(to: 0..<scalars.count)
    if r.isEmpty {
      let o = offset(at: range.lowerBound)
      return file.span(from: o, to: o)
    }
    return file.span(from: offsets[r.lowerBound], to: offsets[r.upperBound - 1] + 1)
  }

  /// The span of characters at `positions` (indices into this line), first to last.
  func span(positions: [Int], emptyAt index: Int, in file: SourceFile) -> Span {
    guard let first = positions.first, let last = positions.last else {
      return span(index..<index, in: file)
    }
    return span(first..<(last + 1), in: file)
  }
}

enum LineSplitter {
  /// Splits the file at `\n` like buildkit's `scanLines`.
  static func physicalLines(_ file: SourceFile) -> [PhysicalLine] {
    var lines: [PhysicalLine] = []
    let s = file.scalars
    var start = 0
    var i = 0
    while i < s.count {
      if s[i] == "\n" {
        lines.append(make(s, start, i + 1))
        start = i + 1
      }
      i += 1
    }
    if start < s.count { lines.append(make(s, start, s.count)) }
    return lines
  }

  private static func make(_ s: [Unicode.Scalar], _ start: Int, _ end: Int) -> PhysicalLine {
    var contentEnd = end
    while contentEnd > start, s[contentEnd - 1] == "\n" || s[contentEnd - 1] == "\r" {
      contentEnd -= 1
    }
    return PhysicalLine(start: start, contentEnd: contentEnd, end: end)
  }

  /// buildkit's `lineContinuationRegex`: the line ends (ignoring trailing
  /// spaces and tabs) with the escape token that is not itself escaped.
  /// Returns the content without the token, and whether the line continues.
  static func trimContinuation(
    _ s: [Unicode.Scalar], _ range: Range<Int>, escape: Unicode.Scalar
  ) -> (Range<Int>, continues: Bool) {
    var e = range.upperBound
    while e > range.lowerBound, s[e - 1] == " " || s[e - 1] == "\t" { e -= 1 }
    guard e > range.lowerBound, s[e - 1] == escape else { return (range, false) }
    let tokenIndex = e - 1
    if tokenIndex == range.lowerBound { return (range.lowerBound..<range.lowerBound, true) }
    if s[tokenIndex - 1] == escape { return (range, false) }
    return (range.lowerBound..<tokenIndex, true)
  }
}

/// Character classes of Go's standard library, which buildkit relies on.
enum GoChars {
  /// `unicode.IsSpace`.
  static func isSpace(_ c: Unicode.Scalar) -> Bool {
    switch c.value {
    case 0x09...0x0D, 0x20, 0x85, 0xA0: return true
    case 0..<0x80: return false
    default: return c.properties.isWhitespace
    }
  }

  /// buildkit's `reWhitespace`: `[\t\v\f\r ]`.
  static func isReWhitespace(_ c: Unicode.Scalar) -> Bool {
    c == "\t" || c == "\u{0B}" || c == "\u{0C}" || c == "\r" || c == " "
  }

  /// The regexp class `\s`: `[\t\n\f\r ]`.
  static func isRegexSpace(_ c: Unicode.Scalar) -> Bool {
    c == "\t" || c == "\n" || c == "\u{0C}" || c == "\r" || c == " "
  }

  /// `strings.TrimSpace` on a range.
  static func trimSpace(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Range<Int> {
    var a = range.lowerBound
    var b = range.upperBound
    while a < b, isSpace(s[a]) { a += 1 }
    while b > a, isSpace(s[b - 1]) { b -= 1 }
    return a..<b
  }
}
