import DeploylintCore
import DeploylintParsers
import Testing

@testable import DeploylintEngine
@testable import DeploylintReporters

/// Regressions found by the hostile-input tests, checked where they were fixed.
@Suite struct HostileRegressionTests {
  /// Ten merges of the previous anchor on each of thirty levels used to be
  /// expanded 10^8 times (a hang); each anchor is now merged once.
  @Test func mergeKeyBombIsLinear() throws {
    var text = "m0: &m0 {k0: v}\n"
    for i in 1...30 {
      text += "m\(i): &m\(i) {<<: [" + Array(repeating: "*m\(i - 1)", count: 10).joined(separator: ", ")
      text += "], k\(i): v}\n"
    }
    let document = try YAMLReader.read(SourceFile(path: "c.yaml", text: text))
    let top = try #require(document.value("m30", in: document.root))
    let keys = document.entries(of: top).map(\.key)
    // Merges are followed 8 levels deep: k30, k29…k23, then m22 whose own
    // merge key is past the limit and stays a plain entry.
    #expect(keys == ["k30"] + (23...29).reversed().map { "k\($0)" } + ["<<", "k22"])
  }

  @Test func mergeKeysKeepTheirPrecedence() throws {
    let text = "a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc: {<<: [*a, *b, *a], z: 3}\n"
    let document = try YAMLReader.read(SourceFile(path: "c.yaml", text: text))
    let c = try #require(document.value("c", in: document.root))
    let pairs = document.entries(of: c).map { "\($0.key)=\(document.resolve($0.value).string ?? "")" }
    #expect(pairs == ["z=3", "x=1", "y=1"])
  }

  @Test func utf16WithoutBOMIsDecoded() {
    let le = Array("FROM x\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let be = Array("FROM x\n".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    #expect(SourceFile.decode(le) == "FROM x\n")
    #expect(SourceFile.decode(be) == "FROM x\n")
    // Binary with scattered NULs stays UTF-8 (with replacement characters).
    let binary: [UInt8] = [0, 1, 0, 0, 2, 0, 3, 4, 0, 0]
    #expect(SourceFile.decode(binary).unicodeScalars.count == binary.count)
  }

  @Test func longLinesAreCutInTextExcerpts() {
    let line = String(repeating: "a", count: 1000) + "TARGET" + String(repeating: "b", count: 1000)
    let source = SourceFile(path: "f", text: "x\n" + line + "\n")
    let span = Span(path: "f", line: 2, column: 1001, endLine: 2, endColumn: 1007)
    let out = TextReporter().excerpt(span, source: source, severity: .error, Style(enabled: false))
    let lines = out.split(separator: "\n").map(String.init)
    #expect(lines.count == 2)
    #expect(lines[0].hasPrefix("  2 | …" + String(repeating: "a", count: 40) + "TARGET"))
    #expect(lines[0].hasSuffix("b…"))
    #expect(lines[0].count == "  2 | ".count + 1 + TextReporter.maxExcerptCells + 1)
    #expect(lines[1] == "    | " + String(repeating: " ", count: 41) + "^~~~~~")
  }

  @Test func shortLinesAreShownWhole() {
    let source = SourceFile(path: "f", text: "RUN pip install torch\n")
    let span = Span(path: "f", line: 1, column: 17, endLine: 1, endColumn: 22)
    let out = TextReporter().excerpt(span, source: source, severity: .error, Style(enabled: false))
    #expect(out == "  1 | RUN pip install torch\n    |                 ^~~~~\n")
  }

  /// `SourceFile.text` now encodes scalars straight into the string's storage.
  @Test func textOfScalarRangesKeepsEveryScalar() {
    let source = SourceFile(path: "f", text: "é😀\u{0}a\r\n\u{FFFD}z")
    #expect(source.text(from: 0, to: source.scalars.count) == "é😀\u{0}a\r\n\u{FFFD}z")
    #expect(source.text(from: 1, to: 3) == "😀\u{0}")
    #expect(source.text(from: 5, to: 2).isEmpty)
    #expect(source.text(from: -3, to: 99) == source.text)
    #expect(source.line(2) == "\u{FFFD}z")
  }

  @Test func dockerfileWithoutFromIsUnparseable() {
    let input = InputFile(
      relativePath: "Dockerfile", displayPath: "Dockerfile", kind: .dockerfile, bytes: Array("RUN x\n".utf8))
    let ws = Workspace.parse([input])
    #expect(ws[.recipes].isEmpty)
    #expect(ws.diagnostics.map(\.message) == ["dockerfile contains no stages to build (no FROM instruction)"])
    #expect(ws.diagnostics.first?.span.line == 1)
  }
}
