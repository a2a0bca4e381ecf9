import DeploylintCore
import Foundation
import Testing

@testable import DeploylintReporters

@Suite struct GitHubReporterTests {
  let reporter = GitHubReporter()

  @Test func rendersOneCommandPerFindingAndNotification() {
    let expected =
      "::error file=Dockerfile,line=2,endLine=2,col=5,endColumn=22,title=deploylint%3A torch-without-thread-limits"
      + "::[api] torch is installed but OMP_NUM_THREADS is not set"
      + "%0Ahelp: set ENV OMP_NUM_THREADS=1 in the final stage"
      + "%0Anote: render.yaml:3:11: the plan gives 512 MB\n"
      + "::warning file=secrets/.env,title=deploylint%3A could not read::could not read: permission denied\n"
    #expect(reporter.render(ReportFixtures.withError, options: ReporterOptions()) == expected)
  }

  @Test func rendersNothingForEmptyReport() {
    #expect(reporter.render(ReportFixtures.empty, options: ReporterOptions()) == "")
  }

  @Test func escapesDataAndProperties() {
    #expect(GitHubEscaping.data("50% a\r\nb:c,d") == "50%25 a%0D%0Ab:c,d")
    #expect(GitHubEscaping.property("50% a\r\nb:c,d") == "50%25 a%0D%0Ab%3Ac%2Cd")
  }

  @Test func hostileStringsCannotInjectCommands() {
    let finding = Finding(
      ruleID: "r", severity: .warning, message: "first\r\n::warning::injected\rX\n::stop-commands::t",
      span: Span(path: "evil%0A::error::x,y.yml", line: 1, column: 1, endLine: 1, endColumn: 2),
      help: ["a\n::error file=x::b"],
      related: [RelatedLocation(Span.file("q\n::notice::r"), "s\r::debug::t")],
      service: "svc,with:colon")
    let report = Report(toolVersion: "0", findings: [finding], rules: [])
    let out = reporter.render(report, options: ReporterOptions())
    let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 2)  // one command, then the empty string after the final newline
    #expect(lines.last == "")
    #expect(!out.unicodeScalars.contains("\r"))
    let line = String(lines[0])
    #expect(line.hasPrefix("::warning file=evil%250A%3A%3Aerror%3A%3Ax%2Cy.yml,line=1,"))
    // After the properties, the only `::` is the separator; the rest is data.
    let parts = line.components(separatedBy: "::")
    #expect(parts[0] == "")
    #expect(parts[1].hasPrefix("warning file="))
    #expect(
      parts.dropFirst(2).joined(separator: "::")
        == "[svc,with:colon] first%0A::warning::injected%0AX%0A::stop-commands::t%0Ahelp: a%0A::error file=x::b"
        + "%0Anote: q%0A::notice::r:1:1: s%0A::debug::t")
  }

  @Test func saysHowManyAnnotationsGitHubWillNotShow() {
    let errors = (1...12).map { ReportFixtures.finding(line: $0) }
    let notes = (1...10).map { ReportFixtures.finding("n", .note, line: 100 + $0) }
    let warnings = (1...3).map { ReportFixtures.finding("w", .warning, line: 200 + $0) }
    let report = Report(toolVersion: "0", findings: errors + notes + warnings, rules: [])
    let lines = reporter.render(report, options: ReporterOptions()).split(separator: "\n")
    #expect(lines.count == 26)
    // 2 errors beyond ten, and one of the ten notes loses its slot to this notice.
    #expect(lines[0].hasPrefix("::notice title=deploylint::3 findings will not be shown as annotations"))
    #expect(lines[0].contains("lists all 25 findings; a SARIF report holds all 25 as results;"))
    #expect(lines.filter { $0.hasPrefix("::error ") }.count == 12)
  }

  @Test func noExtraNoticeWithinTheLimits() {
    let report = Report(
      toolVersion: "0", findings: (1...10).map { ReportFixtures.finding(line: $0) }, rules: [])
    let out = reporter.render(report, options: ReporterOptions())
    #expect(!out.contains("::notice"))
  }

  @Test func stepSummaryCountsByServiceAndRuleAndEscapes() {
    let findings = [
      ReportFixtures.finding("rule-a", .error, line: 1, service: "web|<b>`x`"),
      ReportFixtures.finding("rule-a", .error, line: 2, service: "web|<b>`x`"),
      ReportFixtures.finding("rule-b", .warning, line: 3, service: "api"),
      ReportFixtures.finding("rule-c", .note, line: 4),
    ]
    let report = Report(
      toolVersion: "0", findings: findings, rules: [],
      notifications: [ToolNotification(path: "a|b", message: "<script>")], serviceNames: ["web", "api"],
      fileCount: 3)
    let expected = """
      ## deploylint

      **2 errors, 1 warning, 1 note** in 3 files (2 services).

      | Service | Rule | Severity | Count |
      | --- | --- | --- | --- |
      | — | rule-c | note | 1 |
      | api | rule-b | warning | 1 |
      | web\\|&lt;b&gt;&#96;x&#96; | rule-a | error | 2 |

      1 file could not be read:

      - a\\|b: &lt;script&gt;

      """
    #expect(githubStepSummary(report) == expected)
  }

  @Test func stepSummaryOfEmptyReport() {
    #expect(
      githubStepSummary(ReportFixtures.empty)
        == "## deploylint\n\nNo problems found in 0 files (0 services).\n")
  }
}
