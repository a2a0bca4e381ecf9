import DeploylintCLI
import DeploylintCore
import DeploylintReporters
import Foundation
import Testing

/// Issue 11 item 8: the step summary stays within GitHub's 1 MiB and every
/// count in a notice is the true count.
@Suite struct HostileStepSummaryTests {
  /// 3,000 findings, each of its own service with a long name: 1.2 MB of
  /// table rows (the case was 30,000 findings and 1.64 MB).
  static let report: Report = {
    let findings = (0..<3_000).map {
      ReportFixtures.finding(
        line: $0 + 1, service: "service-\($0)-" + String(repeating: "x", count: 380))
    }
    return Report(toolVersion: "0", findings: findings, rules: [])
  }()

  /// 30,000 findings wrote a 1.64 MB step summary.
  @Test func summaryOfThousandsOfFindingsFitsInOneMebibyte() throws {
    let summary = githubStepSummary(Self.report)
    #expect(summary.utf8.count <= 1_048_576, "\(summary.utf8.count) bytes")
    #expect(summary.utf8.count > 1_000_000, "filled, not emptied: \(summary.utf8.count) bytes")
    #expect(summary.contains("**3000 errors, 0 warnings, 0 notes**"), "the header keeps the true totals")
    let rows = summary.split(separator: "\n").filter { $0.hasPrefix("| service-") }
    #expect(rows.count > 2_000 && rows.count < 3_000, "\(rows.count)")
    let closing = try #require(summary.split(separator: "\n").last)
    #expect(closing.contains("\(3_000 - rows.count) findings and 0 unread files are left out"), "\(closing)")
    #expect(closing.contains("annotation") && closing.contains("SARIF"), "\(closing)")
    // Within the limit, nothing is cut and no closing line is added.
    let small = Report(toolVersion: "0", findings: Array(Self.report.findings.prefix(10)), rules: [])
    #expect(!githubStepSummary(small).contains("left out"))
  }

  /// A smaller room (what earlier commands of the step left) is honoured,
  /// down to a header cut on a character boundary.
  @Test func summaryHonoursTheRoomLeft() {
    for limit in [0, 100, 5_000] {
      let summary = githubStepSummary(Self.report, limit: limit)
      #expect(summary.utf8.count <= limit, "\(limit): \(summary.utf8.count)")
    }
    #expect(githubStepSummary(Self.report, limit: 5_000).contains("are left out"))
  }

  /// The notice claimed SARIF lists all 30,000 findings (it holds 25,000):
  /// here with a cap of 25 on 30 findings, the same arithmetic.
  @Test func annotationNoticeGivesTrueCounts() throws {
    let report = Report(toolVersion: "0", findings: Array(Self.report.findings.prefix(30)), rules: [])
    let out = GitHubReporter(sarifMaxResults: 25).render(report, options: ReporterOptions())
    let notice = try #require(out.split(separator: "\n").first)
    #expect(notice.hasPrefix("::notice title=deploylint::20 findings will not be shown"), "\(notice)")
    #expect(notice.contains("lists all 30 findings"), "\(notice)")
    #expect(notice.contains("a SARIF report holds 25 of the 30"), "\(notice)")
    let sarif = SARIFReporter(maxResults: 25).render(report, options: ReporterOptions())
    let json = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
    let run = try #require((json["runs"] as? [[String: Any]])?.first)
    #expect((run["results"] as? [Any])?.count == 25, "the notice's figure is SARIF's")
    #expect(GitHubReporter().sarifMaxResults == SARIFReporter.defaultMaxResults)
  }

  /// The CLI gives the summary only the room the step has left.
  @Test func cliAppendsOnlyWithinTheStepsRoom() throws {
    let tree = try HostileInputTests.Tree()
    try tree.write("Dockerfile", HostileInputTests.torchDockerfile)
    let summary = tree.path("summary.md")
    try tree.write("summary.md", [UInt8](repeating: 0x41, count: 1_048_576 - 500))
    let env = ["GITHUB_STEP_SUMMARY": summary, "GITHUB_ACTIONS": "true"]
    let console = Console(environment: env)
    let status = DeploylintMain.run(
      ["--format", "github", "--fail-on", "none", tree.root.path], console: console)
    #expect(status == 0, "\(console.err)")
    #expect(try FileManager.default.attributesOfItem(atPath: summary)[.size] as? Int == 1_048_576 - 500)
    #expect(console.err.contains("GITHUB_STEP_SUMMARY already holds 1048076 bytes"), "\(console.err)")
    try tree.write("summary.md", [UInt8](repeating: 0x41, count: 1_048_576 - 4_000))
    let again = Console(environment: env)
    _ = DeploylintMain.run(["--format", "github", tree.root.path], console: again)
    let size = try #require(try FileManager.default.attributesOfItem(atPath: summary)[.size] as? Int)
    #expect(size > 1_048_576 - 4_000 && size <= 1_048_576, "\(size)")
  }
}
