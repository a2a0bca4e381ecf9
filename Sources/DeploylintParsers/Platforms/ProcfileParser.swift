import DeploylintCore

/// One `process: command` line of a Procfile.
public struct ProcfileEntry: Sendable, Hashable {
  public var process: Located<String>
  public var command: Located<String>
}

/// Reads a Procfile: `name: command` per line, `#` comments and blank lines
/// ignored; lines that are neither are skipped (Heroku ignores them too).
public enum ProcfileParser {
  public static func read(_ file: SourceFile) -> [ProcfileEntry] {
    var entries: [ProcfileEntry] = []
    let s = file.scalars
    for line in 1...file.lineCount {
      let start = file.lineStarts[line - 1]
      let end = file.lineContentEnd(line)
      var i = start
      while i < end, s[i] == " " || s[i] == "\t" { i += 1 }
      guard i < end, s[i] != "#" else { continue }
      let nameStart = i
      while i < end, s[i] == "_" || s[i] == "-" || s[i].properties.isAlphabetic || ("0"..."9").contains(s[i])
      {
        i += 1
      }
      let nameEnd = i
      guard nameEnd > nameStart, i < end, s[i] == ":" else { continue }
      i += 1
      while i < end, s[i] == " " || s[i] == "\t" { i += 1 }
      var commandEnd = end
      while commandEnd > i, s[commandEnd - 1] == " " || s[commandEnd - 1] == "\t" { commandEnd -= 1 }
      guard commandEnd > i else { continue }
      entries.append(
        ProcfileEntry(
          process: Located(
            file.text(from: nameStart, to: nameEnd), span: file.span(from: nameStart, to: nameEnd)),
          command: Located(file.text(from: i, to: commandEnd), span: file.span(from: i, to: commandEnd))))
    }
    return entries
  }
}
