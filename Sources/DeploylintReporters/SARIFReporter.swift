import DeploylintCore

/// SARIF 2.1.0, as the OASIS schema and GitHub code scanning read it.
///
/// GitHub's documented limits on uploads ("SARIF results exceed limit",
/// docs.github.com, code scanning troubleshooting):
/// - 20 runs per file (we write one);
/// - 25,000 results per run (hard limit; only the top 5,000 by severity are
///   shown) — enforced here: beyond `maxResults` the lowest-severity findings
///   are dropped deterministically and a tool execution notification says how
///   many;
/// - 25,000 rules per run (we list every registered rule, far fewer);
/// - 1,000 locations per result (100 shown) — we write one; related locations
///   have no documented cap, so they are held to the same 1,000;
/// - 20 tags per rule (10 shown) — we write two;
/// - 10 MB per (gzipped) file.
public struct SARIFReporter: Reporter {
  public static let defaultMaxResults = 25_000
  public static let maxRelatedLocations = 1_000
  /// The key of our own fingerprint in `partialFingerprints`.
  public static let fingerprintKey = "deploylintFingerprint/v1"
  public static let informationURI = "https://github.com/deploylint/deploylint"
  public static let schemaURI =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
  static let baseID = "%SRCROOT%"
  /// Snippets longer than this (in scalars) are left out.
  static let maxSnippet = 2_000

  public var maxResults: Int

  public init(maxResults: Int = SARIFReporter.defaultMaxResults) {
    self.maxResults = max(0, maxResults)
  }

  /// The documentation page of a rule, for `helpUri`.
  public static func helpURI(ruleID: String) -> String {
    "\(informationURI)/blob/main/Rules/\(URIEncoding.path(ruleID)).md"
  }

  /// `torch-without-thread-limits` -> `TorchWithoutThreadLimits`.
  public static func ruleName(_ id: String) -> String {
    id.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
      .map { $0.prefix(1).uppercased() + $0.dropFirst() }
      .joined()
  }

  public func render(_ report: Report, options: ReporterOptions) -> String {
    let rules = Canonical.rules(report)
    var ruleIndex: [String: Int] = [:]
    for (i, rule) in rules.enumerated() where ruleIndex[rule.id] == nil { ruleIndex[rule.id] = i }

    let all = Canonical.findings(report)
    let fingerprints = Fingerprint.compute(all, sources: report.sources)
    let kept = keptIndices(all)
    let results: [JSONValue] = kept.map {
      result(all[$0], fingerprint: fingerprints[$0], ruleIndex: ruleIndex, report: report)
    }

    var notifications: [JSONValue] = Canonical.notifications(report).map { note in
      .object([
        ("level", .string("warning")),
        ("message", .object([("text", .string("could not read: " + note.message))])),
        (
          "locations",
          .array([.object([("physicalLocation", .object([("artifactLocation", artifact(note.path))]))])])
        ),
      ])
    }
    let dropped = all.count - kept.count
    if dropped > 0 {
      notifications.append(
        .object([
          ("level", .string("warning")),
          (
            "message",
            .object([
              (
                "text",
                .string(
                  "\(plural(dropped, "result")) dropped: GitHub code scanning accepts at most "
                    + "\(maxResults) results per run; the lowest-severity findings were left out "
                    + "(run deploylint with --format json to see them all).")
              )
            ])
          ),
        ]))
    }
    var invocation: [(String, JSONValue)] = [("executionSuccessful", .bool(true))]
    if !notifications.isEmpty { invocation.append(("toolExecutionNotifications", .array(notifications))) }

    var run: [(String, JSONValue)] = [
      (
        "tool",
        .object([
          (
            "driver",
            .object([
              ("name", .string("deploylint")),
              ("semanticVersion", .string(report.toolVersion)),
              ("informationUri", .string(SARIFReporter.informationURI)),
              ("rules", .array(rules.map { rule($0, options: options) })),
            ])
          )
        ])
      )
    ]
    if let id = options.automationID { run.append(("automationDetails", .object([("id", .string(id))]))) }
    if let root = options.sourceRoot {
      run.append(
        (
          "originalUriBaseIds",
          .object([(SARIFReporter.baseID, .object([("uri", .string(URIEncoding.fileURI(directory: root)))]))])
        ))
    }
    run.append(("invocations", .array([.object(invocation)])))
    run.append(("results", .array(results)))
    run.append(("columnKind", .string("unicodeCodePoints")))

    return JSONValue.object([
      ("$schema", .string(SARIFReporter.schemaURI)),
      ("version", .string("2.1.0")),
      ("runs", .array([.object(run)])),
    ]).serialized()
  }

  /// The indices (in canonical order) of the findings kept under `maxResults`:
  /// the most severe first, ties broken by canonical order — as GitHub itself
  /// prioritises — then put back in canonical order.
  private func keptIndices(_ findings: [Finding]) -> [Int] {
    guard findings.count > maxResults else { return Array(findings.indices) }
    let bySeverity = findings.indices.sorted {
      findings[$0].severity != findings[$1].severity
        ? findings[$0].severity > findings[$1].severity : $0 < $1
    }
    return bySeverity.prefix(maxResults).sorted()
  }

