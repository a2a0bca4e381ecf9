import DeploylintCore

/// Applies findings' `TextEdit`s to one file's bytes. Only the bytes of an
/// edit change: a BOM, CRLF or CR line ends, NUL and bytes that are not UTF-8
/// and a last line without a line end are kept as they are, inserted text is
/// written in the file's encoding (UTF-8 or UTF-16) and with its line ends,
/// and an inserted line never merges into its neighbour.
///
/// Edits are applied from the end so offsets stay valid; an edit overlapping
/// one already accepted is skipped (and reported), never merged. Identical
/// edits count once, so two findings proposing the same fix do not apply it
/// twice.
public enum FixApplier {
  public struct Result: Sendable {
    public var bytes: [UInt8]
    public var applied: [TextEdit]
    public var skipped: [TextEdit]
  }

  /// Why a file's bytes cannot take the edits.
  public struct Refusal: Error, CustomStringConvertible, Sendable {
    public var description: String
  }

  /// `bytes` with the edits applied. `source` is the text the edits' spans
  /// refer to; it must be what `bytes` decode to (else the file changed).
  public static func apply(_ edits: [TextEdit], to source: SourceFile, bytes: [UInt8]) throws(Refusal)
    -> Result
  {
    let encoding = SourceEncoding.detect(bytes)
    let (scalars, offsets) = encoding.scalarOffsets(bytes)
    guard scalars == source.scalars else {
      throw Refusal(description: "the file changed since it was scanned")
    }
    var unique: [TextEdit] = []
    for e in edits where !unique.contains(e) { unique.append(e) }
    let located = unique.map { edit -> (start: Int, end: Int, edit: TextEdit) in
      let start = source.offset(line: edit.span.line, column: edit.span.column)
      let end = max(start, source.offset(line: edit.span.endLine, column: edit.span.endColumn))
      return (start, end, edit)
    }.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
    var accepted: [(start: Int, end: Int, edit: TextEdit)] = []
    var skipped: [TextEdit] = []
    for e in located {
      if let last = accepted.last, e.start < last.end || (e.start == last.start && e.end == last.end) {
        skipped.append(e.edit)
      } else {
        accepted.append(e)
      }
    }
    var out = bytes
    for e in accepted.reversed() {
      let text = replacement(e.edit.replacement, at: e.start, end: e.end, in: source)
      out.replaceSubrange(offsets[e.start]..<offsets[e.end], with: encoding.encode(text))
    }
    return Result(bytes: out, applied: accepted.map(\.edit), skipped: skipped)
  }

  /// The replacement as it goes into the file: its `\n` line ends become the
  /// file's, and whole lines inserted after a last line that has no line end
  /// get one in front (the last line keeps having none).
  static func replacement(_ text: String, at start: Int, end: Int, in source: SourceFile) -> String {
    guard text.contains("\n") else { return text }
    let newline = lineEnd(before: start, in: source)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let insertsWholeLines = start == end && lines.last == ""
    let afterUnterminatedLine =
      start > 0 && start == source.scalars.count && source.scalars[start - 1] != "\n"
      && source.scalars[start - 1] != "\r"
    if insertsWholeLines, afterUnterminatedLine {
      lines.removeLast()
      lines.insert("", at: 0)
    }
    return lines.joined(separator: newline)
  }

  /// The line end of the last line that ends before `offset` (else the first
  /// of the file, else `\n`).
  static func lineEnd(before offset: Int, in source: SourceFile) -> String {
    func end(at i: Int) -> String? {
      switch source.scalars[i] {
      case "\n": return i > 0 && source.scalars[i - 1] == "\r" ? "\r\n" : "\n"
      case "\r": return i + 1 < source.scalars.count && source.scalars[i + 1] == "\n" ? nil : "\r"
      default: return nil
      }
    }
    var i = min(offset, source.scalars.count) - 1
    while i >= 0 {
      if let found = end(at: i) { return found }
      i -= 1
    }
    for j in source.scalars.indices { if let found = end(at: j) { return found } }
    return "\n"
  }
}

/// A unified diff (`diff -u` style, 3 lines of context) of two versions of a
/// file, for `deploylint fix --dry-run`. Common leading and trailing lines are
/// trimmed first; the middle is diffed by longest common subsequence, bounded
/// (a middle longer than 2,000 lines is shown as one replacement).
public enum UnifiedDiff {
  public static func make(path: String, old: String, new: String) -> String {
    let a = lines(old)
    let b = lines(new)
    guard a != b else { return "" }
    var prefix = 0
    while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < a.count - prefix, suffix < b.count - prefix,
      a[a.count - 1 - suffix] == b[b.count - 1 - suffix]
    {
      suffix += 1
    }
    let midA = Array(a[prefix..<(a.count - suffix)])
    let midB = Array(b[prefix..<(b.count - suffix)])
    var body: [String] = []
    if midA.count <= 2000, midB.count <= 2000 {
      body = lcsDiff(midA, midB)
    } else {
      body = midA.map { "-" + $0 } + midB.map { "+" + $0 }
    }
    let before = Array(a[max(0, prefix - 3)..<prefix]).map { " " + $0 }
    let afterEnd = min(a.count, a.count - suffix + 3)
    let after = Array(a[(a.count - suffix)..<afterEnd]).map { " " + $0 }
    let oldStart = prefix - before.count + 1
    let oldCount = before.count + midA.count + after.count
    let newCount = before.count + midB.count + after.count
    let shown = path.hasPrefix("/") ? String(path.dropFirst()) : path
    var out = "--- a/\(shown)\n+++ b/\(shown)\n"
    out +=
      "@@ -\(oldCount == 0 ? oldStart - 1 : oldStart),\(oldCount) +\(newCount == 0 ? oldStart - 1 : oldStart),\(newCount) @@\n"
    for line in before + body + after { out += line + "\n" }
    return out
  }

  /// Lines split at `\n` scalars: a CRLF line keeps its `\r` (a `String`
  /// split by `Character` would see `\r\n` as one character, not a line end).
  static func lines(_ text: String) -> [String] {
    var out = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
      String(String.UnicodeScalarView($0))
    }
    if out.last == "" { out.removeLast() }
    return out
  }

  static func lcsDiff(_ a: [String], _ b: [String]) -> [String] {
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
      for j in stride(from: b.count - 1, through: 0, by: -1) {
        table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
      }
    }
    var out: [String] = []
    var i = 0
    var j = 0
    while i < a.count || j < b.count {
      if i < a.count, j < b.count, a[i] == b[j] {
        out.append(" " + a[i])
        i += 1
        j += 1
      } else if i < a.count, j == b.count || table[i + 1][j] >= table[i][j + 1] {
        // Removed lines come before added ones, as diff and git print them.
        out.append("-" + a[i])
        i += 1
      } else {
        out.append("+" + b[j])
        j += 1
      }
    }
    return out
  }
}
