import DeploylintCore
import DeploylintParsers
import Testing

/// Hostile inputs must parse or fail with a located `ParseError`, never crash.
@Suite struct DockerfileRobustnessTests {
  static let inputs: [(String, [UInt8])] = [
    ("binary", (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }),
    ("continuations", Array(("FROM x\nRUN a" + String(repeating: " \\\n b", count: 20_000) + "\n").utf8)),
    ("unterminated JSON", Array("FROM x\nCMD [\"a\", \"b\n".utf8)),
    ("deep JSON", Array(("CMD " + String(repeating: "[", count: 5000)).utf8)),
    ("lone backslash", Array("\\".utf8)),
    ("only FROM", Array("FROM".utf8)),
    ("nested ONBUILD", Array(("FROM x\n" + String(repeating: "ONBUILD ", count: 3000) + "RUN x\n").utf8)),
    ("long line", Array(("FROM x\nRUN " + String(repeating: "a", count: 70_000)).utf8)),
    ("heredoc noise", Array("FROM x\nRUN <<\"\n<<'x <<- <<\n".utf8)),
  ]

  @Test(arguments: 0..<inputs.count)
  func hostileInputDoesNotCrash(_ index: Int) {
    let (name, bytes) = Self.inputs[index]
    let file = SourceFile(path: "Dockerfile", bytes: bytes)
    do {
      let parsed = try DockerfileParser.parse(file)
      _ = parsed.dump()
      _ = parsed.makeImageRecipe(path: "Dockerfile")
    } catch {
      #expect(error.span.line >= 1, "\(name)")
      #expect(!error.message.isEmpty, "\(name)")
    }
  }

  @Test func specificOutcomes() throws {
    let lone = try DockerfileParser.parse(SourceFile(path: "D", text: "\\"))
    #expect(lone.dump() == "(\"\")\n")
    let many = try DockerfileParser.parse(
      SourceFile(path: "D", text: "FROM x\nRUN a" + String(repeating: " \\\n b", count: 20_000) + "\n"))
    #expect(many.instructions.count == 2)
    #expect(many.instructions[1].span.endLine == 20_002)
    #expect(throws: ParseError.self) {
      try DockerfileParser.parse(
        SourceFile(path: "D", text: "FROM x\nRUN " + String(repeating: "a", count: 70_000)))
    }
  }
}
