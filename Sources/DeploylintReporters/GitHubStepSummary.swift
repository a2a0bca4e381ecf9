import DeploylintCore

/// Markdown for `$GITHUB_STEP_SUMMARY`: a header, the counts, and a table of
/// findings by service and rule. It has every finding, unlike annotations,
/// which GitHub caps. Scanned text is escaped for Markdown and HTML (pipes,
/// `<`, backticks…) so a service name cannot break the table or inject markup.
public func githubStepSummary(_ report: Report) -> String {
  let tally = Tally(report)
  var out = "## deploylint\n\n"
  if tally.total == 0 {
    out += "No problems found in \(plural(tally.files, "file")) (\(plural(tally.services, "service"))).\n"
  } else {
    out +=
      "**\(plural(tally.errors, "error")), \(plural(tally.warnings, "warning")), "
      + "\(plural(tally.notes, "note"))** in \(plural(tally.files, "file")) "
      + "(\(plural(tally.services, "service"))).\n\n"
    out += "| Service | Rule | Severity | Count |\n| --- | --- | --- | --- |\n"
    struct Key: Hashable {
      var service: String
      var rule: String
      var severity: Severity
    }
    var counts: [Key: Int] = [:]
    for f in report.findings {
      counts[Key(service: f.service ?? "", rule: f.ruleID, severity: f.severity), default: 0] += 1
    }
    let rows = counts.keys.sorted {
      ($0.service, $0.rule, $1.severity.rawValue) < ($1.service, $1.rule, $0.severity.rawValue)
    }
    for key in rows {
      let service = key.service.isEmpty ? "—" : MarkdownEscaping.cell(key.service)
      out +=
        "| \(service) | \(MarkdownEscaping.cell(key.rule)) | \(key.severity.rawValue) | "
        + "\(counts[key, default: 0]) |\n"
    }
  }
  let notes = Canonical.notifications(report)
  if !notes.isEmpty {
    out += "\n\(plural(notes.count, "file")) could not be read:\n\n"
    for note in notes {
      out += "- \(MarkdownEscaping.cell(note.path)): \(MarkdownEscaping.cell(note.message))\n"
    }
  }
  return out
}

/// Escaping of scanned text inside GitHub-flavoured Markdown.
enum MarkdownEscaping {
  /// Text in a table cell or a list item: HTML-significant characters become
  /// entities, Markdown punctuation is backslash-escaped, line breaks become
  /// spaces, control characters are made visible.
  static func cell(_ s: String) -> String {
    var out = ""
    for c in VisibleText.make(s.replacingCRLF()).unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "`": out += "&#96;"
      case "|": out += "\\|"
      case "\n", "\t": out += " "
      case "\\", "*", "_", "[", "]", "(", ")", "#", "!", "~", "$":
        out += "\\"
        out.unicodeScalars.append(c)
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }

}
