import DeploylintCore
import Testing

@testable import DeploylintParsers

/// Parses `text` as `path` and returns the document.
private func toml(_ text: String, path: String = "test.toml") throws -> ConfigDocument {
  try TOMLReader.read(SourceFile(path: path, text: text))
}

/// The error `TOMLReader` reports for `text`, if any.
private func tomlError(_ text: String, path: String = "test.toml") -> ParseError? {
  do {
    _ = try TOMLReader.read(SourceFile(path: path, text: text))
    return nil
  } catch {
    return error
  }
}

/// Follows a key path through mappings and returns the node.
private func node(_ doc: ConfigDocument, _ path: String...) -> ConfigNode? {
  var current: ConfigNode? = doc.root
  for key in path {
    guard let c = current else { return nil }
    if let n = Int(key) {
      let items = doc.items(of: c)
      current = n < items.count ? items[n] : nil
    } else {
      current = doc.value(key, in: c)
    }
  }
  return current
}

private func span(_ line: Int, _ column: Int, _ endLine: Int, _ endColumn: Int, path: String = "test.toml")
  -> Span
{
  Span(path: path, line: line, column: column, endLine: endLine, endColumn: endColumn)
}

@Suite struct TOMLReaderTests {
  @Test func flyTomlWithArrayOfVMTables() throws {
    let doc = try toml(
      """
      app = "tts-api"
      primary_region = "cdg"

      [build]
        dockerfile = "Dockerfile"

      [http_service]
        internal_port = 8080
        auto_stop_machines = "stop"
        min_machines_running = 0

      [[vm]]
        memory = "1gb"
        cpu_kind = "shared"
        cpus = 1

      [[vm]]
        memory = 512
        processes = ["worker"]
      """, path: "fly.toml")
    #expect(node(doc, "app")?.string == "tts-api")
    #expect(node(doc, "http_service", "internal_port")?.int == 8080)
    let vms = try #require(node(doc, "vm"))
    #expect(vms.isSequence)
    #expect(doc.items(of: vms).count == 2)
    #expect(node(doc, "vm", "0", "memory")?.string == "1gb")
    #expect(node(doc, "vm", "1", "memory")?.int == 512)
    if case .scalar(_, let kind)? = node(doc, "vm", "1", "memory")?.value { #expect(kind == .integer) }
    #expect(node(doc, "vm", "1", "processes", "0")?.string == "worker")
    // Exact spans: the value `"1gb"` and the key `memory` of the first [[vm]].
    #expect(node(doc, "vm", "0", "memory")?.span == span(13, 12, 13, 17, path: "fly.toml"))
    let firstVM = try #require(node(doc, "vm", "0"))
    #expect(doc.entry("memory", in: firstVM)?.keySpan == span(13, 3, 13, 9, path: "fly.toml"))
    // Header tables span their header line; the array spans both headers.
    #expect(firstVM.span == span(12, 1, 12, 7, path: "fly.toml"))
    #expect(vms.span == span(12, 1, 17, 7, path: "fly.toml"))
  }

  @Test func flyTomlWithSingleVMTable() throws {
    let doc = try toml(
      """
      app = "web"
      [vm]
      size = "shared-cpu-1x"
      memory = "512mb"
      """, path: "fly.toml")
    let vm = try #require(node(doc, "vm"))
    #expect(vm.isMapping)
    #expect(vm.span == span(2, 1, 2, 5, path: "fly.toml"))
    #expect(node(doc, "vm", "memory")?.string == "512mb")
    #expect(node(doc, "vm", "memory")?.span == span(4, 10, 4, 17, path: "fly.toml"))
  }

  @Test func railwayToml() throws {
    let doc = try toml(
      """
      [build]
      builder = "DOCKERFILE"
      dockerfilePath = "docker/Dockerfile.api"

      [deploy]
      startCommand = "node --max-old-space-size=1536 server.js"
      numReplicas = 2
      healthcheckTimeout = 300
      restartPolicyType = "ON_FAILURE"
      """, path: "railway.toml")
    #expect(node(doc, "build", "builder")?.string == "DOCKERFILE")
    #expect(node(doc, "deploy", "startCommand")?.string == "node --max-old-space-size=1536 server.js")
    #expect(node(doc, "deploy", "numReplicas")?.int == 2)
    let deploy = try #require(node(doc, "deploy"))
    #expect(doc.entry("numReplicas", in: deploy)?.keySpan == span(7, 1, 7, 12, path: "railway.toml"))
    #expect(node(doc, "deploy", "numReplicas")?.span == span(7, 15, 7, 16, path: "railway.toml"))
  }

  @Test func cargoTomlWithReleaseProfile() throws {
    let doc = try toml(
      """
      [package]
      name = "api"
      version = "0.1.0"
      edition = "2021"

      [dependencies]
      tokio = { version = "1", features = ["full"] }
      serde.workspace = true

      [profile.release]
      lto = "fat"
      codegen-units = 1
      debug = false
      opt-level = 3
      """, path: "Cargo.toml")
    #expect(node(doc, "dependencies", "tokio", "version")?.string == "1")
    #expect(node(doc, "dependencies", "tokio", "features", "0")?.string == "full")
    #expect(node(doc, "dependencies", "serde", "workspace")?.bool == true)
    #expect(node(doc, "profile", "release", "codegen-units")?.int == 1)
    #expect(node(doc, "profile", "release", "lto")?.string == "fat")
    #expect(node(doc, "profile", "release")?.span == span(10, 1, 10, 18, path: "Cargo.toml"))
    // The implicit `profile` table keeps the span of its key in the header.
    let profileEntry = try #require(doc.entry("profile", in: doc.root))
    #expect(profileEntry.keySpan == span(10, 2, 10, 9, path: "Cargo.toml"))
    #expect(node(doc, "dependencies", "tokio")?.span == span(7, 9, 7, 47, path: "Cargo.toml"))
  }

  @Test func pyprojectWithOptionalDependencies() throws {
    let doc = try toml(
      """
      [project]
      name = "tts"
      dependencies = [
        "fastapi>=0.110",
        "uvicorn[standard]",  # server
      ]

      [project.optional-dependencies]
      gpu = ["torch==2.3.0"]
      dev = ["pytest"]
      """, path: "pyproject.toml")
    #expect(doc.items(of: try #require(node(doc, "project", "dependencies"))).count == 2)
    #expect(node(doc, "project", "dependencies", "1")?.string == "uvicorn[standard]")
    #expect(node(doc, "project", "dependencies", "1")?.span == span(5, 3, 5, 22, path: "pyproject.toml"))
    #expect(node(doc, "project", "optional-dependencies", "gpu", "0")?.string == "torch==2.3.0")
    let groups = try #require(node(doc, "project", "optional-dependencies"))
    #expect(doc.entries(of: groups).map(\.key) == ["gpu", "dev"])
  }

  @Test func stringsAndEscapes() throws {
    let doc = try toml(
      #"""
      basic = "tab\there \"q\" \u00E9 \U0001F600"
      literal = 'C:\path\no-escape'
      multi = """
      line one
      line two \
          continued"""
      lit_multi = '''
      raw \n text'''
      quotes = """a""b"""""
      "quoted key" = 1
      'literal key' = 2
      """#)
    #expect(node(doc, "basic")?.string == "tab\there \"q\" é 😀")
    #expect(node(doc, "literal")?.string == #"C:\path\no-escape"#)
    #expect(node(doc, "multi")?.string == "line one\nline two continued")
    #expect(node(doc, "lit_multi")?.string == #"raw \n text"#)
    #expect(node(doc, "quotes")?.string == #"a""b"""#)
    #expect(node(doc, "quoted key")?.int == 1)
    #expect(doc.entry("literal key", in: doc.root)?.keySpan == span(11, 1, 11, 14))
    // A multi-line string spans from its opening to its closing quotes.
    #expect(node(doc, "multi")?.span == span(3, 9, 6, 17))
  }

  @Test func numbersBooleansAndDates() throws {
    let doc = try toml(
      """
      hex = 0xDEAD_beef
      oct = 0o755
      bin = 0b1101
      dec = -1_000
      plus = +42
      f1 = 3.14
      f2 = -6.02e+23
      f3 = 1e6
      f4 = 9_224.5
      pinf = +inf
      nan = nan
      t = true
      f = false
      odt = 1979-05-27T07:32:00Z
      odt2 = 1979-05-27 07:32:00.999-07:00
      ldt = 1979-05-27T07:32:00
      ld = 1979-05-27
      lt = 07:32:00.5
      """)
    #expect(node(doc, "hex")?.int == 0xDEAD_BEEF)
    #expect(node(doc, "oct")?.int == 0o755)
    #expect(node(doc, "bin")?.int == 13)
    #expect(node(doc, "dec")?.int == -1000)
    #expect(node(doc, "plus")?.int == 42)
    #expect(node(doc, "f1")?.double == 3.14)
    #expect(node(doc, "f2")?.double == -6.02e23)
    #expect(node(doc, "f3")?.double == 1e6)
    #expect(node(doc, "f4")?.double == 9224.5)
    #expect(node(doc, "pinf")?.double == .infinity)
    #expect(node(doc, "nan")?.double?.isNaN == true)
    #expect(node(doc, "t")?.bool == true)
    #expect(node(doc, "f")?.bool == false)
    for key in ["odt", "odt2", "ldt", "ld", "lt"] {
      guard case .scalar(_, let kind)? = node(doc, key)?.value else {
        Issue.record("\(key) missing")
        continue
      }
      #expect(kind == .datetime, "\(key)")
    }
    #expect(node(doc, "odt2")?.string == "1979-05-27 07:32:00.999-07:00")
    #expect(node(doc, "odt2")?.span == span(15, 8, 15, 37))
  }

  @Test func arraysMultilineTrailingCommaAndNested() throws {
    let doc = try toml(
      """
      a = [
        1,
        2, # two
        [3, [4]],
        { x = 5 },
      ]
      empty = []
      inline = { a.b = 1, c = "d" }
      """)
    let a = try #require(node(doc, "a"))
    #expect(doc.items(of: a).count == 4)
    #expect(node(doc, "a", "2", "1", "0")?.int == 4)
    #expect(node(doc, "a", "3", "x")?.int == 5)
    #expect(a.span == span(1, 5, 6, 2))
    #expect(node(doc, "empty")?.isSequence == true)
    #expect(node(doc, "inline", "a", "b")?.int == 1)
    #expect(node(doc, "inline", "c")?.string == "d")
  }

  @Test func dottedKeysAndSubTables() throws {
    let doc = try toml(
      """
      fruit.apple.color = "red"
      fruit.apple.taste.sweet = true
      [a.b.c]
      x = 1
      [a]
      y = 2
      [a.b.c.d]
      z = 3
      [[products]]
      name = "Hammer"
      [[products]]
      [products.dims]
      w = 1
      """)
    #expect(node(doc, "fruit", "apple", "color")?.string == "red")
    #expect(node(doc, "fruit", "apple", "taste", "sweet")?.bool == true)
    #expect(node(doc, "a", "b", "c", "x")?.int == 1)
    #expect(node(doc, "a", "y")?.int == 2)
    #expect(node(doc, "a", "b", "c", "d", "z")?.int == 3)
    #expect(node(doc, "products", "0", "name")?.string == "Hammer")
    #expect(node(doc, "products", "1", "dims", "w")?.int == 1)
    // A table made by dotted keys spans its keys' values.
    #expect(node(doc, "fruit")?.span == span(1, 1, 2, 31))
  }

  @Test func crlfLineEnds() throws {
    let doc = try toml("a = 1\r\nb = \"x\"\r\n[t]\r\nc = 2\r\n")
    #expect(node(doc, "b")?.span == span(2, 5, 2, 8))
    #expect(node(doc, "t", "c")?.int == 2)
  }

  @Test func emptyAndCommentOnlyDocuments() throws {
    #expect(doc(try toml("")).isEmpty)
    #expect(doc(try toml("# nothing\n\n   # still nothing\n")).isEmpty)
    func doc(_ d: ConfigDocument) -> [ConfigEntry] { d.entries(of: d.root) }
  }
}

@Suite struct TOMLReaderErrorTests {
  @Test func duplicateKeyIsLocatedAtTheSecondKey() throws {
    let error = try #require(tomlError("name = \"a\"\n  name = \"b\"\n"))
    #expect(error.message.contains("duplicate key 'name'"))
    #expect(error.span == span(2, 3, 2, 7))
  }

  @Test func redefinedTableIsLocated() throws {
    let error = try #require(tomlError("[vm]\nmemory = 1\n\n[vm]\n"))
    #expect(error.message.contains("already defined"))
    #expect(error.span == span(4, 2, 4, 4))
  }

  @Test func tableThenArrayOfTablesConflict() throws {
    let error = try #require(tomlError("[vm]\n[[vm]]\n"))
    #expect(error.span == span(2, 3, 2, 5))
  }

  @Test func dottedKeyCannotExtendAHeaderTable() throws {
    let error = try #require(tomlError("[fruit]\napple.color = 1\n[fruit.apple]\n"))
    #expect(error.span.line == 3)
    let error2 = try #require(tomlError("[a.b]\n[a]\nb.c = 1\n"))
    #expect(error2.span == span(3, 1, 3, 2))
  }

  @Test func inlineTablesAreSealed() throws {
    let error = try #require(tomlError("t = { a = 1 }\n[t.b]\n"))
    #expect(error.span == span(2, 2, 2, 3))
    let error2 = try #require(tomlError("t = { a = 1 }\nt.b = 2\n"))
    #expect(error2.span == span(2, 1, 2, 2))
  }

  @Test func unterminatedStringIsLocatedAtItsQuote() throws {
    let error = try #require(tomlError("a = 1\nname = \"web\n"))
    #expect(error.message.contains("unterminated string"))
    #expect(error.span.line == 2)
    #expect(error.span.column == 8)
    let multi = try #require(tomlError("x = '''\nabc\n"))
    #expect(multi.span == span(1, 5, 1, 8))
  }

  @Test func badValuesAreLocated() throws {
    let bare = try #require(tomlError("plan = free\n"))
    #expect(bare.span == span(1, 8, 1, 12))
    #expect(bare.message.contains("quoted"))
    #expect(tomlError("a = 01\n")?.span == span(1, 5, 1, 7))
    #expect(tomlError("a = 1__0\n") != nil)
    #expect(tomlError("a = 9223372036854775808\n")?.message.contains("64 bits") == true)
    #expect(tomlError("a = 1.\n") != nil)
    #expect(tomlError("a = .5\n") != nil)
    #expect(tomlError("a = \"\\x\"\n")?.span == span(1, 6, 1, 8))
    #expect(tomlError("a = 1 b = 2\n")?.span == span(1, 7, 1, 8))
    #expect(tomlError("a =\n")?.span == span(1, 4, 1, 5))
    #expect(tomlError("a = [1 2]\n")?.span == span(1, 8, 1, 9))
    #expect(tomlError("a = { b = 1, }\n") != nil)
    #expect(tomlError("a = { b = 1\n}\n") != nil)
    #expect(tomlError("[a\n")?.span == span(1, 3, 1, 4))
    #expect(tomlError("[[a]\n") != nil)
    #expect(tomlError("a = [1,\n") != nil)
    #expect(tomlError("a = \"tab\u{01}\"\n") != nil)
  }

  @Test func yamlInATomlFileIsLocated() throws {
    let error = try #require(
      tomlError(
        """
        services:
          - type: web
            plan: free
        """, path: "fly.toml"))
    #expect(error.span == Span(path: "fly.toml", line: 1, column: 9, endLine: 1, endColumn: 10))
    #expect(error.message.contains("YAML"))
    // A JSON file saved as .toml fails at its first brace.
    #expect(tomlError("{\n  \"build\": {}\n}\n")?.span == span(1, 1, 1, 2))
  }

  @Test func deepNestingIsReportedNotRecursed() throws {
    let deepArray = "a = " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
    let error = try #require(tomlError(deepArray))
    #expect(error.message.contains("deeper than 512"))
    #expect(error.span.line == 1)
    let deepInline =
      "a = " + String(repeating: "{b=", count: 2_000) + "1" + String(repeating: "}", count: 2_000)
    #expect(tomlError(deepInline)?.message.contains("deeper") == true)
    // Just under the cap parses.
    let ok = "a = " + String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
    #expect(tomlError(ok) == nil)
    let longKey = "[" + Array(repeating: "k", count: 600).joined(separator: ".") + "]"
    #expect(tomlError(longKey) != nil)
  }
}
