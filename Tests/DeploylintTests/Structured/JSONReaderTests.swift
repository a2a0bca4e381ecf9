import DeploylintCore
import Testing

@testable import DeploylintParsers

func json(_ text: String, path: String = "f.json") throws(ParseError) -> ConfigDocument {
  try JSONReader.read(SourceFile(path: path, text: text))
}

/// The error a JSON text raises, or nil when it parses.
func jsonError(_ text: String) -> ParseError? {
  do {
    _ = try json(text)
    return nil
  } catch { return error }
}

@Suite struct JSONReaderTests {
  @Test func valuesKindsAndSpans() throws {
    let doc = try json(
      """
      {
        "name": "web",
        "n": -12, "f": 1.5e3,
        "ok": true, "nothing": null,
        "list": [1, {"a": []}]
      }
      """)
    let e = doc.entries(of: doc.root)
    #expect(e.map(\.key) == ["name", "n", "f", "ok", "nothing", "list"])
    #expect(pos(e[0].keySpan) == "2:3-2:9")
    #expect(pos(e[0].value.span) == "2:11-2:16")
    guard case .scalar("-12", .integer) = e[1].value.value else { Issue.record("integer"); return }
    guard case .scalar("1.5e3", .float) = e[2].value.value else { Issue.record("float"); return }
    #expect(pos(e[2].value.span) == "3:18-3:23")
    guard case .scalar("true", .boolean) = e[3].value.value else { Issue.record("bool"); return }
    guard case .scalar(_, .null) = e[4].value.value else { Issue.record("null"); return }
    #expect(pos(e[5].value.span) == "5:11-5:25")
    #expect(pos(doc.root.span) == "1:1-6:2")
  }

  @Test func escapesAndSurrogatePairs() throws {
    let doc = try json(#"["a\"b\\\/\n\t", "\u00e9\ud83d\ude00"]"#)
    let items = doc.items(of: doc.root)
    #expect(items[0].string == "a\"b\\/\n\t")
    #expect(items[1].string == "é😀")
  }

  @Test func locatedErrors() {
    let missingComma = jsonError("{\n  \"a\": 1,\n  \"b\": 2 \"c\": 3\n}")
    #expect(missingComma?.message == "expected ',' or '}' at 3:10")
    #expect(missingComma.map { pos($0.span) } == "3:10-3:11")
    #expect(jsonError("[1, 2,]")?.message == "expected a value but found ']' at 1:7")
    #expect(jsonError("{'a': 1}")?.message == "expected a string key at 1:2")
    #expect(jsonError("[01]")?.message.hasPrefix("leading zeros") == true)
    #expect(jsonError("\"\\ud800\"")?.message.hasPrefix("unpaired surrogate") == true)
    #expect(jsonError("\"abc")?.message == "unterminated string at 1:1")
    #expect(jsonError("{} x")?.message.hasPrefix("unexpected 'x'") == true)
    #expect(jsonError("") != nil)
    #expect(jsonError("\"a\tb\"") != nil)
  }

  @Test func deepNestingIsRejected() {
    let error = jsonError(String(repeating: "[", count: 100_000))
    #expect(error?.message.hasPrefix("JSON nesting deeper than 512") == true)
    #expect(error?.span.column == 513)
  }

  @Test func byteOrderMarkIsTolerated() throws {
    let file = SourceFile(path: "f.json", bytes: [0xEF, 0xBB, 0xBF] + Array("{\"a\": 1}".utf8))
    let doc = try JSONReader.read(file)
    #expect(doc.value("a", in: doc.root)?.int == 1)
  }
}
