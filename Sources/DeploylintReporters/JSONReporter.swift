import DeploylintCore

/// The `json` format: one object, keys in a fixed order, 2-space indentation,
/// findings in canonical order; version 1 only ever gains keys, never changes
/// them. `JSONReporter.schemaDocumentation` holds the same text for the CLI.
///
/// ```
/// { "version": 1,
///   "tool": { "name": "deploylint", "version": "<semver>" },
///   "summary": { "errors", "warnings", "notes", "files", "services": <int> },
///   "findings": [ { "ruleId", "severity": "error"|"warning"|"note", "message",
///                   "location": <location>, "help": [<string>],
///                   "related": [ { "message", "location": <location> } ],
///                   "service": <string>|null, "fingerprint": <16 hex digits>,
///                   "fix": { "edits": [ { "location", "replacement" } ] } | null } ],
///   "notifications": [ { "path", "message" } ] }
/// <location> = { "path", "line", "column", "endLine", "endColumn" }
/// ```
public struct JSONReporter: Reporter {
  /// The schema of the `json` format, for `--help` and the docs.
  public static let schemaDocumentation = """
    deploylint JSON output, version 1

    {
      "version": 1,                      // this schema's version
      "tool": { "name": "deploylint", "version": "<semver>" },
      "summary": {
        "errors": <int>, "warnings": <int>, "notes": <int>,
        "files": <int>,                  // files scanned
        "services": <int>,               // services found
        "baselined": <int>,              // only with --baseline: findings left out
        "staleBaseline": <int>           // only with --baseline: entries matching nothing
      },
      "findings": [                      // sorted by path, line, column, rule, message
        {
          "ruleId": "<rule-id>",
          "severity": "error" | "warning" | "note",
          "message": "<text>",
          "location": <location>,
          "help": ["<line>", ...],       // how to fix it
          "related": [ { "message": "<text>", "location": <location> }, ... ],
          "service": "<name>" | null,
          "fingerprint": "<16 hex digits>",  // stable across unrelated edits
          "fix": { "edits": [ { "location": <location>, "replacement": "<text>" }, ... ] } | null
        }
      ],
      "notifications": [                 // files that could not be read
        { "path": "<path>", "message": "<text>" }
      ]
    }

    <location> = { "path": "<relative/path>", "line": <int>, "column": <int>,
                   "endLine": <int>, "endColumn": <int> }
    Lines and columns are 1-based; columns count Unicode scalars; endColumn is
    exclusive. Keys always appear, in this order; strings escape control
    characters as \\uXXXX.
    """

  public init() {}

  /// `baselined` and `staleBaseline`, present only when `--baseline` was given.
  func baselineFields(_ report: Report) -> [(String, JSONValue)] {
    guard let b = report.baseline else { return [] }
    return [("baselined", .int(b.baselined)), ("staleBaseline", .int(b.stale))]
  }

  public func render(_ report: Report, options: ReporterOptions) -> String {
    let findings = Canonical.findings(report)
    let fingerprints = Fingerprint.compute(findings, sources: report.sources)
    let tally = Tally(report)
    let root = JSONValue.object([
      ("version", .int(1)),
      ("tool", .object([("name", .string("deploylint")), ("version", .string(report.toolVersion))])),
      (
        "summary",
        .object(
          [
            ("errors", .int(tally.errors)), ("warnings", .int(tally.warnings)),
            ("notes", .int(tally.notes)), ("files", .int(tally.files)),
            ("services", .int(tally.services)),
          ] + baselineFields(report))
      ),
      ("findings", .array(zip(findings, fingerprints).map { finding($0, fingerprint: $1) })),
      (
        "notifications",
        .array(
          Canonical.notifications(report).map {
            .object([("path", .string($0.path)), ("message", .string($0.message))])
          })
      ),
    ])
    return root.serialized()
  }

  private func finding(_ f: Finding, fingerprint: String) -> JSONValue {
    .object([
      ("ruleId", .string(f.ruleID)),
      ("severity", .string(f.severity.rawValue)),
      ("message", .string(f.message)),
      ("location", location(f.span)),
      ("help", .array(f.help.map(JSONValue.string))),
      (
        "related",
        .array(
          f.related.map { .object([("message", .string($0.message)), ("location", location($0.span))]) })
      ),
      ("service", .optional(f.service)),
      ("fingerprint", .string(fingerprint)),
      (
        "fix",
        f.edits.isEmpty
          ? .null
          : .object([
            (
              "edits",
              .array(
                f.edits.map {
                  .object([("location", location($0.span)), ("replacement", .string($0.replacement))])
                })
            )
          ])
      ),
    ])
  }

  private func location(_ span: Span) -> JSONValue {
    .object([
      ("path", .string(span.path)), ("line", .int(span.line)), ("column", .int(span.column)),
      ("endLine", .int(span.endLine)), ("endColumn", .int(span.endColumn)),
    ])
  }
}
