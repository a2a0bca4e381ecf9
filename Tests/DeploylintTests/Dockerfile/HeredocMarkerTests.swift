import DeploylintCore
import DeploylintParsers
import Testing

/// Only lines with `<<` are scanned for heredoc openers; the check runs on
/// the logical line, after continuations are joined.
@Suite struct HeredocMarkerTests {
  func parse(_ text: String) throws -> Dockerfile {
    try DockerfileParser.parse(SourceFile(path: "Dockerfile", text: text))
  }

  @Test func anOpenerSplitByAContinuationIsStillFound() throws {
    let d = try parse("FROM alpine\nRUN cat <\\\n<EOF\nhello\nEOF\nRUN echo done\n")
    #expect(d.instructions[1].heredocs.map(\.content) == ["hello\n"])
    #expect(d.instructions.count == 3)
  }

  @Test func aSingleRedirectOrQuotedMarkerOpensNothing() throws {
    let d = try parse("FROM alpine\nRUN sort < list.txt 2>&1\nRUN echo \"<<NOT\"\nRUN echo <\\<NOT\n")
    #expect(d.instructions.count == 4)
    #expect(d.instructions.allSatisfy { $0.heredocs.isEmpty })
  }
}
