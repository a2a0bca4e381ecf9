import DeploylintCore
import DeploylintEngine
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Discovery on real temporary trees: what is read, what is skipped, and that
/// nothing outside the root or that could block is ever opened.
@Suite struct DiscoveryTests {
  /// A temporary folder with the given files; removed by the caller.
  static func tree(_ files: [String: String]) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "deploylint-disc-\(UUID().uuidString)")
    for (path, content) in files {
      let url = root.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try content.write(to: url, atomically: true, encoding: .utf8)
    }
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    return root
  }

  func paths(_ root: URL) -> [String] {
    Discovery().discover(root: root.path, displayRoot: "r").files.map(\.displayPath).sorted()
  }

  @Test func classifiesDockerfilesByName() {
    for name in [
      "Dockerfile", "Containerfile", "Dockerfile.prod", "Dockerfile-collab", "api.Dockerfile",
      "web.dockerfile",
    ] {
      #expect(FileKind.classify(fileName: name) == .dockerfile, "\(name)")
    }
    for name in [
      "Dockerfile.dockerignore", ".dockerignore", "Dockerfile.md", "README.md", ".Dockerfile",
    ] {
      #expect(FileKind.classify(fileName: name) != .dockerfile, "\(name)")
    }
    #expect(FileKind.classify(fileName: "docker-compose.prod.yml") == .compose)
    #expect(FileKind.classify(fileName: "compose.yaml") == .compose)
    #expect(FileKind.classify(fileName: "requirements-dev.txt") == .requirements)
    #expect(FileKind.classify(fileName: "ecosystem.config.cjs") == .pm2JS)
    #expect(FileKind.classify(fileName: "render.yaml") == .renderBlueprint)
  }

  @Test func skipsDependencyAndBuildFolders() throws {
    let root = try Self.tree([
      "Dockerfile": "FROM a\n", "node_modules/x/Dockerfile": "FROM b\n", ".git/Dockerfile": "FROM c\n",
      "target/Dockerfile": "FROM d\n", ".venv/Dockerfile": "FROM e\n", "vendor/Dockerfile": "FROM f\n",
      ".build/Dockerfile": "FROM g\n", "svc/Dockerfile": "FROM h\n", "svc/notes.txt": "not read",
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(paths(root) == ["r/Dockerfile", "r/svc/Dockerfile"])
  }

  @Test func honoursGitignoreForms() throws {
    let root = try Self.tree([
      ".gitignore": "# comment\n/build/\n*.tmp.yml\ngenerated/**/Dockerfile\n!keep/Dockerfile\nold-*\n",
      "build/Dockerfile": "FROM a\n", "src/build/Dockerfile": "FROM b\n", "compose.tmp.yml": "services: {}\n",
      "generated/a/b/Dockerfile": "FROM c\n", "keep/Dockerfile": "FROM d\n", "old-api/Dockerfile": "FROM e\n",
      "sub/.gitignore": "Dockerfile.local\n", "sub/Dockerfile.local": "FROM f\n",
      "sub/Dockerfile": "FROM g\n",
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(paths(root) == ["r/keep/Dockerfile", "r/src/build/Dockerfile", "r/sub/Dockerfile"])
  }

  @Test func gitignoreGlobMatching() {
    let g = GitIgnore(base: "", text: "a/**/z\n[abc].yml\n\\#hash\nfoo?\n")
    #expect(g.decision(for: "a/z", isDirectory: false) == true)
    #expect(g.decision(for: "a/b/c/z", isDirectory: false) == true)
    #expect(g.decision(for: "b.yml", isDirectory: false) == true)
    #expect(g.decision(for: "d.yml", isDirectory: false) == nil)
    #expect(g.decision(for: "#hash", isDirectory: false) == true)
    #expect(g.decision(for: "foo1", isDirectory: false) == true)
    #expect(g.decision(for: "foo/x", isDirectory: false) == nil)
  }

  @Test func neverFollowsSymlinksOutOfTheRoot() throws {
    let outside = try Self.tree(["Dockerfile": "FROM outside\n"])
    let root = try Self.tree(["Dockerfile": "FROM inside\n", "real/Dockerfile.base": "FROM base\n"])
    defer {
      try? FileManager.default.removeItem(at: root)
      try? FileManager.default.removeItem(at: outside)
    }
    try FileManager.default.createSymbolicLink(
      atPath: root.appendingPathComponent("Dockerfile.out").path,
      withDestinationPath: outside.appendingPathComponent("Dockerfile").path)
    try FileManager.default.createSymbolicLink(
      atPath: root.appendingPathComponent("Dockerfile.in").path,
      withDestinationPath: root.appendingPathComponent("real/Dockerfile.base").path)
    try FileManager.default.createSymbolicLink(
      atPath: root.appendingPathComponent("loop").path, withDestinationPath: root.path)
    let result = Discovery().discover(root: root.path, displayRoot: "r")
    #expect(
      result.files.map(\.displayPath).sorted() == [
        "r/Dockerfile", "r/Dockerfile.in", "r/real/Dockerfile.base",
      ])
    #expect(result.notifications.contains { $0.path == "r/Dockerfile.out" })
  }

  @Test func neverOpensAFIFO() throws {
    let root = try Self.tree(["compose.yaml": "services: {}\n"])
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(mkfifo(root.appendingPathComponent("Dockerfile").path, 0o644) == 0)
    let result = Discovery().discover(root: root.path, displayRoot: "r")
    #expect(result.files.map(\.displayPath) == ["r/compose.yaml"])
    #expect(
      result.notifications.contains { $0.path == "r/Dockerfile" && $0.message.contains("not a regular file") }
    )
  }

  @Test func readsAGivenFileAndReportsMissingPaths() throws {
    let root = try Self.tree(["build.docker": "FROM a\n"])
    defer { try? FileManager.default.removeItem(at: root) }
    let file = Discovery().discover(
      root: root.appendingPathComponent("build.docker").path, displayRoot: "build.docker")
    #expect(file.files.map(\.kind) == [.dockerfile])
    let missing = Discovery().discover(root: root.appendingPathComponent("nope").path, displayRoot: "nope")
    #expect(missing.files.isEmpty)
    #expect(missing.notifications.first?.message == "no such file or directory")
  }

  @Test func largeFilesAreReportedNotRead() throws {
    let root = try Self.tree(["Dockerfile": "FROM a\n"])
    defer { try? FileManager.default.removeItem(at: root) }
    var discovery = Discovery()
    discovery.maxFileSize = 4
    let result = discovery.discover(root: root.path, displayRoot: "r")
    #expect(result.files.isEmpty)
    #expect(result.notifications.first?.message.contains("larger than") == true)
  }
}
