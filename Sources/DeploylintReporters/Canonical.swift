import DeploylintCore

/// Helpers every reporter shares, so that the formats agree on order and counts.
enum Canonical {
  /// The findings in a total, deterministic order: `Finding.ordered` first, then
  /// every remaining field, so that findings equal under `ordered` never come
  /// out in input order (same input, same bytes, whatever the order given).
  static func findings(_ report: Report) -> [Finding] {
    report.findings.sorted { a, b in
      if Finding.ordered(a, b) { return true }
      if Finding.ordered(b, a) { return false }
      return tieKey(a).lexicographicallyPrecedes(tieKey(b))
    }
  }

  private static func tieKey(_ f: Finding) -> [String] {
    [
      String(f.span.endLine), String(f.span.endColumn), f.severity.rawValue, f.service ?? "",
      f.help.joined(separator: "\n"),
      f.related.map { "\($0.span) \($0.span.endLine):\($0.span.endColumn) \($0.message)" }
        .joined(separator: "\n"),
      f.edits.map { "\($0.span) \($0.span.endLine):\($0.span.endColumn) \($0.replacement)" }
        .joined(separator: "\n"),
    ]
  }

  /// Notifications sorted by path, then message.
  static func notifications(_ report: Report) -> [ToolNotification] {
    report.notifications.sorted { ($0.path, $0.message) < ($1.path, $1.message) }
  }

  /// The rule descriptions sorted by id.
  static func rules(_ report: Report) -> [RuleDescription] {
    report.rules.sorted { $0.id < $1.id }
  }
}

/// Counts shown in every summary.
struct Tally: Equatable {
  var errors = 0
  var warnings = 0
  var notes = 0
  var files = 0
  var services = 0

  init(_ report: Report) {
    for finding in report.findings {
      switch finding.severity {
      case .error: errors += 1
      case .warning: warnings += 1
      case .note: notes += 1
      }
    }
    files = report.fileCount
    services = report.serviceNames.count
  }

  var total: Int { errors + warnings + notes }

  /// `1 error, 2 warnings, 0 notes in 3 files (1 service)` or
  /// `no problems found in 3 files (1 service)`.
  var sentence: String {
    let place = "in \(plural(files, "file")) (\(plural(services, "service")))"
    if total == 0 { return "no problems found \(place)" }
    return
      "\(plural(errors, "error")), \(plural(warnings, "warning")), \(plural(notes, "note")) \(place)"
  }
}

/// `1 file`, `2 files`.
func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
