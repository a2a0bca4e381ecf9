import DeploylintCore
import DeploylintParsers
import Foundation
import Testing

/// `action.yml` and the workflows, read with the project's own YAML reader:
/// the inputs and outputs the action declares are exactly those the README
/// documents (with the same defaults), and each one is used.
@Suite struct GitHubActionTests {
  typealias Document = ConfigDocument

  static func load(_ relative: String) throws -> (Document, String) {
    let text = try String(contentsOf: RepositoryPaths.repo(relative), encoding: .utf8)
    return (try YAMLReader.read(SourceFile(path: relative, text: text)), text)
  }

  /// `name -> default` of a mapping of inputs or outputs (outputs have no default).
  static func declared(_ key: String, in document: Document) -> [String: String] {
    guard let section = document.value(key, in: document.root) else { return [:] }
    var result: [String: String] = [:]
    for entry in document.entries(of: section) {
      result[entry.key] = document.value("default", in: entry.value)?.string ?? ""
    }
    return result
  }

  /// The table under a README heading: first cell (backquoted name) -> second
  /// cell (a backquoted default, or "(empty)").
  static func readmeTable(after heading: String) throws -> [String: String] {
    let readme = try String(contentsOf: RepositoryPaths.repo("README.md"), encoding: .utf8)
    let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let start = try #require(lines.firstIndex(of: heading), "README has no \(heading)")
    var rows: [String: String] = [:]
    for line in lines[(start + 1)...] {
      if line.hasPrefix("#") { break }
      guard line.hasPrefix("| `") else { continue }
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      let name = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
      let second = cells.count > 1 ? cells[1] : ""
      rows[name] = second.hasPrefix("`") ? second.trimmingCharacters(in: CharacterSet(charactersIn: "`")) : ""
    }
    return rows
  }

  @Test func readmeDocumentsExactlyTheActionsInputsAndDefaults() throws {
    let (action, _) = try Self.load("action.yml")
    let inputs = Self.declared("inputs", in: action)
    #expect(Set(inputs.keys) == ["paths", "fail-on", "automation-id", "sarif"])
    #expect(try Self.readmeTable(after: "#### Action inputs") == inputs)
  }

  @Test func readmeDocumentsExactlyTheActionsOutputs() throws {
    let (action, _) = try Self.load("action.yml")
    let outputs = Set(Self.declared("outputs", in: action).keys)
    #expect(outputs == ["sarif-file"])
    #expect(Set(try Self.readmeTable(after: "#### Action outputs").keys) == outputs)
  }

  @Test func actionIsCompositeAndUsesEveryInputThroughTheEnvironment() throws {
    let (action, text) = try Self.load("action.yml")
    let runs = try #require(action.value("runs", in: action.root))
    #expect(action.value("using", in: runs)?.string == "composite")
    let steps = action.items(of: try #require(action.value("steps", in: runs)))
    #expect(steps.count >= 3)
    for step in steps {
      #expect(action.value("shell", in: step)?.string == "bash", "composite run steps need a shell")
      // Inputs reach scripts only through `env:`: `${{ inputs.x }}` inside `run` could inject shell code.
      let script = action.value("run", in: step)?.string ?? ""
      #expect(!script.contains("${{"), "expression inside a run script: \(script.prefix(80))")
    }
    for name in Self.declared("inputs", in: action).keys {
      #expect(text.contains("${{ inputs.\(name) }}"), "input \(name) is never used")
    }
    #expect(text.contains("--format github") && text.contains("--sarif-output"))
  }

  @Test func workflowsParseAndTheExampleUploadsSARIF() throws {
    for name in ["ci.yml", "deploylint-example.yml"] {
      let (workflow, _) = try Self.load(".github/workflows/\(name)")
      #expect(workflow.value("jobs", in: workflow.root)?.isMapping == true, "\(name): jobs")
      #expect(workflow.entry("on", in: workflow.root) != nil, "\(name): on")
    }
    let (example, text) = try Self.load(".github/workflows/deploylint-example.yml")
    let jobs = try #require(example.value("jobs", in: example.root))
    let job = try #require(example.value("deploylint", in: jobs))
    let permissions = try #require(example.value("permissions", in: job))
    #expect(example.value("security-events", in: permissions)?.string == "write")
    #expect(text.contains("uses: ./\n") && text.contains("github/codeql-action/upload-sarif@v3"))
  }
}
