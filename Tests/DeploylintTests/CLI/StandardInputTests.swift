import DeploylintCLI
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `deploylint --stdin-filename PATH - [FOLDER]`: an editor's buffer linted as
/// if it were saved at PATH, with the rest of the tree read from disk.
@Suite struct StandardInputTests {
  /// A temporary tree; removed with the value.
  final class Tree {
    let root: URL
    init(_ files: [String: String]) throws {
      root = FileManager.default.temporaryDirectory.appendingPathComponent(
        "deploylint-stdin-\(UUID().uuidString)")
      for (path, text) in files {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
      }
      try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: root) }
    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
  }

  /// Runs the command line with `text` on standard input (through a pipe).
  static func run(_ arguments: [String], stdin text: String) throws -> (
    status: Int32, out: String, err: String
  ) {
    var fds: [Int32] = [0, 0]
    let piped = pipe(&fds)
    try #require(piped == 0)
    let bytes = Array(text.utf8)
    try #require(bytes.count < 60_000, "fits the pipe's buffer: no writer thread needed")
    _ = bytes.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
    close(fds[1])
    defer { close(fds[0]) }
    let console = Console(standardInput: fds[0])
    let status = DeploylintMain.run(arguments, console: console)
    return (status, console.out, console.err)
  }

  static func renderWorkers(_ workers: Int) -> String {
    """
    services:
      - type: web
        name: hera
        runtime: python
        plan: free
        startCommand: gunicorn --workers \(workers) --threads 4 app:app

    """
  }

  static func locations(_ json: String) -> [String] {
    let root = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] ?? [:]
    return (root["findings"] as? [[String: Any]] ?? []).map { f in
      let l = f["location"] as? [String: Any] ?? [:]
      return "\(f["ruleId"] as? String ?? "?")@\(l["path"] as? String ?? "?"):\(l["line"] as? Int ?? 0)"
    }
  }

  @Test func theBufferReplacesTheFileOnDisk() throws {
    let tree = try Tree(["render.yaml": Self.renderWorkers(1)])
    let base = [
      "--format", "json", "--fail-on", "warning", "--stdin-filename", tree.path("render.yaml"), "-",
      tree.root.path,
    ]
    let dirty = try Self.run(base, stdin: Self.renderWorkers(2))
    #expect(dirty.status == 1, "\(dirty.err)")
    #expect(Self.locations(dirty.out) == ["workers-multiply-memory@\(tree.path("render.yaml")):6"])
    // The reverse: a problem on disk, a fixed buffer.
    let fixedTree = try Tree(["render.yaml": Self.renderWorkers(2)])
    let clean = try Self.run(
      [
        "--format", "json", "--fail-on", "warning", "--stdin-filename", fixedTree.path("render.yaml"), "-",
        fixedTree.root.path,
      ],
      stdin: Self.renderWorkers(1))
    #expect(clean.status == 0)
    #expect(Self.locations(clean.out).isEmpty)
  }

  /// A Dockerfile that exists only in the editor, built by a service that
  /// render.yaml (on disk) puts on Render's free plan: the buffer's finding
  /// uses the plan of the file on disk. The error that render.yaml's plan
  /// line gets is located there, not in the buffer, so it is left out.
  @Test func theRestOfTheTreeStillCounts() throws {
    let tree = try Tree([
      "render.yaml":
        "services:\n  - type: web\n    name: tts\n    runtime: docker\n    plan: free\n"
        + "    dockerfilePath: ./api/Dockerfile\n",
      "api/requirements.txt": "flask\n",
    ])
    let r = try Self.run(
      [
        "--format", "json", "--fail-on", "warning", "--stdin-filename", tree.path("api/Dockerfile"), "-",
        tree.root.path,
      ],
      stdin: "FROM python:3.12\nRUN pip install torch\nCMD [\"python\", \"serve.py\"]\n")
    #expect(r.status == 1, "\(r.out) \(r.err)")
    let found = Self.locations(r.out)
    #expect(found.contains("torch-without-thread-limits@\(tree.path("api/Dockerfile")):2"), "\(found)")
    #expect(
      found.allSatisfy { $0.contains("@\(tree.path("api/Dockerfile")):") }, "only the buffer's findings")
    #expect(
      r.out.contains("The plan gives 0.1 CPUs (Render plan `free`"), "the plan comes from render.yaml on disk"
    )
    // Without the buffer, the service has no Dockerfile and torch is not found at all.
    let saved = DeploylintMain.run(["--fail-on", "warning", tree.root.path], console: Console())
    #expect(saved == 0)
  }

  @Test func relativeNamesAreFromTheCurrentFolder() throws {
    // Paths relative to the current folder (the package root under scripts/test.sh).
    let absolute = RepositoryPaths.repo("Fixtures/hera-render-free").path
    let cwd = FileManager.default.currentDirectoryPath
    try #require(absolute.hasPrefix(cwd + "/"), "run from the package root (\(cwd))")
    let fixture = String(absolute.dropFirst(cwd.count + 1))
    let text = try String(contentsOf: URL(fileURLWithPath: absolute + "/render.yaml"), encoding: .utf8)
    let r = try Self.run(
      [
        "--format", "json", "--fail-on", "warning", "--stdin-filename", "./\(fixture)/x/../render.yaml", "-",
        fixture,
      ],
      stdin: text)
    #expect(r.status == 1, "\(r.err)")
    #expect(
      Self.locations(r.out).allSatisfy { $0.hasPrefix("workers-multiply-memory@\(fixture)/render.yaml:") })
    #expect(!Self.locations(r.out).isEmpty)
  }

  @Test func exitStatusIsTheSameInEveryFormat() throws {
    let tree = try Tree(["render.yaml": Self.renderWorkers(1)])
    for format in ["text", "json", "sarif", "github", "gitlab", "junit", "checkstyle"] {
      for (failOn, expected) in [("warning", Int32(1)), ("error", 0), ("none", 0)] {
        let r = try Self.run(
          [
            "--format", format, "--fail-on", failOn, "--stdin-filename", tree.path("render.yaml"), "-",
            tree.root.path,
          ],
          stdin: Self.renderWorkers(2))
        #expect(r.status == expected, "\(format) --fail-on \(failOn): \(r.err)")
      }
    }
  }

  @Test func aNameDeploylintDoesNotReadIsSaidSo() throws {
    let tree = try Tree(["render.yaml": Self.renderWorkers(2)])
    let r = try Self.run(
      ["--format", "json", "--stdin-filename", tree.path("notes.md"), "-", tree.root.path], stdin: "# hi\n")
    #expect(r.status == 0)
    #expect(Self.locations(r.out).isEmpty, "findings of other files are not the buffer's")
    #expect(r.out.contains("deploylint reads no file of this name"))
  }

  /// The configuration in the editor is the one used, saved or not: its
  /// errors are reported at its lines, and a fixed buffer replaces a broken file.
  @Test func aConfigurationBufferIsTheConfiguration() throws {
    let tree = try Tree(["render.yaml": Self.renderWorkers(1), ".deploylint.yml": "rulez: {}\n"])
    let arguments = ["--stdin-filename", tree.path(".deploylint.yml"), "-", tree.root.path]
    let broken = try Self.run(arguments, stdin: "fail-on: warning\nhots: {}\n")
    #expect(broken.status == 2)
    #expect(broken.err.contains("\(tree.path(".deploylint.yml")):2:1: unknown key `hots`"), "\(broken.err)")
    let fixed = try Self.run(arguments, stdin: "fail-on: warning\n")
    #expect(fixed.status == 0, "the broken file on disk is not read: \(fixed.err)")
    #expect(DeploylintMain.run([tree.root.path], console: Console()) == 2, "the file on disk is broken")
  }

  @Test(arguments: [
    (["-"], "name the path it stands for with --stdin-filename"),
    (["--stdin-filename", "render.yaml"], "add `-` to read it"),
    (["--stdin-filename", "render.yaml", "-", "-"], "at most one other path"),
    (["--stdin-filename", "render.yaml", "-", "Fixtures", "Rules"], "at most one other path"),
    (["--stdin-filename", "../render.yaml", "-"], "inside the scanned folder"),
    (["--stdin-filename", "/etc/render.yaml", "-"], "inside the scanned folder"),
    (["--stdin-filename", "Fixtures", "-", "Fixtures"], "inside the scanned folder"),
  ])
  func misuseIsAUsageError(_ arguments: [String], _ message: String) throws {
    let r = try Self.run(arguments, stdin: "")
    #expect(r.status == 2)
    #expect(r.err.contains(message), "\(r.err)")
    #expect(r.out.isEmpty)
  }

  @Test func anUnreadableStandardInputIsAUsageError() {
    let console = Console(standardInput: -1)
    let status = DeploylintMain.run(["--stdin-filename", "render.yaml", "-"], console: console)
    #expect(status == 2)
    #expect(console.err.contains("cannot read standard input"))
  }
}
