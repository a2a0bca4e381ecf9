import DeploylintCLI
import DeploylintCore
import DeploylintEngine
import DeploylintParsers
import Foundation
import Testing

/// `.deploylint.yml` `exclude`: files and folders not read at all, by globs
/// relative to the scanned root; a path named on the command line is always read.
@Suite struct ExcludeTests {
  static let files = [
    "Dockerfile": "FROM alpine:3.20\n",
    "svc/render.yaml": "services: []\n",
    "Fixtures/a/Dockerfile": "FROM alpine:3.20\n",
    "Fixtures/b/deep/compose.yaml": "services: {}\n",
    "docs/Fixtures/Dockerfile": "FROM alpine:3.20\n",
  ]

  func paths(_ root: URL, _ exclude: [String], under sub: String = "") -> [String] {
    var discovery = Discovery()
    discovery.exclude = exclude
    return discovery.discover(root: root.appendingPathComponent(sub).path, displayRoot: "r").files
      .map(\.displayPath).sorted()
  }

  @Test(arguments: ["Fixtures/**", "Fixtures", "Fixtures/", "./Fixtures/**"])
  func aFolderGlobKeepsTheFolderOut(_ glob: String) throws {
    let root = try DiscoveryTests.tree(Self.files)
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(paths(root, [glob]) == ["r/Dockerfile", "r/docs/Fixtures/Dockerfile", "r/svc/render.yaml"])
  }

  @Test func globsMatchFilesAndCrossFolders() throws {
    let root = try DiscoveryTests.tree(Self.files)
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(paths(root, ["**/Dockerfile"]) == ["r/Fixtures/b/deep/compose.yaml", "r/svc/render.yaml"])
    #expect(paths(root, ["svc/*.yaml", "**/Fixtures/**"]) == ["r/Dockerfile"])
    #expect(paths(root, []).count == Self.files.count)
  }

  @Test func theScannedRootIsAlwaysRead() throws {
    let root = try DiscoveryTests.tree(Self.files)
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(paths(root, ["Fixtures/**"], under: "Fixtures") == ["r/a/Dockerfile", "r/b/deep/compose.yaml"])
    #expect(paths(root, ["**"], under: "Fixtures/a/Dockerfile") == ["r"])
  }

  static func parse(_ text: String) throws -> DeploylintConfig {
    try DeploylintConfig.parse(YAMLReader.read(SourceFile(path: ".deploylint.yml", text: text)))
  }

  @Test func configurationListsGlobs() throws {
    let config = try Self.parse("exclude:\n  - Fixtures/**\n  - \"legacy/*.yaml\"\n")
    #expect(config.exclude.map(\.value) == ["Fixtures/**", "legacy/*.yaml"])
    #expect(config.exclude[1].span.line == 3)
  }

  @Test(arguments: [
    ("exclude: Fixtures\n", 1, 10, "must be a list"),
    ("exclude:\n  - \"\"\n", 2, 5, "must not be empty"),
    ("exclude:\n  - {path: x}\n", 2, 5, "must be a string"),
  ])
  func badExcludeIsALocatedError(_ text: String, _ line: Int, _ column: Int, _ words: String) {
    do {
      _ = try Self.parse(text)
      Issue.record("parsed: \(text)")
    } catch let error as ParseError {
      #expect((error.span.line, error.span.column) == (line, column), "\(error.message)")
      #expect(error.message.contains(words), "\(error.message)")
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  /// The CLI reads `exclude` from the `.deploylint.yml` it finds: scanning the
  /// folder leaves the excluded fixture out, scanning the fixture itself reads it.
  @Test func cliAppliesTheConfigurationOfTheScannedFolder() throws {
    let root = try DiscoveryTests.tree([
      ".deploylint.yml": "exclude:\n  - Fixtures/**\n",
      "Dockerfile": "FROM alpine:3.20\n",
      "Fixtures/torch/Dockerfile":
        "FROM python:3.12-slim\nRUN pip install torch\nCMD [\"python\", \"app.py\"]\n",
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    let whole = Console()
    #expect(DeploylintMain.run(["--fail-on", "note", root.path], console: whole) == 0, "\(whole.out)")
    let fixture = Console()
    #expect(DeploylintMain.run(["--fail-on", "note", root.path + "/Fixtures/torch"], console: fixture) == 1)
    #expect(fixture.out.contains("torch-without-thread-limits"), "\(fixture.out)")
  }

  /// Dogfooding: this repository, scanned from its root with its own
  /// `.deploylint.yml`, reads its Dockerfile and workflows but not `Fixtures/`
  /// (deliberate findings), and has no warning (CI runs the same check).
  @Test func thisRepositoryPassesItsOwnGate() throws {
    let console = Console()
    let status = DeploylintMain.run(
      ["check", "--format", "json", "--fail-on", "warning", RepositoryPaths.root.path], console: console)
    #expect(status == 0, "\(console.out.prefix(2_000))")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(console.out.utf8)) as? [String: Any])
    let findings = report["findings"] as? [[String: Any]] ?? []
    #expect(!findings.contains { ($0["path"] as? String ?? "").contains("/Fixtures/") }, "\(findings)")
  }
}
