import DeploylintCore

/// GitHub Actions workflow commands, one line per finding:
///
/// ```
/// ::error file=render.yaml,line=4,endLine=4,col=11,endColumn=15,title=deploylint: rule-id::message%0Ahelp: …
/// ```
///
/// Escaping follows the runner's rules (actions/toolkit `command.ts`): data
/// escapes `%`, CR and LF as `%25`, `%0D`, `%0A`; property values also escape
/// `:` and `,` as `%3A`, `%2C`. A scanned line break can therefore never start
/// a new line in the log, so scanned text can never inject a command. Other
/// control characters are rendered visibly, as in the text format.
///
/// GitHub shows at most 10 error, 10 warning and 10 notice annotations per step
/// and 50 per job (GitHub Actions limits; the rest are dropped silently). When
/// some findings will not be shown, a `::notice::` line printed first (so that
/// it is itself shown) says how many, and what the log, SARIF and the step
/// summary hold of them, each as its true count.
public struct GitHubReporter: Reporter {
  /// Annotations of one kind GitHub shows per step.
  public static let annotationsPerKindPerStep = 10
  /// Annotations GitHub shows per job, all steps together.
  public static let annotationsPerJob = 50

  /// What a SARIF report of the same run holds at most (the notice says so).
  public var sarifMaxResults: Int

  public init(sarifMaxResults: Int = SARIFReporter.defaultMaxResults) {
    self.sarifMaxResults = sarifMaxResults
  }

  public func render(_ report: Report, options: ReporterOptions) -> String {
    let findings = Canonical.findings(report)
    let notifications = Canonical.notifications(report)
    var counts: [String: Int] = [:]
    for f in findings { counts[command(f.severity), default: 0] += 1 }
    counts["warning", default: 0] += notifications.count

    let cap = GitHubReporter.annotationsPerKindPerStep
    var out = ""
    if counts.values.contains(where: { $0 > cap }) {
      // Our notice takes one of the ten notice slots.
      let hidden =
        max(0, counts["error", default: 0] - cap) + max(0, counts["warning", default: 0] - cap)
        + max(0, counts["notice", default: 0] - (cap - 1))
      out +=
        "::notice title=deploylint::"
        + GitHubEscaping.data(
          "\(plural(hidden, "finding")) will not be shown as annotations: GitHub shows at most "
            + "\(cap) errors, \(cap) warnings and \(cap) notices per step "
            + "(\(GitHubReporter.annotationsPerJob) per job). The log below lists all "
            + "\(plural(findings.count + notifications.count, "finding")); " + sarifShare(findings.count)
            + "the step summary counts them by service and rule.")
        + "\n"
    }
    for f in findings {
      out += annotation(f)
    }
    for note in notifications {
      out +=
        "::warning file=" + GitHubEscaping.property(VisibleText.make(note.path)) + ",title="
        + GitHubEscaping.property("deploylint: could not read") + "::"
        + GitHubEscaping.data(VisibleText.make("could not read: " + note.message)) + "\n"
    }
    return out
  }

  /// What a SARIF report holds of `count` findings, as a true count: GitHub
  /// code scanning takes at most `SARIFReporter.defaultMaxResults`.
  private func sarifShare(_ count: Int) -> String {
    // Files that could not be read are SARIF notifications, not results.
    let kept = min(count, sarifMaxResults)
    return kept == count
      ? "a SARIF report holds \(count == 1 ? "it" : "all \(count)") as \(count == 1 ? "a result" : "results"); "
      : "a SARIF report holds \(kept) of the \(count) as results (the most severe; "
        + "code scanning accepts at most \(sarifMaxResults)); "
  }

  private func command(_ severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .note: "notice"
    }
  }

  private func annotation(_ f: Finding) -> String {
    let s = f.span
    let properties = [
      "file=" + GitHubEscaping.property(VisibleText.make(s.path)),
      "line=\(s.line)", "endLine=\(s.endLine)", "col=\(s.column)", "endColumn=\(s.endColumn)",
      "title=" + GitHubEscaping.property(VisibleText.make("deploylint: " + f.ruleID)),
    ]
    var lines = [(f.service.map { "[\($0)] " } ?? "") + f.message]
    lines += f.help.map { "help: " + $0 }
    lines += f.related.map { "note: \($0.span): " + $0.message }
    // Line breaks inside a help entry stay line breaks (escaped as %0A); every
    // other control character is made visible.
    let message = lines.map { $0.replacingCRLF() }
      .joined(separator: "\n")
      .split(separator: "\n", omittingEmptySubsequences: false)
      .map { VisibleText.make(String($0)) }
      .joined(separator: "\n")
    return "::\(command(f.severity)) " + properties.joined(separator: ",") + "::"
      + GitHubEscaping.data(message) + "\n"
  }
}

/// The escaping of workflow command data and property values.
public enum GitHubEscaping {
  /// Escapes command data: `%`, CR, LF.
  public static func data(_ s: String) -> String {
    var out = ""
    for c in s.unicodeScalars {
      switch c {
      case "%": out += "%25"
      case "\r": out += "%0D"
      case "\n": out += "%0A"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }

  /// Escapes a property value: data's escapes plus `:` and `,`.
  public static func property(_ s: String) -> String {
    var out = ""
    for c in s.unicodeScalars {
      switch c {
      case "%": out += "%25"
      case "\r": out += "%0D"
      case "\n": out += "%0A"
      case ":": out += "%3A"
      case ",": out += "%2C"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }
}
