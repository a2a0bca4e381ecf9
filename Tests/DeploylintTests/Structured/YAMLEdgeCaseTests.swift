import DeploylintCore
import Testing

@testable import DeploylintParsers

@Suite struct YAMLEdgeCaseTests {
  @Test func sequencesOfMappingsWithCommentsAndBlockScalars() throws {
    let doc = try yaml(
      """
      ---
      services:
        # the api
        - name: api   # trailing
          cmd: >-
            node
            server.js
        - name: "worker"
          tags: &t [a, b]
        - *t
      ...
      """)
    let services = try #require(doc.value("services", in: doc.root))
    let items = services.value
    guard case .sequence(let list) = items else {
      Issue.record("sequence")
      return
    }
    #expect(list.count == 3)
    #expect(pos(list[0].span) == "4:5-7:16")
    #expect(doc.value("cmd", in: list[0])?.string == "node server.js")
    #expect(doc.value("name", in: list[1]).map { pos($0.span) } == "8:11-8:19")
    #expect(doc.value("tags", in: list[1]).map { pos($0.span) } == "9:14-9:20")
    guard case .alias("t") = list[2].value else {
      Issue.record("alias")
      return
    }
    #expect(pos(list[2].span) == "10:5-10:7")
    #expect(doc.items(of: list[2]).map(\.string) == ["a", "b"])
    #expect(pos(services.span) == "4:3-10:7")
  }

  @Test func aliasesAsKeysAndInFlowCollections() throws {
    let doc = try yaml("k: &k name\nm: {*k : 1, 'q': [*k, *k]}\n")
    let m = try #require(doc.value("m", in: doc.root))
    guard case .mapping(let entries) = m.value else {
      Issue.record("mapping")
      return
    }
    #expect(entries.count == 2)
    #expect(pos(entries[0].keySpan) == "2:5-2:7")
    #expect(pos(entries[1].keySpan) == "2:13-2:16")
    let refs = doc.items(of: entries[1].value)
    #expect(refs.map(\.string) == ["name", "name"])
    guard case .sequence(let raw) = entries[1].value.value else { return }
    #expect(raw.map { pos($0.span) } == ["2:19-2:21", "2:23-2:25"])
  }

  @Test func billionLaughsWithMappings() throws {
    var text = "a0: &a0 {x: lol, y: lol}\n"
    for level in 1...12 {
      let fields = (0..<10).map { "k\($0): *a\(level - 1)" }.joined(separator: ", ")
      text += "a\(level): &a\(level) {\(fields)}\n"
    }
    let doc = try yaml(text)
    #expect(doc.anchors.count == 13)
    let top = try #require(doc.value("a12", in: doc.root))
    #expect(doc.entries(of: top).count == 10)
  }

  @Test func emptyAndCommentOnlyDocuments() throws {
    let empty = try yaml("")
    guard case .scalar(_, .null) = empty.root.value else {
      Issue.record("null root")
      return
    }
    let comments = try yaml("# nothing here\n")
    guard case .scalar(_, .null) = comments.root.value else {
      Issue.record("null root")
      return
    }
  }

  @Test func duplicateKeysAndUndefinedAliasesAreLocatedErrors() {
    func error(_ text: String) -> ParseError? {
      do {
        _ = try yaml(text)
        return nil
      } catch { return error }
    }
    #expect(error("a: 1\nb: 2\na: 3\n")?.message.contains("duplicate") == true)
    let undefined = error("a: 1\nb: *nope\n")
    #expect(undefined?.span.line == 2)
    #expect(undefined?.span.column == 4)
    let tab = error("a:\n\t- b\n")
    #expect(tab?.span.line == 2)
  }

  @Test func deepNestingInsideBlockScalarIsNotCounted() throws {
    let content = String(repeating: "[", count: 2000)
    let doc = try yaml("script: |\n  \(content)\nnext: 1\n")
    #expect(doc.value("script", in: doc.root)?.string == content + "\n")
    #expect(doc.value("next", in: doc.root)?.int == 1)
  }
}

@Suite struct YAMLAliasKeyTests {
  static func laughs() -> String {
    var text = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for level in 1...9 {
      let refs = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
      text += "l\(level): &l\(level) [\(refs)]\n"
    }
    return text
  }

  /// Yams hashes mapping keys; an aliased collection as a key would be hashed
  /// through its whole expansion, so such keys are refused up front.
  @Test(arguments: ["m: {*l9 : 1}\n", "m:\n  *l9 : 1\n", "m:\n  ? *l9\n  : 1\n", "m: {*l9: 1}\n"])
  func collectionAliasAsKeyIsRejected(_ tail: String) {
    do {
      _ = try yaml(Self.laughs() + tail)
      Issue.record("expected a ParseError")
    } catch {
      #expect(error.message.contains("mapping key"))
      #expect(error.span.line >= 11)
    }
  }

  @Test func scalarAliasAsKeyAndCollectionAliasAsValueAreFine() throws {
    let doc = try yaml(Self.laughs() + "k: &k name\nm: {*k : *l9}\n")
    #expect(doc.anchors.count == 11)
  }
}

@Suite struct YAMLReaderErrorTests {
  @Test func controlCharacterIsLocatedInScalars() {
    do {
      _ = try yaml("a: 1\r\nb: é\u{01}\n")
      Issue.record("expected a ParseError")
    } catch {
      #expect(error.message.hasPrefix("unreadable YAML"))
      #expect(pos(error.span) == "2:5-2:5")
    }
  }
}
