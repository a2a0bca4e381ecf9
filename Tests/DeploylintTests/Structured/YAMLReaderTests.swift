import DeploylintCore
import Testing

@testable import DeploylintParsers

/// Renders a span as `line:col-endLine:endCol` for compact assertions.
func pos(_ span: Span) -> String { "\(span.line):\(span.column)-\(span.endLine):\(span.endColumn)" }

func yaml(_ text: String, path: String = "f.yaml") throws(ParseError) -> ConfigDocument {
  try YAMLReader.read(SourceFile(path: path, text: text))
}

@Suite struct YAMLReaderTests {
  @Test func scalarKindsAndSpans() throws {
    let doc = try yaml(
      """
      name: web   # comment
      quoted: "a\\nb"
      single: 'it''s'
      empty:
      tilde: ~
      list: [1, 'two', {x: y}]
      """)
    let root = doc.root
    let e = doc.entries(of: root)
    #expect(e.map(\.key) == ["name", "quoted", "single", "empty", "tilde", "list"])
    #expect(pos(e[0].keySpan) == "1:1-1:5")
    #expect(pos(e[0].value.span) == "1:7-1:10")
    #expect(e[0].value.scalarText == "web")
    guard case .scalar(_, .plain) = e[0].value.value else { Issue.record("plain"); return }
    #expect(e[1].value.scalarText == "a\nb")
    #expect(pos(e[1].value.span) == "2:9-2:15")
    guard case .scalar(_, .string) = e[1].value.value else { Issue.record("string"); return }
    #expect(e[2].value.scalarText == "it's")
    #expect(pos(e[2].value.span) == "3:9-3:16")
    guard case .scalar(_, .null) = e[3].value.value else { Issue.record("null"); return }
    #expect(pos(e[3].value.span) == "4:7-4:7")
    guard case .scalar(_, .null) = e[4].value.value else { Issue.record("tilde"); return }
    #expect(pos(e[5].value.span) == "6:7-6:25")
    let items = doc.items(of: e[5].value)
    #expect(items.count == 3)
    #expect(pos(items[1].span) == "6:11-6:16")
    #expect(pos(items[2].span) == "6:18-6:24")
    #expect(pos(root.span) == "1:1-6:25")
  }

  @Test func blockScalarsAndMultilinePlain() throws {
    let doc = try yaml(
      """
      run: |
        cargo build
          --release

      next: folded words
        continue here
      tail: x
      """)
    let e = doc.entries(of: doc.root)
    #expect(e[0].value.scalarText == "cargo build\n  --release\n")
    #expect(pos(e[0].value.span) == "1:6-3:14")
    #expect(e[1].value.scalarText == "folded words continue here")
    #expect(pos(e[1].value.span) == "5:7-6:16")
    #expect(pos(e[2].value.span) == "7:7-7:8")
  }

  @Test func anchorsAndAliasesStayUnexpanded() throws {
    let doc = try yaml(
      """
      base: &base
        image: app
        mem_limit: 512m
      web:
        <<: *base
        image: web
      other: *base
      """)
    #expect(doc.anchors["base"] != nil)
    let web = try #require(doc.value("web", in: doc.root))
    guard case .mapping(let raw) = web.value, case .alias("base") = raw[0].value.value else {
      Issue.record("merge value should stay an alias")
      return
    }
    #expect(pos(raw[0].value.span) == "5:7-5:12")
    #expect(doc.value("image", in: web)?.string == "web")
    #expect(doc.value("mem_limit", in: web)?.string == "512m")
    let other = try #require(doc.entry("other", in: doc.root))
    #expect(pos(other.value.span) == "7:8-7:13")
    #expect(doc.value("image", in: other.value)?.string == "app")
  }

  @Test func redefinedAnchorIsANewDefinition() throws {
    let doc = try yaml("a: &x 1\nb: *x\nc: &x 2\nd: *x\n")
    let e = doc.entries(of: doc.root)
    #expect(e[2].value.scalarText == "2")
    guard case .alias("x") = e[3].value.value else {
      Issue.record("alias")
      return
    }
    #expect(doc.resolve(e[3].value).scalarText == "2")
  }

  @Test func billionLaughsConvertsWithoutExpansion() throws {
    var text =
      "l0: &l0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
    for level in 1...10 {
      let refs = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
      text += "l\(level): &l\(level) [\(refs)]\n"
    }
    let doc = try yaml(text)
    var nodes = 0
    func count(_ n: ConfigNode) {
      nodes += 1
      switch n.value {
      case .sequence(let items): items.forEach(count)
      case .mapping(let entries): entries.forEach { count($0.value) }
      default: break
      }
    }
    count(doc.root)
    // 11 lists of 10 items plus the root: the tree is linear in the text.
    #expect(nodes == 1 + 11 + 110)
    #expect(doc.anchors.count == 11)
  }

  @Test func deepFlowNestingIsRejected() {
    let text = String(repeating: "[", count: 100_000)
    #expect(throws: ParseError.self) { try yaml(text) }
  }

  @Test func deepCompactSequenceIsRejected() {
    let text = String(repeating: "- ", count: 100_000) + "x\n"
    #expect(throws: ParseError.self) { try yaml(text) }
  }

  @Test func deepIndentedMappingIsRejectedWithLocation() throws {
    var text = ""
    for level in 0..<1000 { text += String(repeating: " ", count: level) + "k:\n" }
    do {
      _ = try yaml(text)
      Issue.record("expected a ParseError")
    } catch {
      #expect(error.message.contains("nesting"))
      #expect(error.span.line == 513)
    }
  }

  @Test func moderateNestingIsAccepted() throws {
    let text = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
    let doc = try yaml(text)
    #expect(doc.root.isSequence)
  }

  @Test func syntaxErrorIsLocated() throws {
    do {
      _ = try yaml("a: 1\nb: [1, 2\nc: 3\n")
      Issue.record("expected a ParseError")
    } catch {
      #expect(error.span.line == 3)
      #expect(error.message.contains("invalid YAML"))
    }
    do {
      _ = try yaml("a: 1\n  b: 2\n")
      Issue.record("expected a ParseError")
    } catch {
      #expect(error.span.line == 2)
      #expect(error.span.column == 4)
    }
  }

  @Test func multipleDocuments() throws {
    let docs = try YAMLReader.readAll(SourceFile(path: "f.yaml", text: "a: 1\n---\nb: 2\n"))
    #expect(docs.count == 2)
    #expect(docs[1].value("b", in: docs[1].root)?.string == "2")
    #expect(pos(docs[1].root.span) == "3:1-3:5")
  }

  @Test func unicodeColumnsCountScalars() throws {
    let doc = try yaml("é: \"ü\"  \ncrlf: x\r\nz: y")
    let e = doc.entries(of: doc.root)
    #expect(pos(e[0].value.span) == "1:4-1:7")
    #expect(pos(e[1].value.span) == "2:7-2:8")
    #expect(pos(e[2].keySpan) == "3:1-3:2")
  }
}
