import DeploylintCore
import Foundation
import Testing

@testable import DeploylintReporters

/// JUnit XML read back with a real XML parser (`XMLValidation`): one suite per
/// service or file, one case per checked rule, a failure per finding at or
/// above `--fail-on`, counts that add up.
@Suite struct JUnitReporterTests {
  let reporter = JUnitReporter()
  typealias Element = XMLValidation.Element

  @Test func rendersSuitesCasesAndFailures() {
    var report = ReportFixtures.withError
    report.findings.append(
      ReportFixtures.finding("build-exceeds-plan-memory", .note, line: 1, message: "a note", service: "api"))
    let expected = """
      <?xml version="1.0" encoding="UTF-8"?>
      <testsuites name="deploylint" tests="3" failures="1" errors="0" skipped="1" time="0">
        <testsuite name="service api" tests="2" failures="1" errors="0" skipped="0" time="0">
          <testcase name="build-exceeds-plan-memory" classname="api" file="Dockerfile" time="0">
            <system-out>Dockerfile:1:1: note[build-exceeds-plan-memory]: [api] a note
      (note, below --fail-on error)</system-out>
          </testcase>
          <testcase name="torch-without-thread-limits" classname="api" file="Dockerfile" time="0">
            <failure message="torch is installed but OMP_NUM_THREADS is not set" type="error">Dockerfile:2:5: error[torch-without-thread-limits]: [api] torch is installed but OMP_NUM_THREADS is not set
      help: set ENV OMP_NUM_THREADS=1 in the final stage
      note: render.yaml:3:11: the plan gives 512 MB</failure>
          </testcase>
        </testsuite>
        <testsuite name="file secrets/.env" tests="1" failures="0" errors="0" skipped="1" time="0">
          <testcase name="could-not-read" classname="secrets/.env" time="0">
            <skipped message="could not read: permission denied"/>
          </testcase>
        </testsuite>
      </testsuites>

      """
    #expect(reporter.render(report, options: ReporterOptions()) == expected)
  }

  @Test func anEmptyReportIsAnEmptyTestsuites() throws {
    let root = try XMLValidation.parse(reporter.render(ReportFixtures.empty, options: ReporterOptions()))
    #expect(root.tag == "testsuites")
    #expect(root["tests"] == "0" && root["failures"] == "0")
    #expect(root.children.isEmpty)
  }

  /// `--fail-on` decides which findings are failures: the report fails
  /// exactly when the exit status is 1.
  @Test(arguments: FailThreshold.allCases)
  func failuresFollowFailOn(_ failOn: FailThreshold) throws {
    let findings = [
      ReportFixtures.finding("e", .error, line: 1, service: "api"),
      ReportFixtures.finding("w", .warning, line: 2, service: "api"),
      ReportFixtures.finding("w", .warning, line: 3, service: "api"),
      ReportFixtures.finding("n", .note, path: "compose.yaml", line: 4),
    ]
    let report = Report(toolVersion: "0", findings: findings, rules: [], serviceNames: ["api"])
    let root = try XMLValidation.parse(reporter.render(report, options: ReporterOptions(failOn: failOn)))
    let failures = root.descendants.filter { $0.tag == "failure" }
    let expected = findings.filter { failOn.isReached(by: $0.severity) }
    #expect(failures.count == expected.count)
    #expect(Set(failures.compactMap { $0["type"] }) == Set(expected.map(\.severity.rawValue)))
    let failedCases = root.descendants.filter { $0.tag == "testcase" && !$0.all("failure").isEmpty }
    #expect(root["failures"] == String(failedCases.count))
    // Findings below the threshold stay in the report, in <system-out>.
    let recorded = root.descendants.filter { $0.tag == "system-out" }.map(\.text).joined(separator: "\n")
    for finding in findings where !failOn.isReached(by: finding.severity) {
      #expect(recorded.contains("\(finding.span): \(finding.severity.rawValue)[\(finding.ruleID)]"))
    }
  }

