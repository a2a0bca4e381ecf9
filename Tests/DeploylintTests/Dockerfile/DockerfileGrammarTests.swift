import DeploylintCore
import DeploylintParsers
import Testing

/// Grammar beyond buildkit's conformance files, each case checked against
/// the behaviour of buildkit's parser source.
@Suite struct DockerfileGrammarTests {
  func parse(_ text: String) throws -> Dockerfile {
    try DockerfileParser.parse(SourceFile(path: "Dockerfile", text: text))
  }

  func parseError(_ text: String) -> ParseError? {
    do {
      _ = try DockerfileParser.parse(SourceFile(path: "Dockerfile", text: text))
      return nil
    } catch {
      return error
    }
  }

  func span(_ l: Int, _ c: Int, _ el: Int, _ ec: Int) -> Span {
    Span(path: "Dockerfile", line: l, column: c, endLine: el, endColumn: ec)
  }

  // MARK: directives

  @Test func backtickEscapeDirective() throws {
    let d = try parse("# escape=`\nFROM x\nRUN a `\n  b\nRUN c \\\n")
    #expect(d.escapeToken == "`")
    #expect(d.directives.map(\.name) == ["escape"])
    #expect(d.directives.first?.span == span(1, 1, 1, 11))
    #expect(d.dump() == "(from \"x\")\n(run \"a   b\")\n(run \"c \\\\\")\n")
  }

  @Test func directiveAfterCommentIsIgnored() throws {
    let d = try parse("# hello\n# escape=`\nFROM x\nRUN a \\\n b\n")
    #expect(d.escapeToken == "\\")
    #expect(d.directives.isEmpty)
    #expect(d.dump() == "(from \"x\")\n(run \"a  b\")\n")
  }

  @Test func directiveAfterBlankLineIsIgnored() throws {
    let d = try parse("\n# syntax=docker/dockerfile:1\nFROM x\n")
    #expect(d.directives.isEmpty)
  }

  @Test func syntaxAndCheckDirectives() throws {
    let d = try parse("# syntax = docker/dockerfile:1.7 \n#check=skip=all\nFROM x\n")
    #expect(d.directives.map(\.name) == ["syntax", "check"])
    #expect(d.directives.map(\.value) == ["docker/dockerfile:1.7", "skip=all"])
  }

  @Test func repeatedOrInvalidDirectivesAreErrors() {
    let repeated = parseError("# syntax=a\n# syntax=b\nFROM x\n")
    #expect(repeated?.message == "only one syntax parser directive can be used")
    #expect(repeated?.span.line == 2)
    let invalid = parseError("# escape=x\nFROM x\n")
    #expect(invalid?.message.contains("invalid escape token") == true)
    #expect(invalid?.span.line == 1)
  }

  // MARK: heredocs

  @Test func runHeredoc() throws {
    let d = try parse("FROM x\nRUN <<EOF\necho hi\nEOF\nCMD y\n")
    #expect(d.dump() == "(from \"x\")\n(run \"<<EOF\")\n(cmd \"y\")\n")
    let run = d.instructions[1]
    #expect(run.heredocs.count == 1)
    #expect(run.heredocs.first?.name == "EOF")
    #expect(run.heredocs.first?.content == "echo hi\n")
    #expect(run.heredocs.first?.expand == true)
    #expect(run.heredocs.first?.span == span(3, 1, 4, 4))
    #expect(run.span == span(2, 1, 4, 4))
  }

  @Test func chompedHeredocStripsLeadingTabs() throws {
    let d = try parse("FROM x\nRUN <<-EOF\n\techo hi\n\t\tEOF\n")
    let heredoc = try #require(d.instructions[1].heredocs.first)
    #expect(heredoc.chomp)
    #expect(heredoc.content == "\techo hi\n")
    #expect(heredoc.chompedContent == "echo hi\n")
  }

  @Test func twoHeredocsOnOneRun() throws {
    let d = try parse("FROM x\nRUN <<A cat /dev/stdin - <<B\na\nA\nb\nB\nUSER me\n")
    #expect(d.instructions[1].heredocs.map(\.name) == ["A", "B"])
    #expect(d.instructions[1].heredocs.map(\.content) == ["a\n", "b\n"])
    #expect(d.instructions.map(\.keyword) == ["from", "run", "user"])
  }

  @Test func copyHeredocAndQuotedDelimiters() throws {
    let d = try parse(
      "FROM x\nCOPY <<EOF /file\nhello $X\nEOF\nRUN <<\"END\"\n$Y\nEND\nRUN <<'Z' 3<<W\nz\nZ\nw\nW\n")
    #expect(d.instructions[1].dump() == "copy \"<<EOF\" \"/file\"")
    #expect(d.instructions[1].heredocs.first?.content == "hello $X\n")
    #expect(d.instructions[2].heredocs.first?.name == "END")
    #expect(d.instructions[2].heredocs.first?.expand == false)
    #expect(d.instructions[3].heredocs.map(\.expand) == [false, true])
    #expect(d.instructions[3].heredocs.map(\.fileDescriptor) == [0, 3])
  }

