import DeploylintCore

/// Reads Dokku's `DOKKU_SCALE` file: one `process=count` per line
/// (https://dokku.com/docs/processes/process-management/#manually-managing-process-scaling).
/// Each entry keeps the process name and the count as written, located;
/// lines that are neither are skipped.
public enum DokkuScale {
  public static func read(_ file: SourceFile) -> [ProcfileEntry] {
    var entries: [ProcfileEntry] = []
    for line in 1...file.lineCount {
      let start = file.lineStarts[line - 1]
      let end = file.lineContentEnd(line)
      let s = file.scalars
      var i = start
      while i < end, s[i] == " " || s[i] == "\t" { i += 1 }
      guard i < end, s[i] != "#" else { continue }
      let nameStart = i
      while i < end, s[i] != "=", s[i] != " ", s[i] != "\t" { i += 1 }
      let nameEnd = i
      guard nameEnd > nameStart, i < end, s[i] == "=" else { continue }
      i += 1
      let valueStart = i
      var valueEnd = end
      while valueEnd > valueStart, s[valueEnd - 1] == " " || s[valueEnd - 1] == "\t" { valueEnd -= 1 }
      guard valueEnd > valueStart else { continue }
      entries.append(
        ProcfileEntry(
          process: Located(
            file.text(from: nameStart, to: nameEnd), span: file.span(from: nameStart, to: nameEnd)),
          command: Located(
            file.text(from: valueStart, to: valueEnd), span: file.span(from: valueStart, to: valueEnd))))
    }
    return entries
  }
}
