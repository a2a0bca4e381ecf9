import DeploylintCore

/// Markdown for `$GITHUB_STEP_SUMMARY`: a header, the counts, and a table of
/// findings by service and rule. It counts every finding, unlike annotations,
/// which GitHub caps. Scanned text is escaped for Markdown and HTML (pipes,
/// `<`, backticks…) so a service name cannot break the table or inject markup.
///
/// GitHub refuses a step summary over 1 MiB (and shows nothing of it), so the
/// result stays within `limit` bytes: rows that do not fit are left out and a
/// closing line says how many findings and notifications they hold and where
/// they are. The totals in the header are always the true counts.
public func githubStepSummary(_ report: Report, limit: Int = GitHubStepSummary.maxBytes) -> String {
  var summary = GitHubStepSummary(limit: limit)
  let tally = Tally(report)
  summary.head += "## deploylint\n\n"
  if tally.total == 0 {
    summary.head +=
      "No problems found in \(plural(tally.files, "file")) (\(plural(tally.services, "service"))).\n"
  } else {
    summary.head +=
      "**\(plural(tally.errors, "error")), \(plural(tally.warnings, "warning")), "
      + "\(plural(tally.notes, "note"))** in \(plural(tally.files, "file")) "
      + "(\(plural(tally.services, "service"))).\n\n"
    summary.head += "| Service | Rule | Severity | Count |\n| --- | --- | --- | --- |\n"
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
      let count = counts[key, default: 0]
      summary.add(
        "| \(service) | \(MarkdownEscaping.cell(key.rule)) | \(key.severity.rawValue) | \(count) |\n",
        findings: count)
    }
  }
  let notes = Canonical.notifications(report)
  if !notes.isEmpty {
    summary.add("\n\(plural(notes.count, "file")) could not be read:\n\n", notifications: 0)
    for note in notes {
      summary.add(
        "- \(MarkdownEscaping.cell(note.path)): \(MarkdownEscaping.cell(note.message))\n", notifications: 1)
    }
  }
  return summary.text()
}

/// A step summary held within GitHub's size limit.
public struct GitHubStepSummary {
  /// GitHub's limit on one step's summary: 1 MiB ("Job summaries", GitHub
  /// Actions documentation: "the maximum size of the summary is 1MiB").
  public static let maxBytes = 1_048_576
  /// Room kept for the closing line (it is under 400 bytes).
  static let closingRoom = 512

  let limit: Int
  var head = ""
  var body: [String] = []
  var bytes = 0
  var cut = false
  var leftFindings = 0
  var leftNotifications = 0

  init(limit: Int) { self.limit = limit }

  /// Adds a line, or counts what it stands for as left out once the room is used.
  mutating func add(_ line: String, findings: Int = 0, notifications: Int = 0) {
    if !cut, head.utf8.count + bytes + line.utf8.count + Self.closingRoom <= limit {
      body.append(line)
      bytes += line.utf8.count
    } else {
      cut = true
      leftFindings += findings
      leftNotifications += notifications
    }
  }

  func text() -> String {
    guard cut else { return head + body.joined() }
    var closing =
      "\n**Cut at GitHub's 1 MiB step summary limit:** \(plural(leftFindings, "finding"))"
      + " and \(plural(leftNotifications, "unread file"))" + " are left out of this summary. "
    closing +=
      "Each is an annotation line of the `github` format; a SARIF report (`--sarif-output`) "
      + "holds up to \(SARIFReporter.defaultMaxResults) findings, the most severe first, "
      + "and `--format json` holds them all.\n"
    let whole = head + body.joined() + closing
    // A limit smaller than the header itself: the header alone, cut on a scalar.
    let utf8 = Array(whole.utf8)
    guard utf8.count > limit else { return whole }
    var end = max(0, limit)
    while end > 0, utf8[end] & 0xC0 == 0x80 { end -= 1 }
    return String(decoding: utf8[..<end], as: UTF8.self)
  }
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
