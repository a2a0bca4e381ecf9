import DeploylintCore
import Foundation
import Testing

@testable import DeploylintEngine

/// Runs git to set up a repository in a test's temporary folder (deploylint
/// itself never runs git: it reads the index, see `GitIndex`).
enum GitTool {
  static let available: Bool = (try? run(["--version"], in: FileManager.default.temporaryDirectory)) != nil

  @discardableResult
  static func run(_ arguments: [String], in folder: URL) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      ["git", "-c", "init.defaultBranch=main", "-c", "user.name=t", "-c", "user.email=t@t"]
      + arguments
    process.currentDirectoryURL = folder
    var environment = ProcessInfo.processInfo.environment
    environment["GIT_CONFIG_NOSYSTEM"] = "1"
    environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
    process.environment = environment
    let out = Pipe()
    process.standardOutput = out
    process.standardError = Pipe()
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw CocoaError(.executableLoad, userInfo: ["git": arguments.joined(separator: " ")])
    }
    return String(decoding: data, as: UTF8.self)
  }

  /// Every file under `folder` with its size and modification time: what a
  /// read-only run must leave unchanged.
  static func listing(_ folder: URL) -> [String] {
    let keys: [URLResourceKey] = [.fileSizeKey, .contentModificationDateKey]
    guard let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys) else {
      return []
    }
    return e.compactMap { item -> String? in
      guard let url = item as? URL, let v = try? url.resourceValues(forKeys: Set(keys)) else { return nil }
      return "\(url.path) \(v.fileSize ?? -1) \(v.contentModificationDate?.timeIntervalSince1970 ?? 0)"
    }.sorted()
  }
}

/// Inside a git work tree, tracked files are read whatever `.gitignore` says
/// (issue 15 item 8); `.gitignore` still hides untracked files.
@Suite struct GitTrackedTests {
  func paths(_ root: URL, display: String = "r") -> [String] {
    Discovery().discover(root: root.path, displayRoot: display).files.map(\.displayPath).sorted()
  }

  /// The seed: a Cargo.lock listed in `.gitignore` but committed, so the
  /// platform's clone builds with it.
  static let seed: [String: String] = [
    ".gitignore": "Cargo.lock\nignored/\n*.local.yml\n",
    "Cargo.toml": "[package]\nname = \"api\"\nversion = \"0.1.0\"\n",
    "Cargo.lock": "version = 3\n",
    "ignored/tracked/compose.yaml": "services: {}\n",
    "ignored/untracked/Dockerfile": "FROM a\n",
    "compose.local.yml": "services: {}\n",
  ]

  @Test(.enabled(if: GitTool.available, "git is not installed: the git-backed discovery tests are skipped"))
  func trackedFilesAreReadWhateverGitignoreSays() throws {
    let root = try DiscoveryTests.tree(Self.seed)
    defer { try? FileManager.default.removeItem(at: root) }
    // Outside git (no repository yet): .gitignore hides all three.
    #expect(paths(root) == ["r/Cargo.toml"])
    try GitTool.run(["init", "-q"], in: root)
    try GitTool.run(["add", "Cargo.toml"], in: root)
    try GitTool.run(["add", "-f", "Cargo.lock", "ignored/tracked/compose.yaml"], in: root)
    let before = GitTool.listing(root.appendingPathComponent(".git"))
    #expect(paths(root) == ["r/Cargo.lock", "r/Cargo.toml", "r/ignored/tracked/compose.yaml"])
    // Read only: the repository is exactly as it was (no index refresh, no lock).
    #expect(GitTool.listing(root.appendingPathComponent(".git")) == before)
    // The index format git writes with prefix compression reads the same.
    try GitTool.run(["update-index", "--index-version", "4"], in: root)
    #expect(paths(root) == ["r/Cargo.lock", "r/Cargo.toml", "r/ignored/tracked/compose.yaml"])
  }