  @Test func heredocsOnlyForRunCopyAdd() throws {
    let d = try parse("FROM x\nCMD <<EOF\nEOF\nRUN [\"<<EOF\"]\n")
    #expect(d.dump() == "(from \"x\")\n(cmd \"<<EOF\")\n(eof \"\")\n(run \"<<EOF\")\n")
    #expect(d.instructions.allSatisfy { $0.heredocs.isEmpty })
  }

  @Test func unterminatedHeredocIsLocated() throws {
    let error = try #require(parseError("FROM x\nRUN <<EOF\necho\n"))
    #expect(error.message == "unterminated heredoc")
    #expect(error.span.line == 2)
  }

  @Test func onbuildHeredoc() throws {
    let d = try parse("FROM x\nONBUILD RUN <<EOF\nhi\nEOF\n")
    #expect(d.instructions[1].heredocs.first?.content == "hi\n")
    #expect(d.dump() == "(from \"x\")\n(onbuild (run \"<<EOF\"))\n")
  }

  // MARK: flags, forms, keywords

  @Test func builderFlags() throws {
    let d = try parse(
      "FROM x\nCOPY --from=builder --chown=1:1 --link src dst\nRUN --mount=\"type=cache,target=/c\" -- --x\n")
    #expect(d.instructions[1].flags == ["--from=builder", "--chown=1:1", "--link"])
    #expect(d.instructions[1].arguments == ["src", "dst"])
    #expect(d.instructions[1].flagSpans.first == span(2, 6, 2, 20))
    #expect(
      d.instructions[1].dump() == "copy [\"--from=builder\" \"--chown=1:1\" \"--link\"] \"src\" \"dst\"")
    #expect(d.instructions[2].flags == ["--mount=type=cache,target=/c"])
    #expect(d.instructions[2].arguments == ["--x"])
  }

  @Test func fromAs() throws {
    let d = try parse("FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n")
    #expect(d.dump() == "(from [\"--platform=$BUILDPLATFORM\"] \"golang:1.22\" \"AS\" \"build\")\n")
    #expect(d.instructions[0].argumentSpans.last == span(1, 47, 1, 52))
  }

  @Test func jsonFormAndFallbacks() throws {
    let d = try parse("FROM x\nRUN [\"a\", \"b c\"]\nRUN [\"a\", 'b']\nENTRYPOINT [\"x\"] y\n")
    #expect(d.instructions[1].isJSON)
    #expect(d.instructions[1].arguments == ["a", "b c"])
    #expect(d.instructions[1].argumentSpans[1] == span(2, 11, 2, 16))
    #expect(!d.instructions[2].isJSON)
    #expect(d.instructions[2].arguments == ["[\"a\", 'b']"])
    #expect(!d.instructions[3].isJSON)
    let error = try #require(parseError("FROM x\n\nCMD [\"a\", 1]\n"))
    #expect(error.message == "when using JSON array syntax, arrays must be comprised of strings only")
    #expect(error.span.line == 3)
  }

  @Test(arguments: [
    #"["a",42,"b"]"#, #"["a",123.456,"b"]"#, #"["a",{},"b"]"#, #"["a",{"c": "d"},"b"]"#,
    #"["a",["c"],"b"]"#, #"["a",true,"b"]"#, #"["a",false,"b"]"#, #"["a",null,"b"]"#,
  ])
  func jsonArraysOfNonStringsAreErrors(_ json: String) {
    #expect(parseError("FROM x\nCMD \(json)\n")?.message.contains("strings only") == true)
  }

  @Test func validJSONArrays() throws {
    let d = try parse(
      "CMD \t[\t\"a\",\t\"b\"\t]\t\nCMD [\"\\ud83d\\ude00\", \"\\ud800x\", \"1e\"]\nCMD [01]\n")
    #expect(d.instructions[0].arguments == ["a", "b"])
    #expect(d.instructions[1].arguments == ["😀", "\u{FFFD}x", "1e"])
    #expect(!d.instructions[2].isJSON)
  }

  @Test func envErrorsAreLocated() throws {
    // buildkit's parser accepts a bare `ENV` (the builder rejects it later).
    #expect(try parse("FROM x\nENV\n").dump() == "(from \"x\")\n(env)\n")
    let noValue = try #require(parseError("FROM x\nENV A=1 \\\n  B\n"))
    #expect(noValue.message.contains("can't find = in \"B\""))
    #expect(noValue.span.line == 2)
    let one = try #require(parseError("FROM x\nLABEL onlykey\n"))
    #expect(one.message == "LABEL must have two arguments")
  }

  @Test func argForms() throws {
    let d = try parse("ARG A B=2 C=\"x y\"\nFROM x\n")
    #expect(d.instructions[0].arguments == ["A", "B=2", "C=\"x y\""])
  }

  @Test func onbuildAndHealthcheckDumps() throws {
    let d = try parse(
      "FROM x\nONBUILD RUN x\nHEALTHCHECK --interval=5s CMD x\nHEALTHCHECK NONE\nHEALTHCHECK CMD [\"a\"]\n")
    #expect(
      d.dump()
        == "(from \"x\")\n(onbuild (run \"x\"))\n(healthcheck [\"--interval=5s\"] \"CMD\" \"x\")\n(healthcheck \"NONE\")\n(healthcheck \"CMD\" \"a\")\n"
    )
    #expect(d.instructions[1].subInstruction?.keyword == "run")
    #expect(d.instructions[1].subInstruction?.keywordSpan == span(2, 9, 2, 12))
    #expect(d.instructions[4].isJSON)
  }

  @Test func otherKeywordsAndUnknown() throws {
    let d = try parse(
      "FROM x\nMAINTAINER Me <me@x>\nSHELL [\"bash\", \"-c\"]\nEXPOSE 80 443/udp\nVOLUME /a /b\nUSER app\nWORKDIR /srv\nSTOPSIGNAL SIGTERM\nFROB a b\nFROM\n"
    )
    #expect(
      d.dump()
        == "(from \"x\")\n(maintainer \"Me <me@x>\")\n(shell \"bash\" \"-c\")\n(expose \"80\" \"443/udp\")\n(volume \"/a\" \"/b\")\n(user \"app\")\n(workdir \"/srv\")\n(stopsignal \"SIGTERM\")\n(frob \"\")\n(from)\n"
    )
  }

  // MARK: continuations, line ends and spans

  @Test func crlfInput() throws {
    let d = try parse("FROM x\r\nRUN a \\\r\n  b\r\nENV K=v\r\n")
    #expect(d.dump() == "(from \"x\")\n(run \"a   b\")\n(env \"K\" \"v\" \"=\")\n")
    #expect(d.instructions[1].argumentsSpan == span(2, 5, 3, 4))
    #expect(d.instructions[1].span == span(2, 1, 3, 4))
    #expect(d.instructions[2].argumentSpans == [span(4, 5, 4, 6), span(4, 7, 4, 8), span(4, 5, 4, 8)])
  }

  @Test func emptyContinuationAtEOFAndBlankLines() throws {
    #expect(try parse("FROM x\nRUN a \\\n").dump() == "(from \"x\")\n(run \"a\")\n")
    let d = try parse("FROM x\nRUN a \\\n\n  # comment\n\nb\n")
    #expect(d.dump() == "(from \"x\")\n(run \"a b\")\n")
    #expect(d.emptyContinuationLines.map(\.line) == [3, 5])
    #expect(d.instructions[1].argumentsSpan == span(2, 5, 6, 2))
  }

  @Test func runOverThreeLinesHasExactSpans() throws {
    let text =
      "FROM x\nRUN apt-get update \\\n    && apt-get install -y curl \\\n    && rm -rf /var/lib/apt\n"
    let run = try parse(text).instructions[1]
    #expect(run.keywordSpan == span(2, 1, 2, 4))
    #expect(run.argumentsSpan == span(2, 5, 4, 27))
    #expect(run.span == span(2, 1, 4, 27))
    #expect(run.argumentSpans == [span(2, 5, 4, 27)])
    #expect(run.original == "RUN apt-get update     && apt-get install -y curl     && rm -rf /var/lib/apt")
  }

  @Test func envPairOnContinuationLine() throws {
    let env = try parse("FROM x\nENV A=1 \\\n    B=two\n").instructions[1]
    #expect(env.arguments == ["A", "1", "=", "B", "two", "="])
    #expect(env.argumentSpans[3] == span(3, 5, 3, 6))
    #expect(env.argumentSpans[4] == span(3, 7, 3, 10))
    #expect(env.argumentSpans[5] == span(3, 5, 3, 10))
  }

  @Test func tabsAndUnicodeColumns() throws {
    let d = try parse("FROM\tx\nENV\tK\tv v\nLABEL a=♥b c=d\n")
    #expect(d.instructions[1].arguments == ["K", "v v", ""])
    #expect(d.instructions[1].argumentSpans == [span(2, 5, 2, 6), span(2, 7, 2, 10), span(2, 5, 2, 10)])
    #expect(d.instructions[2].argumentSpans[1] == span(3, 9, 3, 11))
    #expect(d.instructions[2].argumentSpans[3] == span(3, 12, 3, 13))
  }

  @Test func goQuotingOfControlAndNonPrintable() throws {
    let d = try parse("FROM x\nRUN a\u{01}b\u{A0}c\u{7F}♥\n")
    #expect(d.instructions[1].dump() == "run \"a\\x01b\\u00a0c\\x7f♥\"")
  }
}
