import DeploylintCore

/// GitLab's Code Quality report (`artifacts:reports:codequality`): a JSON array
/// with one issue per finding, as documented at
/// https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
///
/// ```
/// [ { "description": "[service] message (help: …)", "check_name": "<rule-id>",
///     "fingerprint": "<16 hex digits>", "severity": "info"|"major"|"critical",
///     "location": { "path": "<from the repository root>", "lines": { "begin", "end" } },
///     "type": "issue", "categories": ["Bug Risk"], "content": { "body": "<help, Markdown>" } } ]
/// ```
///
/// GitLab reads the first six; `type`, `categories` and `content` are the rest
/// of a Code Climate issue (GitLab ignores them; Code Climate viewers show the
/// help from `content`). GitLab shows nothing but `description`, so the help is
/// in it too. The fingerprint is the SARIF/JSON one: GitLab compares the
/// fingerprints of the merge request's report with the target branch's to say
/// which findings are new, and ours survive lines inserted above.
///
/// Files that could not be read are not issues (the text and JSON formats list
/// them); GitLab has no place for them.
public struct GitLabReporter: Reporter {
  public init() {}

  /// GitLab severity of a deploylint severity. An error is a process killed or
  /// a deploy that fails (`critical`); a warning is a risk that depends on the
  /// load or on an assumed budget (`major`); a note is information (`info`).
  /// `blocker` and `minor` are not used.
  public static func severity(_ severity: Severity) -> String {
    switch severity {
    case .error: "critical"
    case .warning: "major"
    case .note: "info"
    }
  }

  public func render(_ report: Report, options: ReporterOptions) -> String {
    let findings = Canonical.findings(report)
    let fingerprints = Fingerprint.compute(findings, sources: report.sources)
    return JSONValue.array(
      zip(findings, fingerprints).map { issue($0, fingerprint: $1, options: options) }
    ).serialized()
  }

  private func issue(_ f: Finding, fingerprint: String, options: ReporterOptions) -> JSONValue {
    let begin = max(1, f.span.line)
    var description = (f.service.map { "[\($0)] " } ?? "") + f.message
    if !f.help.isEmpty { description += " (help: " + f.help.joined(separator: "; ") + ")" }
    var body = f.help.map { "- " + $0 }.joined(separator: "\n")
    if !f.related.isEmpty {
      body +=
        (body.isEmpty ? "" : "\n\n")
        + f.related.map { "- `\($0.span)`: \($0.message)" }.joined(separator: "\n")
    }
    return .object([
      ("description", .string(description)),
      ("check_name", .string(f.ruleID)),
      ("fingerprint", .string(fingerprint)),
      ("severity", .string(GitLabReporter.severity(f.severity))),
      (
        "location",
        .object([
          ("path", .string(RepositoryPath.of(f.span.path, options: options))),
          ("lines", .object([("begin", .int(begin)), ("end", .int(max(begin, f.span.endLine)))])),
        ])
      ),
      ("type", .string("issue")),
      ("categories", .array([.string("Bug Risk")])),
      ("content", .object([("body", .string(body))])),
    ])
  }
}

/// A finding's path as a repository-relative path: GitLab links
/// `location.path` to the file in the repository, whatever folder deploylint
/// ran from.
enum RepositoryPath {
  /// `path` (relative to the folder deploylint ran from, or absolute inside
  /// it) joined to `options.repositoryPrefix`, with `.` and `..` resolved.
  static func of(_ path: String, options: ReporterOptions) -> String {
    var p = path
    if p.hasPrefix("/"), let root = options.sourceRoot {
      let base = root.hasSuffix("/") ? root : root + "/"
      if p.hasPrefix(base) { p = String(p.dropFirst(base.count)) }
    }
    if p.hasPrefix("/") { return p }
    return normalized(options.repositoryPrefix.isEmpty ? p : options.repositoryPrefix + "/" + p)
  }

  /// `a/./b/../c` -> `a/c`; `..` above the start is kept (nothing better exists).
  static func normalized(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == "..", let last = parts.last, last != ".." {
        parts.removeLast()
        continue
      }
      parts.append(part)
    }
    return parts.joined(separator: "/")
  }
}
