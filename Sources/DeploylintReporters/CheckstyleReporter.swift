import DeploylintCore

/// Checkstyle XML, as Jenkins' Warnings Next Generation plugin, reviewdog
/// (`-f=checkstyle`) and Bitbucket Code Insights bridges read it:
///
/// ```
/// <checkstyle version="4.3">
///   <file name="render.yaml">
///     <error line="8" column="28" severity="warning" message="[api] message&#10;help: …"
///            source="deploylint.workers-multiply-memory"/>
///   </file>
/// </checkstyle>
/// ```
///
/// One `<file>` per path (sorted), one `<error>` per finding in canonical
/// order; severities `error`, `warning` and `info` (a note). The message holds
/// the service, the message and the help lines (as `&#10;`-separated lines).
/// A file that could not be read is one `warning` with `source="deploylint"`,
/// as the GitHub annotations show it.
public struct CheckstyleReporter: Reporter {
  /// The Checkstyle format version the consumers expect in the root element.
  static let formatVersion = "4.3"

  public init() {}

  public static func severity(_ severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .note: "info"
    }
  }

  public func render(_ report: Report, options: ReporterOptions) -> String {
    var byPath: [String: [String]] = [:]
    for f in Canonical.findings(report) {
      var message = (f.service.map { "[\($0)] " } ?? "") + f.message
      message += f.help.map { "\nhelp: " + $0 }.joined()
      byPath[f.span.path, default: []].append(
        "<error line=\"\(max(1, f.span.line))\" column=\"\(max(1, f.span.column))\" "
          + "severity=\"\(CheckstyleReporter.severity(f.severity))\" "
          + "message=\"\(XMLEscaping.attribute(message))\" "
          + "source=\"\(XMLEscaping.attribute("deploylint." + f.ruleID))\"/>")
    }
    for note in Canonical.notifications(report) {
      byPath[note.path, default: []].append(
        "<error line=\"1\" severity=\"warning\" "
          + "message=\"\(XMLEscaping.attribute("could not read: " + note.message))\" source=\"deploylint\"/>")
    }
    var out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"\(CheckstyleReporter.formatVersion)\">\n"
    for path in byPath.keys.sorted() {
      out += "  <file name=\"\(XMLEscaping.attribute(path))\">\n"
      for error in byPath[path] ?? [] { out += "    " + error + "\n" }
      out += "  </file>\n"
    }
    return out + "</checkstyle>\n"
  }
}
