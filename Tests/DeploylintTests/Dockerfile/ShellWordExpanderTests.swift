import DeploylintParsers
import Testing

@Suite struct ShellWordExpanderTests {
  let env = ["V": "val", "E": "", "P": "/usr/local/bin/python3.12"]

  func word(_ s: String, escape: Character = "\\") throws -> String {
    try ShellWordExpander(escapeToken: escape).processWord(s, environment: env)
  }

  @Test func simpleAndBracedVariables() throws {
    #expect(try word("$V-${V}x") == "val-valx")
    #expect(try word("a$UNSET b") == "a b")
    #expect(try word("cost: $") == "cost: $")
    #expect(try word("$1x") == "x")
  }

  @Test func defaultAndAlternativeModifiers() throws {
    #expect(try word("${UNSET:-d}|${E:-d}|${V:-d}") == "d|d|val")
    #expect(try word("${UNSET-d}|${E-d}|${V-d}") == "d||val")
    #expect(try word("${UNSET:+a}|${E:+a}|${V:+a}") == "||a")
    #expect(try word("${UNSET+a}|${E+a}|${V+a}") == "|a|a")
    #expect(try word("${UNSET:-${V}}") == "val")
  }

  @Test func requiredAndPatternModifiers() throws {
    #expect(throws: ShellExpansionError.self) { try word("${UNSET:?need it}") }
    #expect(try word("${P##*/}") == "python3.12")
    #expect(try word("${P#*/}") == "usr/local/bin/python3.12")
    #expect(try word("${P%.*}") == "/usr/local/bin/python3")
    #expect(try word("${P%%/*}") == "")
    #expect(try word("${P/local/opt}") == "/usr/opt/bin/python3.12")
    #expect(try word("${V//a/A}") == "vAl")
  }

  @Test func quotesAndEscapes() throws {
    #expect(try word("'$V \\n'") == "$V \\n")
    #expect(try word("\"$V \\\"q\\\" \\n\"") == "val \"q\" \\n")
    #expect(try word("\\$V a\\ b") == "$V a b")
    #expect(try word("`$V", escape: "`") == "$V")
  }

  @Test func errors() {
    #expect(throws: ShellExpansionError.self) { try word("'open") }
    #expect(throws: ShellExpansionError.self) { try word("\"open") }
    #expect(throws: ShellExpansionError.self) { try word("${V") }
    #expect(throws: ShellExpansionError.self) { try word("${}") }
  }

  @Test func wordSplittingHappensAfterExpansion() throws {
    let e = ShellWordExpander()
    #expect(try e.processWords("a \"b c\" $X", environment: ["X": "d e"]) == ["a", "b c", "d", "e"])
  }

  @Test func skipUnsetKeepsReferences() throws {
    var e = ShellWordExpander()
    e.skipUnsetEnv = true
    #expect(try e.processWord("$A ${B} ${C:-x}", environment: [:]) == "$A ${B} ${C:-x}")
  }

  @Test func deepNestingIsAnErrorNotACrash() {
    let deep = String(repeating: "${A:-", count: 2000) + String(repeating: "}", count: 2000)
    #expect(throws: ShellExpansionError.self) { try word(deep) }
  }
}