  /// Every checked rule is a test case of every service; a rule turned off
  /// is not; findings outside any service have a suite per file.
  @Test func casesAreTheCheckedRulesOfEachService() throws {
    var report = Report(
      toolVersion: "0",
      findings: [ReportFixtures.finding("unparseable-file", .error, path: "bad.yaml", line: 1)],
      rules: [ReportFixtures.torchRule, ReportFixtures.buildRule], serviceNames: ["web", "api", "web"])
    report.disabledRuleIDs = [ReportFixtures.buildRule.id]
    let root = try XMLValidation.parse(reporter.render(report, options: ReporterOptions()))
    let suites = root.all("testsuite")
    #expect(suites.map { $0["name"] } == ["service web", "service api", "file bad.yaml"])
    #expect(suites[0].all("testcase").map { $0["name"] } == ["torch-without-thread-limits"])
    #expect(suites[2].all("testcase").map { $0["name"] } == ["unparseable-file"])
    #expect(suites[2].all("testcase").first?["file"] == "bad.yaml")
  }

  /// Every fixture: well-formed, counts that add up, one failure per finding
  /// at or above `--fail-on error`, each naming its file, line and column.
  @Test func everyFixtureParsesWithCountsThatAddUp() throws {
    let reports = Dictionary(
      uniqueKeysWithValues: FixtureReports.names.map { ($0, FixtureReports.report($0)) })
    let roots = try XMLValidation.parse(
      labelled: FixtureReports.names.map { ($0, FixtureReports.render(reports[$0]!, as: .junit)) })
    var failures = 0
    for name in FixtureReports.names {
      let root = try #require(roots[name])
      let report = try #require(reports[name])
      try Self.checkCounts(root, label: name)
      let errors = report.findings.filter { $0.severity == .error }
      let failureElements = root.descendants.filter { $0.tag == "failure" }
      #expect(failureElements.count == errors.count, "\(name)")
      failures += failureElements.count
      // Each failure starts with its finding's `path:line:col: error[rule]`.
      let heads = failureElements.map { $0.text.prefix { $0 != "]" } + "]" }.sorted()
      #expect(heads == errors.map { "\($0.span): error[\($0.ruleID)]" }.sorted(), "\(name)")
      #expect(
        failureElements.compactMap { $0["message"] }.sorted() == errors.map(\.message).sorted(), "\(name)")
      let serviceSuites = root.all("testsuite").filter { $0["name"]?.hasPrefix("service ") == true }
      #expect(serviceSuites.count == Set(report.serviceNames).count, "\(name): one suite per service")
      for suite in serviceSuites {
        #expect(suite.all("testcase").count >= report.rules.count - report.disabledRuleIDs.count)
      }
    }
    #expect(failures > 0, "some fixture has an error")
  }

  /// `tests`, `failures` and `skipped` of each suite count its cases, and
  /// the root's are the sums.
  static func checkCounts(_ root: Element, label: String) throws {
    #expect(root.tag == "testsuites", "\(label)")
    var sums = (tests: 0, failures: 0, skipped: 0)
    for suite in root.all("testsuite") {
      let cases = suite.all("testcase")
      let failed = cases.filter { !$0.all("failure").isEmpty }.count
      let skipped = cases.filter { !$0.all("skipped").isEmpty }.count
      #expect(suite["tests"] == String(cases.count), "\(label): \(suite["name"] ?? "")")
      #expect(suite["failures"] == String(failed), "\(label): \(suite["name"] ?? "")")
      #expect(suite["skipped"] == String(skipped), "\(label): \(suite["name"] ?? "")")
      #expect(suite["name"]?.isEmpty == false)
      for testcase in cases {
        #expect(testcase["name"]?.isEmpty == false && testcase["classname"] != nil, "\(label)")
        for failure in testcase.all("failure") {
          #expect(["error", "warning", "note"].contains(failure["type"] ?? ""), "\(label)")
          #expect(failure["message"]?.isEmpty == false, "\(label)")
        }
      }
      sums.tests += cases.count
      sums.failures += failed
      sums.skipped += skipped
    }
    #expect(root["tests"] == String(sums.tests), "\(label)")
    #expect(root["failures"] == String(sums.failures), "\(label)")
    #expect(root["skipped"] == String(sums.skipped), "\(label)")
  }

  /// The parser is strict: a raw control character or a bare `&` is
  /// rejected, so the tests above would catch an escaping mistake.
  @Test(arguments: ["<a>\u{1}</a>", "<a>&</a>", "<a b=\"<\"/>", "<a>&#1;</a>", "<a></b>"])
  func theParserRejectsMalformedXML(_ text: String) {
    #expect(throws: XMLValidation.Failure.self) { _ = try XMLValidation.parse(text) }
  }
}
