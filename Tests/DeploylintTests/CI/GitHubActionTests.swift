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
    #expect(Set(inputs.keys) == ["paths", "fail-on", "automation-id", "sarif", "build-from-source"])
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
      #expect(text.contains("${{ inputs.\(name) "), "input \(name) is never used")
    }
    #expect(text.contains("--format github") && text.contains("--sarif-output"))
  }

  /// By default the release binary is downloaded and verified; `build-from-source`
  /// keeps the source build, the only step that calls `swift build`.
  @Test func actionDownloadsByDefaultAndBuildsOnlyOnRequest() throws {
    let (action, _) = try Self.load("action.yml")
    let runs = try #require(action.value("runs", in: action.root))
    let steps = action.items(of: try #require(action.value("steps", in: runs)))
    let onRequest = "${{ inputs.build-from-source == 'true' }}"
    var builds = 0
    for step in steps {
      let script = action.value("run", in: step)?.string ?? ""
      let condition = action.value("if", in: step)?.string ?? ""
      if script.contains("swift build") {
        builds += 1
        #expect(condition == onRequest, "swift build runs only with build-from-source: \(condition)")
      }
      if script.contains("scripts/action-install.sh") {
        #expect(condition == "${{ inputs.build-from-source != 'true' }}", "the download is the default")
      }
    }
    #expect(builds == 1)
    #expect(
      steps.contains { (action.value("run", in: $0)?.string ?? "").contains("scripts/action-install.sh") })
  }

  static let workflows = ["ci.yml", "release.yml", "deploylint-example.yml"].map { ".github/workflows/\($0)" }

  /// Every file that can hold `uses:`: the workflows (including ones added
  /// later) and the action.
  static func actionFiles() throws -> [String] {
    let folder = RepositoryPaths.repo(".github/workflows").path
    let names = try FileManager.default.contentsOfDirectory(atPath: folder)
      .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }
    return names.sorted().map { ".github/workflows/\($0)" } + ["action.yml"]
  }

  /// zizmor's `unpinned-uses`, checked in every test run: each `uses:` names a
  /// full commit and says which version it is, so a moved tag cannot change
  /// what runs (this repository's own action, `$/`, is the commit itself).
  @Test func everyUsesIsPinnedToACommitWithItsVersion() throws {
    let pinned = try NSRegularExpression(
      pattern: #"^\s*(- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$"#)
    var count = 0
    for file in try Self.actionFiles() {
      let text = try String(contentsOf: RepositoryPaths.repo(file), encoding: .utf8)
      for line in text.split(separator: "\n").map(String.init) where line.contains("uses:") {
        if line.trimmingCharacters(in: .whitespaces).hasPrefix("#") { continue }
        count += 1
        if line.hasSuffix("uses: $/") { continue }
        let range = NSRange(line.startIndex..., in: line)
        #expect(pinned.firstMatch(in: line, range: range) != nil, "\(file): \(line)")
      }
    }
    #expect(count >= 5)
  }

  /// zizmor's `artipacked` and `excessive-permissions`: checkout never leaves
  /// the token in `.git/config`; the workflow grants nothing it could write
  /// with, and each job declares exactly what it needs.
  @Test func checkoutKeepsNoCredentialsAndJobsDeclareTheirPermissions() throws {
    for file in try Self.actionFiles() where file != "action.yml" {
      let (workflow, _) = try Self.load(file)
      let top = try #require(workflow.value("permissions", in: workflow.root), "\(file): permissions")
      #expect(top.isMapping, "\(file): top-level permissions")
      for grant in workflow.entries(of: top) {
        #expect(workflow.resolve(grant.value).string != "write", "\(file): top-level \(grant.key): write")
      }
      let jobs = try #require(workflow.value("jobs", in: workflow.root))
      for job in workflow.entries(of: jobs) {
        #expect(workflow.value("permissions", in: job.value) != nil, "\(file): job \(job.key) permissions")
        for step in workflow.items(of: workflow.value("steps", in: job.value) ?? job.value) {
          guard workflow.value("uses", in: step)?.string?.hasPrefix("actions/checkout@") == true else {
            continue
          }
          let with = workflow.value("with", in: step)
          let persist = with.flatMap { workflow.value("persist-credentials", in: $0) }
          #expect(persist?.bool == false, "\(file): job \(job.key) checkout persists credentials")
        }
      }
    }
  }

  @Test func workflowsParseAndTheExampleUploadsSARIF() throws {
    for name in Self.workflows {
      let (workflow, _) = try Self.load(name)
      #expect(workflow.value("jobs", in: workflow.root)?.isMapping == true, "\(name): jobs")
      #expect(workflow.entry("on", in: workflow.root) != nil, "\(name): on")
    }
    let (example, text) = try Self.load(".github/workflows/deploylint-example.yml")
    let jobs = try #require(example.value("jobs", in: example.root))
    let job = try #require(example.value("deploylint", in: jobs))
    let permissions = try #require(example.value("permissions", in: job))
    #expect(example.value("security-events", in: permissions)?.string == "write")
    #expect(text.contains("uses: $/\n") && text.contains("uses: github/codeql-action/upload-sarif@"))
  }
}
