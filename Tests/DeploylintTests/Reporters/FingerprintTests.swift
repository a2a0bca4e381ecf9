import DeploylintCore
import Testing

@testable import DeploylintReporters

@Suite struct FingerprintTests {
  private func fingerprint(_ text: String, line: Int) -> String {
    let source = SourceFile(path: "Dockerfile", text: text)
    let finding = ReportFixtures.finding(line: line)
    return Fingerprint.compute([finding], sources: ["Dockerfile": source])[0]
  }

  @Test func fnv1a64MatchesReferenceVectors() {
    #expect(Fingerprint.hex(Fingerprint.fnv1a64("")) == "cbf29ce484222325")
    #expect(Fingerprint.hex(Fingerprint.fnv1a64("a")) == "af63dc4c8601ec8c")
    #expect(Fingerprint.hex(Fingerprint.fnv1a64("foobar")) == "85944171f73967e8")
  }

  @Test func survivesUnrelatedLinesInsertedAbove() {
    let before = fingerprint("FROM python\nRUN pip install torch\n", line: 2)
    let after = fingerprint(
      "# syntax=docker/dockerfile:1\nFROM python\n\n  RUN pip install torch\r\n", line: 4)
    #expect(before == after)
  }

  @Test func changesWhenTheFlaggedLineChanges() {
    let before = fingerprint("FROM python\nRUN pip install torch\n", line: 2)
    let after = fingerprint("FROM python\nRUN pip install torch==2.3\n", line: 2)
    #expect(before != after)
  }

  @Test func identicalLinesGetDistinctOccurrences() {
    let source = SourceFile(path: "Dockerfile", text: "RUN x\nRUN x\n")
    let findings = [ReportFixtures.finding(line: 1), ReportFixtures.finding(line: 2)]
    let prints = Fingerprint.compute(findings, sources: ["Dockerfile": source])
    #expect(prints[0] != prints[1])
  }

  @Test func dependsOnRuleAndPath() {
    let source = SourceFile(path: "Dockerfile", text: "RUN x\n")
    let other = SourceFile(path: "b/Dockerfile", text: "RUN x\n")
    let a = Fingerprint.compute([ReportFixtures.finding(line: 1)], sources: ["Dockerfile": source])
    let b = Fingerprint.compute([ReportFixtures.finding("other", line: 1)], sources: ["Dockerfile": source])
    let c = Fingerprint.compute(
      [ReportFixtures.finding(path: "b/Dockerfile", line: 1)], sources: ["b/Dockerfile": other])
    #expect(Set([a[0], b[0], c[0]]).count == 3)
  }
}

@Suite struct ReporterDeterminismTests {
  /// Findings equal under `Finding.ordered` (same place, rule and message) but
  /// different otherwise, plus others, in two different input orders.
  private func reports() -> (Report, Report) {
    var first = ReportFixtures.finding("r", .error, line: 2, message: "same")
    first.service = "b"
    var second = first
    second.severity = .warning
    second.service = "a"
    let others = [
      ReportFixtures.torchFinding, ReportFixtures.finding("x", .note, path: "render.yaml", line: 1),
      ReportFixtures.finding("y", .warning, path: "a.toml", line: 9),
    ]
    var a = ReportFixtures.withError
    a.findings = [first, second] + others
    a.notifications = [ToolNotification(path: "b", message: "x"), ToolNotification(path: "a", message: "y")]
    a.rules = [ReportFixtures.buildRule, ReportFixtures.torchRule]
    var b = a
    b.findings = others.reversed() + [second, first]
    b.notifications.reverse()
    b.rules.reverse()
    return (a, b)
  }

  @Test(arguments: OutputFormat.allCases)
  func sameBytesWhateverTheInputOrder(format: OutputFormat) {
    let (a, b) = reports()
    let options = ReporterOptions(color: true, automationID: "x", sourceRoot: "/r")
    let rendered = reporter(for: format).render(a, options: options)
    #expect(rendered == reporter(for: format).render(a, options: options))
    #expect(rendered == reporter(for: format).render(b, options: options))
    #expect(!rendered.isEmpty)
  }

  @Test func stepSummaryIsOrderIndependent() {
    let (a, b) = reports()
    #expect(githubStepSummary(a) == githubStepSummary(b))
  }
}
