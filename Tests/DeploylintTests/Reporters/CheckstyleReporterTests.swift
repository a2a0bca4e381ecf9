import DeploylintCore
import Foundation
import Testing

@testable import DeploylintReporters

/// Checkstyle XML read back with a real XML parser: one `<file>` per path,
/// one `<error>` per finding with its line, column, severity and source.
@Suite struct CheckstyleReporterTests {
  let reporter = CheckstyleReporter()

  @Test func rendersFilesAndErrors() {
    let expected = """
      <?xml version="1.0" encoding="UTF-8"?>
      <checkstyle version="4.3">
        <file name="Dockerfile">
          <error line="2" column="5" severity="error" message="[api] torch is installed but OMP_NUM_THREADS is not set&#10;help: set ENV OMP_NUM_THREADS=1 in the final stage" source="deploylint.torch-without-thread-limits"/>
        </file>
        <file name="secrets/.env">
          <error line="1" severity="warning" message="could not read: permission denied" source="deploylint"/>
        </file>
      </checkstyle>

      """
    #expect(reporter.render(ReportFixtures.withError, options: ReporterOptions()) == expected)
  }

  @Test func severitiesAreCheckstyles() throws {
    let findings: [Finding] = [
      ReportFixtures.finding("e", .error, line: 1), ReportFixtures.finding("w", .warning, line: 2),
      ReportFixtures.finding("n", .note, line: 3),
    ]
    let root = try XMLValidation.parse(
      reporter.render(Report(toolVersion: "0", findings: findings, rules: []), options: ReporterOptions()))
    let errors = root.all("file").flatMap { $0.all("error") }
    #expect(errors.map { $0["severity"] } == ["error", "warning", "info"])
    #expect(errors.map { $0["source"] } == ["deploylint.e", "deploylint.w", "deploylint.n"])
  }

  @Test func everyFixtureParsesWithOneErrorPerFinding() throws {
    let reports = Dictionary(
      uniqueKeysWithValues: FixtureReports.names.map { ($0, FixtureReports.report($0)) })
    let roots = try XMLValidation.parse(
      labelled: FixtureReports.names.map { ($0, FixtureReports.render(reports[$0]!, as: .checkstyle)) })
    var total = 0
    for name in FixtureReports.names {
      let root = try #require(roots[name])
      let report = try #require(reports[name])
      #expect(root.tag == "checkstyle" && root["version"] != nil, "\(name)")
      let files = root.all("file")
      let paths = files.compactMap { $0["name"] }
      #expect(paths == paths.sorted() && Set(paths).count == paths.count, "\(name): files sorted, once each")
      var located: [String] = []
      for file in files {
        let path = file["name"] ?? ""
        #expect(FileManager.default.fileExists(atPath: RepositoryPaths.repo(path).path), "\(name): \(path)")
        for error in file.all("error") {
          #expect(["error", "warning", "info"].contains(error["severity"] ?? ""), "\(name)")
          #expect((Int(error["line"] ?? "") ?? 0) >= 1, "\(name)")
          #expect(error["message"]?.isEmpty == false && error["source"]?.hasPrefix("deploylint") == true)
          located.append("\(path):\(error["line"] ?? ""):\(error["column"] ?? "")")
        }
      }
      #expect(located.count == report.findings.count + report.notifications.count, "\(name)")
      #expect(Set(report.findings.map { "\($0.span)" }).isSubset(of: located), "\(name)")
      total += located.count
    }
    #expect(total > 0, "some fixture has findings")
  }
}
