import DeploylintCore

/// One `KEY=value` line of a `.env` file.
public struct DotEnvEntry: Sendable, Hashable {
  public var key: Located<String>
  /// The value, unquoted (and unescaped for double quotes).
  public var value: Located<String>
}

/// Reads `.env` / `.env.example` files as Compose does: `KEY=value`, optional
/// `export ` prefix, `#` comments (whole-line, or after a space in unquoted
/// values), single quotes taken literally, double quotes with `\n`, `\"`,
/// `\\` escapes and able to span lines. Malformed lines are skipped.
public enum DotEnvParser {
  public static func read(_ file: SourceFile) -> [DotEnvEntry] {
    var entries: [DotEnvEntry] = []
    let s = file.scalars
    var i = 0
    func isBlank(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" }
    func isBreak(_ c: Unicode.Scalar) -> Bool { c == "\n" || c == "\r" }
    func skipLine() { while i < s.count, !isBreak(s[i]) { i += 1 } }
    while i < s.count {
      while i < s.count, isBlank(s[i]) || isBreak(s[i]) { i += 1 }
      guard i < s.count else { break }
      if s[i] == "#" {
        skipLine()
        continue
      }
      if file.text(from: i, to: i + 7) == "export ", i + 7 < s.count {
        i += 7
        while i < s.count, isBlank(s[i]) { i += 1 }
      }
      let keyStart = i
      while i < s.count, !isBlank(s[i]), !isBreak(s[i]), s[i] != "=" { i += 1 }
      let keyEnd = i
      while i < s.count, isBlank(s[i]) { i += 1 }
      guard keyEnd > keyStart, i < s.count, s[i] == "=" else {
        skipLine()
        continue
      }
      i += 1
      while i < s.count, isBlank(s[i]) { i += 1 }
      let valueStart = i
      var value = String.UnicodeScalarView()
      var valueEnd = i
      if i < s.count, s[i] == "'" || s[i] == "\"" {
        let quote = s[i]
        i += 1
        while i < s.count, s[i] != quote {
          if quote == "\"", s[i] == "\\", i + 1 < s.count {
            let e = s[i + 1]
            value.append(e == "n" ? "\n" : e == "t" ? "\t" : e == "r" ? "\r" : e)
            i += 2
            continue
          }
          value.append(s[i])
          i += 1
        }
        i = min(s.count, i + 1)
        valueEnd = i
        skipLine()
      } else {
        while i < s.count, !isBreak(s[i]) {
          if s[i] == "#", i > valueStart, isBlank(s[i - 1]) { break }
          i += 1
        }
        valueEnd = i
        while valueEnd > valueStart, isBlank(s[valueEnd - 1]) { valueEnd -= 1 }
        value.append(contentsOf: s[valueStart..<valueEnd])
        skipLine()
      }
      entries.append(
        DotEnvEntry(
          key: Located(file.text(from: keyStart, to: keyEnd), span: file.span(from: keyStart, to: keyEnd)),
          value: Located(String(value), span: file.span(from: valueStart, to: valueEnd))))
    }
    return entries
  }

  /// The entries as a dictionary (the last definition of a key wins).
  public static func variables(_ file: SourceFile) -> [String: String] {
    var result: [String: String] = [:]
    for entry in read(file) { result[entry.key.value] = entry.value.value }
    return result
  }
}
