import DeploylintCLI
import DeploylintCore
import DeploylintEngine
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Issue 11 item 9: exit codes and reach.
@Suite(.serialized) struct HostileReachTests {
  typealias Tree = HostileInputTests.Tree

  static func run(_ arguments: [String]) -> (status: Int32, out: String, err: String) {
    let console = Console()
    let status = DeploylintMain.run(arguments, console: console)
    return (status, console.out, console.err)
  }

  /// `fix` on a missing path exited 0.
  @Test func fixOnAMissingPathExitsTwo() throws {
    let tree = try Tree()
    for arguments in [["fix"], ["fix", "--dry-run"]] {
      let r = Self.run(arguments + [tree.path("no-such-folder")])
      #expect(r.status == 2, "\(arguments): \(r.err)")
      #expect(r.err.contains("no such file or directory"), "\(r.err)")
    }
  }

  /// A name that is not valid UTF-8 (a Latin-1 `café`) was skipped silently.
  @Test func nonUTF8NamesAreScannedAndShownEscaped() throws {
    let tree = try Tree()
    let folder = Array(tree.root.path.utf8) + Array("/caf".utf8) + [0xE9]
    let made = (folder + [0]).withUnsafeBufferPointer {
      $0.withMemoryRebound(to: CChar.self) { mkdir($0.baseAddress!, 0o755) }
    }
    try #require(made == 0)
    let dockerfile = folder + Array("/Dockerfile".utf8)
    let fd = (dockerfile + [0]).withUnsafeBufferPointer {
      $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT, 0o644) }
    }
    try #require(fd >= 0)
    let text = Array(HostileInputTests.torchDockerfile.utf8)
    #expect(text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == text.count)
    close(fd)

    let r = Self.run(["--format", "json", "--fail-on", "none", tree.root.path])
    #expect(r.status == 0, "\(r.err)")
    #expect(r.out.contains("caf\\\\xe9/Dockerfile"), "escaped in JSON: \(r.out.prefix(600))")
    #expect(r.out.contains("torch-without-thread-limits"), "scanned: \(r.out.prefix(600))")
    let text2 = Self.run(["--fail-on", "none", tree.root.path])
    #expect(text2.out.contains("caf\\xe9/Dockerfile"), "\(text2.out)")
    #expect(!text2.out.contains("\u{FFFD}"))
    // `fix` cannot name it: it says so, and writes nothing anywhere.
    let before = try FileManager.default.contentsOfDirectory(atPath: tree.root.path).sorted()
    let fix = Self.run(["fix", tree.root.path])
    #expect(
      fix.status == 2 && fix.err.contains("caf\\xe9/Dockerfile: cannot read the file again"), "\(fix.err)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: tree.root.path).sorted() == before)
  }

  /// Folders below depth 64 were skipped silently.
  @Test func tooDeepAFolderIsANotification() throws {
    let tree = try Tree()
    let deep = Array(repeating: "d", count: Discovery.maxDepth + 2).joined(separator: "/")
    try tree.write(deep + "/Dockerfile", HostileInputTests.torchDockerfile)
    try tree.write("Dockerfile", HostileInputTests.torchDockerfile)
    let found = Discovery().discover(root: tree.root.path, displayRoot: "r")
    #expect(found.files.map(\.displayPath) == ["r/Dockerfile"])
    let cut = Array(repeating: "d", count: Discovery.maxDepth).joined(separator: "/")
    #expect(
      found.notifications.map(\.path) == ["r/" + cut], "\(found.notifications.map(\.path))")
    #expect(found.notifications.first?.message.contains("deeper than 64 levels") == true)
  }

  /// A `.gitignore` too large to read was skipped silently: the files it hides
  /// were scanned with no word of it.
  @Test func unreadGitignoreIsANotification() throws {
    let tree = try Tree()
    try tree.write(".gitignore", "secret/\n" + String(repeating: "#", count: 1_100_000) + "\n")
    try tree.write("Dockerfile", HostileInputTests.torchDockerfile)
    let found = Discovery().discover(root: tree.root.path, displayRoot: "r")
    #expect(found.notifications.map(\.path) == ["r/.gitignore"])
    #expect(found.notifications.first?.message.contains("patterns are not applied") == true)
  }
}
