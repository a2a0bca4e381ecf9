import Testing

@testable import DeploylintCore

@Suite struct ShellWordsTests {
  static let commands = [
    "pip install --no-cache-dir -r requirements.txt && npm ci",
    "apt-get update; apt-get install -y curl | tee log",
    #"echo "a \"quoted\" word" 'single $x' un\ split"#,
    "NODE_OPTIONS=--max-old-space-size=1536 sudo env nice npm run build",
    "cargo build --release \\\n  --jobs 2\n(cd sub && make) `date`",
    "trailing quote 'never closed",
    "",
  ]

  /// The byte splitter is the fast path of the character splitter: on ASCII
  /// text without `\r` they must agree word for word.
  @Test(arguments: commands) func bytesAndCharactersAgree(_ text: String) {
    #expect(ShellWords.asciiCommands(text) == ShellWords.characterCommands(text))
  }

  @Test func splitsCommandsAndRemovesQuotes() {
    #expect(
      ShellWords.commands(#"FOO=1 pip install "torch==2.4.1" && echo 'a b'"#)
        == [["FOO=1", "pip", "install", "torch==2.4.1"], ["echo", "a b"]])
  }

  /// Non-ASCII text and `\r\n` keep the character rules: `\r\n` is one
  /// character, not a command separator.
  @Test func nonASCIIAndCRLFUseCharacters() {
    #expect(ShellWords.commands("echo café | wc") == [["echo", "café"], ["wc"]])
    #expect(ShellWords.commands("a b\r\nc") == [["a", "b\r\nc"]])
  }

  @Test func strippingPrefixesDropsAssignmentsAndWrappers() {
    #expect(ShellWords.strippingPrefixes(["A=1", "sudo", "-E", "x"]) == ["-E", "x"])
    #expect(
      ShellWords.strippingPrefixes(["_X=1", "nohup", "gunicorn", "-w", "4"]) == ["gunicorn", "-w", "4"])
    #expect(ShellWords.strippingPrefixes(["--opt=1", "x"]) == ["--opt=1", "x"])
  }

  /// A `RUN`'s commands are split once, heredoc bodies included; other
  /// instructions carry none.
  @Test func runInstructionsCarryTheirCommands() {
    let span = Span(path: "Dockerfile", line: 1, column: 1, endLine: 1, endColumn: 1)
    let run = Instruction(
      keyword: "RUN", span: span, text: "pip install x && npm ci", textSpan: span,
      heredocs: ["cargo build --release\n"])
    #expect(
      run.shellCommands == [["pip", "install", "x"], ["npm", "ci"], ["cargo", "build", "--release"]])
    let copy = Instruction(keyword: "COPY", span: span, text: ". .", textSpan: span)
    #expect(copy.shellCommands.isEmpty)
  }

  @Test func everyWrapperPassesTheFirstByteFilterAndIsStripped() {
    // A wrapper added later must still be looked up.
    #expect(ShellWords.wrappers.allSatisfy(ShellWords.mayBeWrapper))
    #expect(ShellWords.strippingPrefixes(["sudo", "nohup", "A=1", "pip", "install"]) == ["pip", "install"])
    #expect(ShellWords.strippingPrefixes(["apt-get", "install"]) == ["apt-get", "install"])
    #expect(!ShellWords.mayBeWrapper("apt-get"))
    #expect(ShellWords.mayBeWrapper("ésudo"))
  }
}
