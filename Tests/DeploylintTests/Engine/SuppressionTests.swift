import DeploylintCLI
import DeploylintCore
import DeploylintEngine
import DeploylintParsers
import DeploylintReporters
import Foundation
import Testing

/// Inline suppressions: how they are parsed in every comment syntax, and what they silence.
@Suite struct SuppressionTests {
  @Test(arguments: [
    ("Dockerfile", "RUN x # deploylint: disable=a,b -- why\n"),
    ("render.yaml", "  plan: free  # deploylint: disable=a,b -- why\n"),
    ("fly.toml", "memory = '1gb' # deploylint: disable=a,b -- why\n"),
    ("Procfile", "# deploylint: disable=a,b -- why\n"),
    ("requirements.txt", "torch # deploylint: disable=a,b -- why\n"),
    (".env", "A=1 # deploylint: disable=a,b -- why\n"),
  ])
  func parsesSuppressions(_ path: String, _ text: String) throws {
    let found = SuppressionScanner.scan(SourceFile(path: path, text: text))
    let s = try #require(found.first)
    #expect(s.ids == ["a", "b"])
    #expect(s.reason == "why")
    #expect(!s.fileWide)
    #expect(s.span.line == 1)
    #expect(
      s.span.column
        == (text.unicodeScalars.firstIndex(of: "#").map {
          text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: $0)
        } ?? 0) + 1)
  }

  @Test func fileWideWithoutReason() throws {
    let s = try #require(
      SuppressionScanner.scan(SourceFile(path: "Dockerfile", text: "# deploylint: disable-file=x\n")).first)
    #expect(s.fileWide)
    #expect(s.reason == nil)
  }

  @Test func suppressionSilencesAndReportsNoReasonAndUnused() {
    let text =
      "FROM python:3.12-slim\n# deploylint: disable=torch-without-thread-limits\nRUN pip install torch\n"
      + "# deploylint: disable=workers-multiply-memory -- nothing here\n"
    let analyzer = Analyzer(toolVersion: "t")
    let findings = analyzer.analyze([TestInputs.input("Dockerfile", text)], rootName: "x").findings
    #expect(!findings.contains { $0.ruleID == "torch-without-thread-limits" })
    #expect(findings.contains { $0.ruleID == "suppression-without-reason" && $0.span.line == 2 })
    #expect(
      findings.contains { $0.ruleID == "unused-suppression" && $0.span.line == 4 && $0.span.column == 1 })
    let plain = analyzer.analyze([TestInputs.input("Dockerfile", TestInputs.torchDockerfile)], rootName: "x")
      .findings
    #expect(plain.contains { $0.ruleID == "torch-without-thread-limits" })
  }
}
