import DeploylintCore
import Testing

@testable import DeploylintReporters

@Suite struct TextReporterTests {
  let reporter = TextReporter()

  @Test func rendersFindingWithExcerptHelpRelatedAndSummary() {
    // Line 2 is "RUN\tpip install torch": the tab shows as four spaces, so the
    // caret starts after 3 + 4 = 7 cells and covers the 17 scalars of the span.
    let expected = """
      Dockerfile:2:5: error[torch-without-thread-limits]: torch is installed but OMP_NUM_THREADS is not set
        2 | RUN    pip install torch
          |        ^~~~~~~~~~~~~~~~~
      help: set ENV OMP_NUM_THREADS=1 in the final stage
      note: render.yaml:3:11: the plan gives 512 MB

      secrets/.env: warning: could not read: permission denied
      1 error, 0 warnings, 0 notes in 2 files (1 service)

      """
    #expect(reporter.render(ReportFixtures.withError, options: ReporterOptions()) == expected)
  }

  @Test func rendersEmptyReport() {
    #expect(
      reporter.render(ReportFixtures.empty, options: ReporterOptions())
        == "no problems found in 0 files (0 services)\n")
  }

  @Test func colourOnlyWhenAsked() {
    let plain = reporter.render(ReportFixtures.withError, options: ReporterOptions(color: false))
    let coloured = reporter.render(ReportFixtures.withError, options: ReporterOptions(color: true))
    #expect(!plain.unicodeScalars.contains("\u{1B}"))
    #expect(coloured.contains("\u{1B}[31merror\u{1B}[39m"))
    #expect(coloured.contains("\u{1B}[1m"))
  }

  @Test func multiLineSpanShowsThreeLinesAndUnderlinesFirstToItsEnd() {
    let source = SourceFile(path: "f", text: "a\nRUN apt-get \\\n  && x \\\n  && y \\\n  && z\n")
    let finding = Finding(
      ruleID: "r", severity: .warning, message: "m",
      span: Span(path: "f", line: 2, column: 5, endLine: 5, endColumn: 7))
    let report = Report(toolVersion: "0", findings: [finding], rules: [], sources: ["f": source])
    let expected = """
      f:2:5: warning[r]: m
        2 | RUN apt-get \\
          |     ^~~~~~~~~
        3 |   && x \\
        4 |   && y \\

      0 errors, 1 warning, 0 notes in 0 files (0 services)

      """
    #expect(reporter.render(report, options: ReporterOptions()) == expected)
  }

  @Test func emptySpanAtEndOfLineGetsOneCaret() {
    let source = SourceFile(path: "f", text: "ab\n")
    let finding = Finding(
      ruleID: "r", severity: .note, message: "m",
      span: Span(path: "f", line: 1, column: 3, endLine: 1, endColumn: 3))
    let report = Report(toolVersion: "0", findings: [finding], rules: [], sources: ["f": source])
    let out = reporter.render(report, options: ReporterOptions())
    #expect(out.hasPrefix("f:1:3: note[r]: m\n  1 | ab\n    |   ^\n\n"))
  }

  @Test func controlCharactersNeverReachTheOutputRaw() {
    let hostile = "a\u{1B}[2Jb\u{07}c\rd\u{85}e\u{2028}f\u{202E}g\u{2066}h\u{0}"
    let source = SourceFile(path: "x\u{1B}]0;t\u{07}", text: "RUN \u{1B}[31mecho\u{202E} hi\n")
    let finding = Finding(
      ruleID: "r", severity: .error, message: hostile,
      span: Span(path: "x\u{1B}]0;t\u{07}", line: 1, column: 5, endLine: 1, endColumn: 15),
      help: ["fix \u{1B}it"], related: [RelatedLocation(Span.file("p\u{9B}q"), "rel\u{202D}")])
    let report = Report(
      toolVersion: "0", findings: [finding], rules: [], sources: [source.path: source],
      notifications: [ToolNotification(path: "n\u{1B}", message: "m\u{0D}")])
    let out = reporter.render(report, options: ReporterOptions())
    let raw = out.unicodeScalars.filter { $0 != "\n" && VisibleText.isUnsafe($0) }
    #expect(raw.isEmpty)
    #expect(out.contains("a\\x1b[2Jb\\x07c\\x0dd\\x85e\\u{2028}f\\u{202E}g\\u{2066}h\\x00"))
    #expect(out.contains("x\\x1b]0;t\\x07:1:5:"))
    // The caret sits under `\x1b[31mecho\u{202E}`: 4 cells before it, and the
    // escapes are as wide as they are shown.
    #expect(out.contains("  1 | RUN \\x1b[31mecho\\u{202E} hi\n    |     ^~~~~~~~~~~~~~~~~~~~\n"))
  }

  @Test func pluralisesSummary() {
    let report = Report(
      toolVersion: "0",
      findings: [
        ReportFixtures.finding(line: 1), ReportFixtures.finding(line: 2),
        ReportFixtures.finding("r", .note, line: 3),
      ], rules: [], serviceNames: ["a", "b"], fileCount: 1)
    #expect(
      reporter.render(report, options: ReporterOptions()).hasSuffix(
        "\n2 errors, 0 warnings, 1 note in 1 file (2 services)\n"))
  }
}
