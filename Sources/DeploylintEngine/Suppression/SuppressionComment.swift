import DeploylintCore

/// One `# deploylint: disable=<id>[,<id>] -- reason` (or `disable-file=`)
/// comment found in a scanned file.
public struct SuppressionComment: Hashable, Sendable {
  /// Rule ids (or aliases) as written.
  public var ids: [String]
  /// The text after `--`; nil or empty when the author gave none.
  public var reason: String?
  /// `disable-file=`: the whole file, not one line.
  public var fileWide: Bool
  /// The comment, from `#` to the end of the line.
  public var span: Span

  /// Whether a finding starting at `line` of the same file is covered: the
  /// comment's own line, or the line after it.
  func covers(_ finding: Finding) -> Bool {
    guard finding.span.path == span.path else { return false }
    return fileWide || finding.span.line == span.line || finding.span.line == span.line + 1
  }
}

/// Reads suppression comments from files whose format has `#` comments
/// (Dockerfile, YAML, TOML, Procfile, requirements, .env). JSON has no comments:
/// its findings are ignored from the configuration (`ignore`).
public enum SuppressionScanner {
  static let marker = "deploylint:"

  /// Every suppression comment of `source`, in line order. Bounded: one pass
  /// over the lines, no backtracking.
  public static func scan(_ source: SourceFile) -> [SuppressionComment] {
    var found: [SuppressionComment] = []
    guard source.text.containsUTF8(marker) else { return [] }
    for number in 1...max(1, source.lineCount) where number <= source.lineCount {
      let line = Array(source.line(number).unicodeScalars)
      var index = 0
      while index < line.count {
        defer { index += 1 }
        guard line[index] == "#" else { continue }
        guard let comment = parse(line, from: index, path: source.path, line: number) else { continue }
        found.append(comment)
        break
      }
    }
    return found
  }

  /// Parses `# deploylint: disable=a,b -- reason` starting at the `#` at `start`.
  static func parse(_ line: [Unicode.Scalar], from start: Int, path: String, line number: Int)
    -> SuppressionComment?
  {
    var rest = String(String.UnicodeScalarView(line[(start + 1)...]))
    rest = rest.trimmed
    guard rest.lowercased().hasPrefix(marker) else { return nil }
    rest = String(rest.dropFirst(marker.count)).trimmed
    let fileWide: Bool
    if rest.hasPrefix("disable-file=") {
      fileWide = true
      rest = String(rest.dropFirst("disable-file=".count))
    } else if rest.hasPrefix("disable=") {
      fileWide = false
      rest = String(rest.dropFirst("disable=".count))
    } else {
      return nil
    }
    var reason: String?
    if let dashes = rest.range(of: "--") {
      reason = String(rest[dashes.upperBound...]).trimmed
      rest = String(rest[..<dashes.lowerBound])
    }
    let idText = rest.trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
    let ids = idText.split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
    guard !ids.isEmpty else { return nil }
    let span = Span(path: path, line: number, column: start + 1, endLine: number, endColumn: line.count + 1)
    return SuppressionComment(ids: ids, reason: reason, fileWide: fileWide, span: span)
  }
}

extension String {
  var trimmed: String {
    var s = Substring(self)
    while s.first?.isWhitespace == true { s = s.dropFirst() }
    while s.last?.isWhitespace == true { s = s.dropLast() }
    return String(s)
  }
}
