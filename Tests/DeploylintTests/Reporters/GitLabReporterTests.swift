import DeploylintCore
import Foundation
import Testing

@testable import DeploylintReporters

/// GitLab Code Quality: the shape GitLab documents (checked with a JSON Schema
/// written from its documentation), deploylint's fingerprints, severities and
/// repository-relative paths.
@Suite struct GitLabReporterTests {
  let reporter = GitLabReporter()

  static func issues(_ text: String) throws -> [[String: Any]] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
  }

  @Test func rendersOneIssuePerFinding() throws {
    let text = reporter.render(ReportFixtures.withError, options: ReporterOptions())
    #expect(
      text == """
        [
          {
            "description": "[api] torch is installed but OMP_NUM_THREADS is not set (help: set ENV OMP_NUM_THREADS=1 in the final stage)",
            "check_name": "torch-without-thread-limits",
            "fingerprint": "\(ReportFixtures.torchFingerprint)",
            "severity": "critical",
            "location": {
              "path": "Dockerfile",
              "lines": {
                "begin": 2,
                "end": 2
              }
            },
            "type": "issue",
            "categories": [
              "Bug Risk"
            ],
            "content": {
              "body": "- set ENV OMP_NUM_THREADS=1 in the final stage\\n\\n- `render.yaml:3:11`: the plan gives 512 MB"
            }
          }
        ]

        """)
  }

  @Test func anEmptyReportIsAnEmptyArray() {
    #expect(reporter.render(ReportFixtures.empty, options: ReporterOptions()) == "[]\n")
  }

  @Test func severitiesAreMappedAsDocumented() throws {
    let findings: [Finding] = [
      ReportFixtures.finding("e", .error, line: 1), ReportFixtures.finding("w", .warning, line: 2),
      ReportFixtures.finding("n", .note, line: 3),
    ]
    let report = Report(toolVersion: "0", findings: findings, rules: [])
    let issues = try Self.issues(reporter.render(report, options: ReporterOptions()))
    #expect(issues.map { $0["severity"] as? String } == ["critical", "major", "info"])
    #expect(issues.map { $0["check_name"] as? String } == ["e", "w", "n"])
  }

  @Test func fingerprintsAreTheSARIFOnesAndSurviveInsertedLines() throws {
    let report = ReportFixtures.withError
    let gitlab = try Self.issues(reporter.render(report, options: ReporterOptions()))
    #expect(gitlab.first?["fingerprint"] as? String == ReportFixtures.torchFingerprint)
    // The same finding two lines lower, in a file with two more lines above.
    var moved = report
    moved.sources["Dockerfile"] = SourceFile(
      path: "Dockerfile", text: "# a\n# b\n" + ReportFixtures.dockerfile)
    moved.findings[0].span.line += 2
    moved.findings[0].span.endLine += 2
    let after = try Self.issues(reporter.render(moved, options: ReporterOptions()))
    #expect(after.first?["fingerprint"] as? String == ReportFixtures.torchFingerprint)
    let lines = (after.first?["location"] as? [String: Any])?["lines"] as? [String: Any]
    #expect(lines?["begin"] as? Int == 4)
  }

  @Test func multiLineSpansGiveTheirLastLine() throws {
    var finding = ReportFixtures.finding(line: 3)
    finding.span.endLine = 7
    let report = Report(toolVersion: "0", findings: [finding], rules: [])
    let issue = try #require(try Self.issues(reporter.render(report, options: ReporterOptions())).first)
    let lines = (issue["location"] as? [String: Any])?["lines"] as? [String: Int]
    #expect(lines == ["begin": 3, "end": 7])
  }

  /// GitLab links `location.path` to the repository: a scan run from a
  /// subfolder, or given absolute paths, still names files from the root.
  @Test(arguments: [
    ("render.yaml", "", "render.yaml"),
    ("render.yaml", "services/api", "services/api/render.yaml"),
    ("./x/../Dockerfile", "svc", "svc/Dockerfile"),
    ("../shared/compose.yaml", "apps/web", "apps/shared/compose.yaml"),
    ("/builds/acme/app/deploy/fly.toml", "", "deploy/fly.toml"),
    ("/builds/acme/app/fly.toml", "sub", "sub/fly.toml"),
  ])
  func pathsAreRelativeToTheRepository(_ path: String, _ prefix: String, _ expected: String) {
    let options = ReporterOptions(sourceRoot: "/builds/acme/app", repositoryPrefix: prefix)
    #expect(RepositoryPath.of(path, options: options) == expected)
  }

  @Test func everyFixtureValidatesAgainstGitLabsSchema() throws {
    #expect(FixtureReports.names.count >= 2)
    let documents = FixtureReports.names.map {
      ("Fixtures/\($0)", FixtureReports.render(FixtureReports.report($0), as: .gitlab))
    }
    try SchemaValidation.validate(labelled: documents, schema: GitLabCodeQualitySchema.text)
    var total = 0
    for (label, text) in documents {
      #expect(!text.hasPrefix("\u{FEFF}"), "\(label): GitLab rejects a byte order mark")
      let issues = try Self.issues(text)
      total += issues.count
      let fingerprints = issues.compactMap { $0["fingerprint"] as? String }
      #expect(Set(fingerprints).count == issues.count, "\(label): fingerprints must be unique")
      for issue in issues {
        let location = issue["location"] as? [String: Any]
        let lines = location?["lines"] as? [String: Int] ?? [:]
        #expect((lines["end"] ?? 0) >= (lines["begin"] ?? 1), "\(label): lines.end before begin")
        let path = location?["path"] as? String ?? ""
        #expect(FileManager.default.fileExists(atPath: RepositoryPaths.repo(path).path), "\(label): \(path)")
      }
    }
    #expect(total > 0, "some fixture has findings")
  }

  /// The schema really constrains: each alteration is rejected.
  @Test(arguments: [
    (#""severity": "critical""#, #""severity": "high""#),
    (#""check_name": "torch-without-thread-limits","#, ""),
    (#""begin": 2"#, #""begin": 0"#),
    (#""path": "Dockerfile""#, #""path": "/abs/Dockerfile""#),
    (#""path": "Dockerfile""#, #""path": "./Dockerfile""#),
    (#""lines": {"#, #""line": {"#),
  ])
  func schemaRejectsAlteredReports(_ original: String, _ altered: String) throws {
    let text = reporter.render(ReportFixtures.withError, options: ReporterOptions())
    #expect(text.contains(original), "report lacks \(original)")
    let broken = text.replacingOccurrences(of: original, with: altered)
    #expect(throws: SchemaValidation.Failure.self) {
      try SchemaValidation.validate(labelled: [("altered", broken)], schema: GitLabCodeQualitySchema.text)
    }
  }

  @Test func schemaAcceptsGitLabsOwnExample() throws {
    // The example report of GitLab's documentation, with `positions` instead of `lines`.
    let example = """
      [{"description": "'unused' is assigned a value but never used.", "check_name": "no-unused-vars",
        "fingerprint": "7815696ecbf1c96e6894b779456d330e", "severity": "minor",
        "location": {"path": "lib/index.js", "positions": {"begin": {"line": 42}}}}]
      """
    try SchemaValidation.validate(labelled: [("example", example)], schema: GitLabCodeQualitySchema.text)
  }
}
