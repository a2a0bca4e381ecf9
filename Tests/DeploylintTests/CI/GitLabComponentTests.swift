import DeploylintCLI
import DeploylintCore
import DeploylintParsers
import Foundation
import Testing

/// The GitLab CI/CD component (`.github/gitlab/templates/deploylint.yml`):
/// its `spec:inputs` header is what the README documents, inputs reach the
/// script only through variables, and its script, run by a real shell with
/// the inputs' defaults, writes exactly the reports its `artifacts:reports`
/// declare — checked by running the same arguments through deploylint.
@Suite struct GitLabComponentTests {
  static let path = ".github/gitlab/templates/deploylint.yml"

  /// The header (`spec`) and the body (the job), each read with the project's YAML reader.
  static func load() throws -> (header: ConfigDocument, body: ConfigDocument, bodyText: String) {
    let text = try String(contentsOf: RepositoryPaths.repo(path), encoding: .utf8)
    let parts = text.components(separatedBy: "\n---\n")
    try #require(parts.count == 2, "a spec header, `---`, then the configuration")
    return (
      try YAMLReader.read(SourceFile(path: path, text: parts[0])),
      try YAMLReader.read(SourceFile(path: path, text: parts[1])), parts[1]
    )
  }

  /// Input name -> default.
  static func inputs() throws -> [String: String] {
    let (header, _, _) = try load()
    let spec = try #require(header.value("spec", in: header.root))
    let inputs = try #require(header.value("inputs", in: spec))
    var out: [String: String] = [:]
    for entry in header.entries(of: inputs) {
      out[entry.key] = header.value("default", in: entry.value)?.string ?? ""
      #expect(
        header.value("description", in: entry.value)?.string?.isEmpty == false, "\(entry.key): description")
    }
    return out
  }

  @Test func readmeDocumentsExactlyTheInputsAndDefaults() throws {
    let inputs = try Self.inputs()
    #expect(Set(inputs.keys) == ["stage", "paths", "fail-on", "image", "args"])
    #expect(try GitHubActionTests.readmeTable(after: "#### Component inputs") == inputs)
  }

  @Test func everyInputIsUsedAndOnlyThroughVariables() throws {
    let (_, body, text) = try Self.load()
    let inputs = try Self.inputs()
    for name in inputs.keys {
      #expect(text.contains("$[[ inputs.\(name) ]]"), "input \(name) is never used")
    }
    let used = text.components(separatedBy: "$[[ inputs.").dropFirst().map { $0.prefix { $0 != " " } }
    #expect(Set(used.map(String.init)).isSubset(of: inputs.keys), "undeclared input in \(used)")
    let job = try #require(body.value("deploylint", in: body.root))
    let script = try #require(body.value("script", in: job))
    for line in body.items(of: script) {
      // An input pasted into shell code could inject commands; variables cannot.
      #expect(line.string?.contains("$[[") == false, "input inside the script: \(line.string ?? "")")
    }
  }

  @Test func theJobOverridesTheEntrypointAndKeepsReportsOfFailures() throws {
    let (_, body, _) = try Self.load()
    let job = try #require(body.value("deploylint", in: body.root))
    let image = try #require(body.value("image", in: job))
    let entrypoint = try #require(body.value("entrypoint", in: image))
    #expect(body.items(of: entrypoint).map(\.string) == [""])
    let artifacts = try #require(body.value("artifacts", in: job))
    #expect(body.value("when", in: artifacts)?.string == "always")
  }

  /// The script run by `sh` with a stand-in `deploylint` that records its
  /// arguments; those arguments then run through the real command line.
  @Test func theScriptWritesTheReportsTheArtifactsDeclare() throws {
    let (_, body, _) = try Self.load()
    let job = try #require(body.value("deploylint", in: body.root))
    let artifacts = try #require(body.value("artifacts", in: job))
    let reports = try #require(body.value("reports", in: artifacts))
    let codequality = try #require(body.value("codequality", in: reports)?.string)
    let junit = try #require(body.value("junit", in: reports)?.string)

    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "deploylint-gl-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let shim = scratch.appendingPathComponent("deploylint")
    let recorded = scratch.appendingPathComponent("arguments")
    try Data("#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"$RECORD\"\n".utf8).write(
      to: shim)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: shim.path)

    // The job's variables with the inputs' defaults, the scanned path being a fixture.
    // A declared plan that PyTorch does not fit: an error, so the job fails.
    let fixture = RepositoryPaths.repo("Fixtures/railway-declared-plan-torch").path
    var inputs = try Self.inputs()
    inputs["paths"] = fixture
    var environment = ProcessInfo.processInfo.environment
    let variables = try #require(body.value("variables", in: job))
    for entry in body.entries(of: variables) {
      var value = body.resolve(entry.value).string ?? ""
      for (name, input) in inputs {
        value = value.replacingOccurrences(of: "$[[ inputs.\(name) ]]", with: input)
      }
      environment[entry.key] = value
    }
    environment["PATH"] = scratch.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
    environment["RECORD"] = recorded.path
    let scriptNode = try #require(body.value("script", in: job))
    let script = body.items(of: scriptNode).compactMap(\.string)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-e", "-c", script.joined(separator: "\n")]
    process.environment = environment
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let arguments = try String(contentsOf: recorded, encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)

    func value(after option: String) -> String? {
      arguments.firstIndex(of: option).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
    }
    #expect(value(after: "--gitlab-output") == codequality)
    #expect(value(after: "--junit-output") == junit)
    #expect(value(after: "--fail-on") == "error")
    #expect(arguments.last == fixture)

    // The same arguments through deploylint, the reports written in the scratch folder.
    let run = arguments.map {
      $0 == codequality || $0 == junit ? scratch.appendingPathComponent($0).path : $0
    }
    let console = Console(environment: environment)
    #expect(
      DeploylintMain.run(run, console: console) == 1, "a declared plan exceeded is an error: the job fails")
    #expect(console.out.contains("error[ml-runtime-exceeds-memory]"), "the log shows the findings as text")
    let quality = try String(contentsOf: scratch.appendingPathComponent(codequality), encoding: .utf8)
    try SchemaValidation.validate(labelled: [(codequality, quality)], schema: GitLabCodeQualitySchema.text)
    let tests = try XMLValidation.parse(
      try String(contentsOf: scratch.appendingPathComponent(junit), encoding: .utf8))
    #expect(tests.tag == "testsuites" && tests["failures"] != "0")
  }

  /// check-jsonschema, which carries GitLab's CI schema (`vendor.gitlab-ci`):
  /// `.ci/run` installs it in `.build-ci/venv` before the tests, or
  /// `DEPLOYLINT_CHECK_JSONSCHEMA` names it.
  static let checkJSONSchema: String = {
    if let named = ProcessInfo.processInfo.environment["DEPLOYLINT_CHECK_JSONSCHEMA"], !named.isEmpty {
      return named
    }
    return RepositoryPaths.repo(".build-ci/venv/bin/check-jsonschema").path
  }()

  /// The header, and the job with the inputs' defaults, against GitLab's own
  /// CI schema. Skipped without the tool, except in CI (`.ci/run` requires
  /// its reference data and installs the tool).
  @Test(
    .enabled(
      if: FileManager.default.isExecutableFile(atPath: checkJSONSchema) || ReferenceData.isRequired,
      "check-jsonschema not found at \(checkJSONSchema): run .ci/run, or set DEPLOYLINT_CHECK_JSONSCHEMA"))
  func validatesAgainstGitLabsCISchema() throws {
    let text = try String(contentsOf: RepositoryPaths.repo(Self.path), encoding: .utf8)
    let parts = text.components(separatedBy: "\n---\n")
    try #require(parts.count == 2)
    var body = parts[1]
    for (name, value) in try Self.inputs() {
      body = body.replacingOccurrences(of: "$[[ inputs.\(name) ]]", with: value)
    }
    #expect(!body.contains("$[["))
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "deploylint-glci-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let header = scratch.appendingPathComponent("header.yml")
    let job = scratch.appendingPathComponent("job.yml")
    try Data(parts[0].utf8).write(to: header)
    try Data(body.utf8).write(to: job)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.checkJSONSchema)
    process.arguments = ["--builtin-schema", "vendor.gitlab-ci", header.path, job.path]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let message = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(message)")
  }

  @Test func readmeShowsTheIncludeOfThisFile() throws {
    let readme = try String(contentsOf: RepositoryPaths.repo("README.md"), encoding: .utf8)
    #expect(
      readme.contains("  - remote: https://raw.githubusercontent.com/deploylint/deploylint/main/\(Self.path)")
    )
    let text = try String(contentsOf: RepositoryPaths.repo(Self.path), encoding: .utf8)
    #expect(
      text.contains("remote: https://raw.githubusercontent.com/deploylint/deploylint/main/\(Self.path)"))
  }
}