  private func rule(_ rule: RuleDescription, options: ReporterOptions) -> JSONValue {
    let fallback = rule.summary + "\n\n" + rule.fix
    let markdown = options.ruleHelpMarkdown[rule.id] ?? fallback
    return .object([
      ("id", .string(rule.id)),
      ("name", .string(SARIFReporter.ruleName(rule.id))),
      ("shortDescription", .object([("text", .string(rule.summary))])),
      ("fullDescription", .object([("text", .string(PlainText.fromMarkdown(rule.rationale)))])),
      (
        "help",
        .object([
          ("text", .string(PlainText.fromMarkdown(fallback))), ("markdown", .string(markdown)),
        ])
      ),
      ("helpUri", .string(SARIFReporter.helpURI(ruleID: rule.id))),
      ("defaultConfiguration", .object([("level", .string(level(rule.severity)))])),
      (
        "properties",
        .object([
          ("tags", .array([.string(rule.category.rawValue), .string("memory")])),
          ("precision", .string("high")),
        ])
      ),
    ])
  }

  private func result(
    _ f: Finding, fingerprint: String, ruleIndex: [String: Int], report: Report
  ) -> JSONValue {
    var members: [(String, JSONValue)] = [("ruleId", .string(f.ruleID))]
    if let index = ruleIndex[f.ruleID] { members.append(("ruleIndex", .int(index))) }
    members.append(("level", .string(level(f.severity))))
    // The concrete help (the value to set, the plan to move to) travels in
    // the message, which code scanning shows, whether or not an edit exists.
    let help = f.help.map {
      "\nhelp: " + $0.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n  ")
    }
    members.append(("message", .object([("text", .string(f.message + help.joined()))])))
    members.append(
      (
        "locations",
        .array([
          .object([("physicalLocation", physicalLocation(f.span, source: report.sources[f.span.path]))])
        ])
      ))
    if !f.related.isEmpty {
      let related = f.related.prefix(SARIFReporter.maxRelatedLocations).enumerated().map { i, r in
        JSONValue.object([
          ("id", .int(i)),
          ("physicalLocation", physicalLocation(r.span, source: report.sources[r.span.path])),
          ("message", .object([("text", .string(r.message))])),
        ])
      }
      members.append(("relatedLocations", .array(related)))
    }
    members.append(("partialFingerprints", .object([(SARIFReporter.fingerprintKey, .string(fingerprint))])))
    if !f.edits.isEmpty { members.append(("fixes", .array([fix(f)]))) }
    if let service = f.service { members.append(("properties", .object([("service", .string(service))]))) }
    return .object(members)
  }

  private func fix(_ f: Finding) -> JSONValue {
    let paths = Array(Set(f.edits.map(\.span.path))).sorted()
    let changes: [JSONValue] = paths.map { path in
      let edits = f.edits.filter { $0.span.path == path }.sorted { $0.span < $1.span }
      return .object([
        ("artifactLocation", artifact(path)),
        (
          "replacements",
          .array(
            edits.map {
              .object([
                ("deletedRegion", region($0.span, source: nil)),
                ("insertedContent", .object([("text", .string($0.replacement))])),
              ])
            })
        ),
      ])
    }
    var members: [(String, JSONValue)] = []
    if let first = f.help.first { members.append(("description", .object([("text", .string(first))]))) }
    members.append(("artifactChanges", .array(changes)))
    return .object(members)
  }

  private func artifact(_ path: String) -> JSONValue {
    .object([("uri", .string(URIEncoding.path(path))), ("uriBaseId", .string(SARIFReporter.baseID))])
  }

  private func physicalLocation(_ span: Span, source: SourceFile?) -> JSONValue {
    .object([("artifactLocation", artifact(span.path)), ("region", region(span, source: source))])
  }

  /// A region with every number clamped to what the schema accepts (lines and
  /// columns >= 1, the end not before the start), plus the spanned text as a
  /// snippet when the source is at hand.
  private func region(_ span: Span, source: SourceFile?) -> JSONValue {
    let line = max(1, span.line)
    let column = max(1, span.column)
    let endLine = max(line, span.endLine)
    let endColumn = endLine == line ? max(column, span.endColumn) : max(1, span.endColumn)
    var members: [(String, JSONValue)] = [
      ("startLine", .int(line)), ("startColumn", .int(column)),
      ("endLine", .int(endLine)), ("endColumn", .int(endColumn)),
    ]
    if let source, line <= source.lineCount {
      let start = min(source.offset(line: line, column: column), source.lineContentEnd(line))
      let end = min(source.offset(line: endLine, column: endColumn), source.lineContentEnd(endLine))
      if end > start, end - start <= SARIFReporter.maxSnippet {
        members.append(("snippet", .object([("text", .string(source.text(from: start, to: end)))])))
      }
    }
    return .object(members)
  }

  private func level(_ severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .note: "note"
    }
  }
}
