import DeploylintCore
import Yams

/// Computes where YAML nodes end. libyaml (through Yams) reports only where a
/// node starts; the end positions come from re-reading the source text with
/// the knowledge of the node's style and value. Every scan moves forward and
/// stops at the end of the file, so the total work stays linear in practice.
struct YAMLSpanScanner {
  let file: SourceFile
  private var s: [Unicode.Scalar] { file.scalars }

  init(file: SourceFile) { self.file = file }

  private func isBlank(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" }
  private func isBreak(_ c: Unicode.Scalar) -> Bool { c == "\n" || c == "\r" }

  /// Skips node properties (`&anchor`, `!tag`) and the spaces after them:
  /// libyaml's start mark points at the first property.
  func skipProperties(from start: Int) -> Int {
    var i = start
    let n = s.count
    while i < n, s[i] == "&" || s[i] == "!" {
      while i < n, !isBlank(s[i]), !isBreak(s[i]) { i += 1 }
      while i < n, isBlank(s[i]) || isBreak(s[i]) { i += 1 }
      // A comment between properties and content.
      if i < n, s[i] == "#" {
        while i < n, !isBreak(s[i]) { i += 1 }
        while i < n, isBlank(s[i]) || isBreak(s[i]) { i += 1 }
      }
    }
    return min(i, n)
  }

  /// The offsets of the `*name` token at or after `from`, skipping comments.
  func aliasToken(after from: Int, name: String) -> (Int, Int) {
    var i = from
    let n = s.count
    while i < n, s[i] != "*" {
      if s[i] == "#" {
        while i < n, !isBreak(s[i]) { i += 1 }
      } else {
        i += 1
      }
    }
    guard i < n else { return (from, from) }
    return (i, min(n, i + 1 + name.unicodeScalars.count))
  }

  /// Where a scalar starting at `start` ends (exclusive).
  func scalarEnd(from start: Int, style: Node.Scalar.Style, value: String) -> Int {
    guard start < s.count else { return s.count }
    switch style {
    case .singleQuoted where s[start] == "'": return singleQuotedEnd(start)
    case .doubleQuoted where s[start] == "\"": return doubleQuotedEnd(start)
    case .literal, .folded: return blockScalarEnd(start)
    default: return plainEnd(start, value: value)
    }
  }

  private func singleQuotedEnd(_ start: Int) -> Int {
    var i = start + 1
    while i < s.count {
      if s[i] == "'" {
        if i + 1 < s.count, s[i + 1] == "'" {
          i += 2
          continue
        }
        return i + 1
      }
      i += 1
    }
    return s.count
  }

  private func doubleQuotedEnd(_ start: Int) -> Int {
    var i = start + 1
    while i < s.count {
      if s[i] == "\\" {
        i += 2
        continue
      }
      if s[i] == "\"" { return i + 1 }
      i += 1
    }
    return s.count
  }

  /// A plain scalar's source holds exactly the non-blank characters of its
  /// value (folding only changes whitespace), so we consume that many.
  private func plainEnd(_ start: Int, value: String) -> Int {
    var remaining = value.unicodeScalars.reduce(0) { $0 + (isBlank($1) || isBreak($1) ? 0 : 1) }
    var i = start
    var end = start
    while i < s.count, remaining > 0 {
      let c = s[i]
      if isBlank(c) || isBreak(c) {
        i += 1
        continue
      }
      remaining -= 1
      i += 1
      end = i
    }
    return end
  }

  /// A literal or folded block scalar ends with its last non-empty content line.
  private func blockScalarEnd(_ start: Int) -> Int {
    let header = file.position(of: start)
    let headerEnd = file.lineContentEnd(header.line)
    var headerIndent = 0
    let lineStart = file.lineStarts[header.line - 1]
    while lineStart + headerIndent < headerEnd, s[lineStart + headerIndent] == " " { headerIndent += 1 }
    var end = headerEnd
    // Trim a trailing comment on the header line.
    if let hash = (start..<headerEnd).first(where: { s[$0] == "#" && $0 > start && isBlank(s[$0 - 1]) }) {
      end = hash
      while end > start, isBlank(s[end - 1]) { end -= 1 }
    }
    var contentIndent: Int? = nil
    var line = header.line + 1
    while line <= file.lineCount {
      let ls = file.lineStarts[line - 1]
      let le = file.lineContentEnd(line)
      var indent = 0
      while ls + indent < le, s[ls + indent] == " " { indent += 1 }
      let empty = (ls + indent..<le).allSatisfy { isBlank(s[$0]) }
      if !empty {
        if let ci = contentIndent {
          if indent < ci { break }
        } else {
          if indent <= headerIndent { break }
          contentIndent = indent
        }
        end = le
      }
      line += 1
    }
    return end
  }

  /// A collection ends after its last child, or after its closing bracket
  /// when it is a flow collection.
  func collectionEnd(start: Int, lastChildEnd: Int) -> Int {
    guard start < s.count, s[start] == "[" || s[start] == "{" else { return max(start, lastChildEnd) }
    let closer: Unicode.Scalar = s[start] == "[" ? "]" : "}"
    var i = max(start + 1, lastChildEnd)
    while i < s.count {
      let c = s[i]
      if c == closer { return i + 1 }
      if c == "#" {
        while i < s.count, !isBreak(s[i]) { i += 1 }
        continue
      }
      if !(isBlank(c) || isBreak(c) || c == ",") { return max(start, lastChildEnd) }
      i += 1
    }
    return max(start, lastChildEnd)
  }

  /// Where an empty (null) plain scalar sits: just after the `:` or `-` that
  /// introduced it, zero-width.
  func emptyScalarPosition(after from: Int) -> Int {
    var i = from
    while i < s.count, isBlank(s[i]) { i += 1 }
    if i < s.count, s[i] == ":" || s[i] == "-" || s[i] == "?" { return i + 1 }
    return from
  }
}