  @Test(.enabled(if: GitTool.available, "git is not installed: the git-backed discovery tests are skipped"))
  func aSubfolderOfTheWorkTreeAndALinkedWorktree() throws {
    let repo = try DiscoveryTests.tree(
      Self.seed.reduce(into: [:]) { $0["svc/" + $1.key] = $1.value }.merging([".gitignore": "*.lock\n"]) {
        a, _ in a
      })
    let linked = repo.deletingLastPathComponent().appendingPathComponent(repo.lastPathComponent + "-wt")
    defer {
      try? FileManager.default.removeItem(at: repo)
      try? FileManager.default.removeItem(at: linked)
    }
    try GitTool.run(["init", "-q"], in: repo)
    try GitTool.run(["add", "-A"], in: repo)
    try GitTool.run(["add", "-f", "svc/Cargo.lock"], in: repo)
    try GitTool.run(["commit", "-q", "-m", "seed"], in: repo)
    // Scanning a folder below the top: the index's paths are taken relative to it.
    #expect(
      paths(repo.appendingPathComponent("svc"), display: "svc") == ["svc/Cargo.lock", "svc/Cargo.toml"])
    // A linked worktree has a `.git` file pointing into the main repository.
    try GitTool.run(["worktree", "add", "-q", linked.path], in: repo)
    let before = GitTool.listing(repo.appendingPathComponent(".git"))
    #expect(
      paths(linked.appendingPathComponent("svc"), display: "svc") == ["svc/Cargo.lock", "svc/Cargo.toml"])
    #expect(GitTool.listing(repo.appendingPathComponent(".git")) == before)
  }

  /// The seed end to end: a Railway Rust service whose Cargo.lock is in
  /// `.gitignore` but committed. Railway builds the clone, lock included.
  @Test(.enabled(if: GitTool.available, "git is not installed: the git-backed discovery tests are skipped"))
  func railwayBuildsTheTrackedLockGitignoreLists() throws {
    let root = try DiscoveryTests.tree([
      ".gitignore": "/target\nCargo.lock\n", "railway.toml": "[build]\nbuilder = \"RAILPACK\"\n",
      "Cargo.toml": RustImplicitBuildTests.manifest, "Cargo.lock": RustAssemblyTests.lock,
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    func rules() -> [String] {
      Analyzer(toolVersion: "0").scan(roots: [(root.path, "r")]).findings.map(\.ruleID)
    }
    #expect(!rules().contains("in-platform-rust-build"), "outside git the ignored lock is not read")
    try GitTool.run(["init", "-q"], in: root)
    try GitTool.run(["add", "-A"], in: root)
    try GitTool.run(["add", "-f", "Cargo.lock"], in: root)
    #expect(rules().contains("in-platform-rust-build"))
  }

  @Test func hostileGitFilesFallBackToGitignore() throws {
    let root = try DiscoveryTests.tree(Self.seed)
    let outside = try DiscoveryTests.tree(["index": "DIRC"])
    defer {
      try? FileManager.default.removeItem(at: root)
      try? FileManager.default.removeItem(at: outside)
    }
    let dotGit = root.appendingPathComponent(".git")
    // A `.git` file naming a folder with no index: a repository with nothing tracked.
    try "gitdir: /nonexistent/deploylint\n".write(to: dotGit, atomically: true, encoding: .utf8)
    #expect(paths(root) == ["r/Cargo.toml"])
    // A `.git` file naming a folder whose index is garbage: said, and .gitignore applies.
    try "gitdir: \(outside.path)\n".write(to: dotGit, atomically: true, encoding: .utf8)
    let result = Discovery().discover(root: root.path, displayRoot: "r")
    #expect(result.files.map(\.displayPath) == ["r/Cargo.toml"])
    #expect(result.notifications.contains { $0.message.contains("git index not used") })
    // A symlinked `.git` is not followed at all.
    try FileManager.default.removeItem(at: dotGit)
    try FileManager.default.createSymbolicLink(at: dotGit, withDestinationURL: outside)
    let linked = Discovery().discover(root: root.path, displayRoot: "r")
    #expect(linked.files.map(\.displayPath) == ["r/Cargo.toml"])
    #expect(linked.notifications.isEmpty)
    // A FIFO as the index is never opened for a blocking read.
    try FileManager.default.removeItem(at: dotGit)
    try FileManager.default.createDirectory(at: dotGit, withIntermediateDirectories: true)
    #expect(mkfifo(dotGit.appendingPathComponent("index").path, 0o644) == 0)
    #expect(paths(root) == ["r/Cargo.toml"])
  }

  // MARK: the index format, in memory

  /// One index entry as git writes it (version 2/3: padded; 4: prefix-compressed).
  static func index(version: Int, entries: [(String, UInt32)], hashSize: Int = 20) -> [UInt8] {
    func be32(_ v: Int) -> [UInt8] {
      [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
    }
    var data = Array("DIRC".utf8) + be32(version) + be32(entries.count)
    var previous: [UInt8] = []
    for (path, mode) in entries {
      let name = Array(path.utf8)
      let start = data.count
      data += [UInt8](repeating: 0, count: 24) + be32(Int(mode)) + [UInt8](repeating: 0, count: 12)
      data +=
        [UInt8](repeating: 0xAB, count: hashSize) + [
          UInt8(min(name.count, 0xFFF) >> 8), UInt8(min(name.count, 0xFFF) & 0xFF),
        ]
      if version == 4 {
        let common = zip(previous, name).prefix { $0 == $1 }.count
        let strip = previous.count - common
        precondition(strip < 128)
        data += [UInt8(strip)] + name[common...] + [0]
      } else {
        data += name
        let length = data.count - start
        data += [UInt8](repeating: 0, count: ((length + 8) & ~7) - length)
      }
      previous = name
    }
    return data + [UInt8](repeating: 0, count: hashSize)
  }

  static let entries: [(String, UInt32)] = [
    ("Cargo.lock", 0o100644), ("api/Cargo.lock", 0o100644), ("api/src/main.rs", 0o100644),
    ("deps/sub", 0o160000), ("link.yml", 0o120000),
  ]

  @Test(arguments: [2, 3, 4], [20, 32])
  func parsesEveryIndexVersion(version: Int, hashSize: Int) throws {
    let bytes = Self.index(version: version, entries: Self.entries, hashSize: hashSize)
    let parsed = try GitIndex.parse(bytes, hashSize: hashSize).get()
    // Submodules (gitlinks) are not files of this tree; symlinks are.
    #expect(
      parsed.paths.map { String(decoding: $0, as: UTF8.self) } == [
        "Cargo.lock", "api/Cargo.lock", "api/src/main.rs", "link.yml",
      ])
    // Looked up by binary search: exact files, and folders holding one.
    #expect(parsed.contains(Array("api/Cargo.lock".utf8)))
    #expect(!parsed.contains(Array("api/Cargo".utf8)))
    #expect(parsed.hasEntry(under: Array("api/src/".utf8)))
    #expect(!parsed.hasEntry(under: Array("deps/".utf8)), "a submodule is not a tracked file")
    #expect(!parsed.hasEntry(under: Array("ap/".utf8)))
  }

  @Test func malformedIndexesFailWithoutTrapping() {
    let good = Self.index(version: 4, entries: Self.entries)
    // Every truncation fails cleanly (or parses a prefix when only the trailer is cut).
    for cut in stride(from: 0, to: good.count, by: 3) {
      _ = GitIndex.parse(Array(good[0..<cut]))
    }
    // A count far beyond what the file holds stops at the first missing entry.
    var huge = good
    huge[8...11] = [0xFF, 0xFF, 0xFF, 0xFF]
    #expect(throws: GitIndex.Failure.self) { try GitIndex.parse(huge).get() }
    // A v4 entry dropping more than the previous path holds.
    var strip = Self.index(version: 4, entries: [("a", 0o100644)])
    strip[12 + 62] = 0x7F
    #expect(throws: GitIndex.Failure.self) { try GitIndex.parse(strip).get() }
    // Not an index at all, or a version git never wrote.
    #expect(throws: GitIndex.Failure.self) {
      try GitIndex.parse(Array("DIRX".utf8) + good.dropFirst(4)).get()
    }
    var v9 = good
    v9[7] = 9
    #expect(throws: GitIndex.Failure.self) { try GitIndex.parse(v9).get() }
  }

  @Test func entriesOutOfOrderAreMalformed() {
    for version in [2, 4] {
      let bytes = Self.index(version: version, entries: [("b.yml", 0o100644), ("a.yml", 0o100644)])
      #expect(throws: GitIndex.Failure.self) { try GitIndex.parse(bytes).get() }
    }
  }

  @Test func trackedFilesAreLookedUpBelowTheScanRoot() throws {
    let bytes = Self.index(version: 4, entries: [("svc/a/b/Cargo.lock", 0o100644), ("svc/x.yml", 0o100644)])
    let tracked = TrackedFiles(index: try GitIndex.parse(bytes).get(), prefix: Array("svc/".utf8))
    #expect(tracked.contains(file: "a/b/Cargo.lock"))
    #expect(tracked.contains(file: "x.yml"))
    #expect(!tracked.contains(file: "svc/x.yml"))
    #expect(tracked.holds(folder: "a") && tracked.holds(folder: "a/b"))
    #expect(!tracked.holds(folder: "b"))
  }

  /// 200,000 entries (a large monorepo's index) parse and answer quickly.
  @Test func aLargeIndexIsReadInOnePass() throws {
    var data = Array("DIRC".utf8) + [0, 0, 0, 4] + [0x00, 0x03, 0x0D, 0x40]
    var previous: [UInt8] = []
    for i in 0..<200_000 {
      let name = Array("src/pkg\(i / 1000 + 100)/mod\(i + 100_000).py".utf8)
      let common = zip(previous, name).prefix { $0 == $1 }.count
      data += [UInt8](repeating: 0, count: 24) + [0, 0, 0x81, 0xA4] + [UInt8](repeating: 0, count: 12)
      data += [UInt8](repeating: 0xAB, count: 20) + [0, UInt8(name.count)]
      data += [UInt8(previous.count - common)] + name[common...] + [0]
      previous = name
    }
    data += [UInt8](repeating: 0, count: 20)
    let clock = ContinuousClock()
    var index = GitIndex()
    let elapsed = try clock.measure { index = try GitIndex.parse(data).get() }
    #expect(index.count == 200_000)
    #expect(index.contains(Array("src/pkg299/mod299999.py".utf8)))
    #expect(elapsed < .seconds(10), "\(elapsed)")
  }
}
