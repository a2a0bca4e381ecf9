import DeploylintCore

/// The `json` format: one object, keys in a fixed order, 2-space indentation,
/// findings in canonical order; a new version only adds keys, never changes
/// existing ones. `JSONReporter.schemaDocumentation` holds the same layout as
/// annotated text, and `ReportSchema` (written to `Rules/report.schema.json`) the JSON Schema.
/// Version 2 added `services`: the budgets and estimates behind the findings.
///
/// ```
/// { "version": 2,
///   "tool": { "name": "deploylint", "version": "<semver>" },
///   "summary": { "errors", "warnings", "notes", "files", "services": <int> },
///   "findings": [ { "ruleId", "severity": "error"|"warning"|"note", "message",
///                   "location": <location>, "help": [<string>],
///                   "related": [ { "message", "location": <location> } ],
///                   "service": <string>|null, "fingerprint": <16 hex digits>,
///                   "fix": { "edits": [ { "location", "replacement" } ] } | null } ],
///   "services": [ { "name", "platform", "plan", "runtimeBudget": <budget>|null,
///                   "buildBudget": <budget>|null,
///                   "estimates": [ { "term", "phase", "bytes", "arithmetic", "sources" } ] } ],
///   "notifications": [ { "path", "message" } ] }
/// <budget> = { "bytes", "source", "location": <location>|null, "assumed" }
/// <location> = { "path", "line", "column", "endLine", "endColumn" }
/// ```
public struct JSONReporter: Reporter {
  /// The schema of the `json` format, for `--help` and the docs.
  public static let schemaDocumentation = """
    deploylint JSON output, version 2 (JSON Schema: Rules/report.schema.json)

    {
      "version": 2,                      // this schema's version
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
      "services": [                      // in the order they were found (version 2)
        {
          "name": "<name>",
          "platform": "render" | "railway" | "fly" | "heroku" | "dokku" | "compose" | "generic" | null,
          "plan": "<plan as written>" | null,
          "runtimeBudget": <budget> | null,  // memory the running service gets
          "buildBudget": <budget> | null,    // memory its build gets
          "estimates": [                 // what deploylint estimates it needs
            { "term": "<kind>",          // node-heap, workers, ml-runtime, postgres,
                                         // redis-maxmemory, redis-unbounded, node-build,
                                         // node-build-heap, rust-build
              "phase": "runtime" | "build",
              "bytes": <int>, "arithmetic": "<text>", "sources": ["<url or note>", ...] }
          ]
        }
      ],
      "notifications": [                 // files that could not be read
        { "path": "<path>", "message": "<text>" }
      ]
    }

    <budget>   = { "bytes": <int>, "source": "<why this figure>",
                   "location": <location> | null,  // where a file sets it
                   "assumed": <bool> }             // true: nothing in the repository says it
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
      ("version", .int(2)),
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
      ("services", .array(report.services.map(service))),
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

  private func service(_ s: ServiceSummary) -> JSONValue {
    .object([
      ("name", .string(s.name)), ("platform", .optional(s.platform?.rawValue)), ("plan", .optional(s.plan)),
      ("runtimeBudget", budget(s.runtimeBudget)), ("buildBudget", budget(s.buildBudget)),
      (
        "estimates",
        .array(
          s.estimates.map {
            .object([
              ("term", .string($0.term)), ("phase", .string($0.phase.rawValue)),
              ("bytes", .int(Int($0.bytes))),
              ("arithmetic", .string($0.arithmetic)), ("sources", .array($0.sources.map(JSONValue.string))),
            ])
          })
      ),
    ])
  }

  private func budget(_ b: BudgetSummary?) -> JSONValue {
    guard let b else { return .null }
    return .object([
      ("bytes", .int(Int(b.bytes))), ("source", .string(b.source)),
      ("location", b.span.map(location) ?? .null), ("assumed", .bool(b.assumed)),
    ])
  }

  private func location(_ span: Span) -> JSONValue {
    .object([
      ("path", .string(span.path)), ("line", .int(span.line)), ("column", .int(span.column)),
      ("endLine", .int(span.endLine)), ("endColumn", .int(span.endColumn)),
    ])
  }
}
