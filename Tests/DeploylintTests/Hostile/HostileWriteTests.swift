import DeploylintCLI
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Issue 11 item 1: every file deploylint writes goes through one writer that
/// a repository cannot redirect (a committed symlink, a device node), that
/// checks every write and leaves the original untouched when one fails, and
/// that keeps the mode and owner of what it replaces.
@Suite(.serialized) struct HostileWriteTests {
  typealias Tree = HostileInputTests.Tree

  static let torch = HostileInputTests.torchDockerfile

  struct Run {
    var status: Int32
    var out: String
    var err: String
  }

  static func run(_ arguments: [String], files: SafeWriter = SafeWriter(), env: [String: String] = [:]) -> Run
  {
    let console = Console(environment: env, files: files)
    let status = DeploylintMain.run(arguments, console: console)
    return Run(status: status, out: console.out, err: console.err)
  }

  static func bytes(_ path: String) -> [UInt8]? {
    FileManager.default.contents(atPath: path).map { Array($0) }
  }

  static func fileType(_ path: String) -> mode_t {
    var st = stat()
    return lstat(path, &st) == 0 ? st.st_mode & S_IFMT : 0
  }

  /// Each writer, with the file it writes inside the tree.
  static let writers: [String] = [
    "fix", "init", "--output", "--sarif-output", "--write-baseline", "budget --html", "--gitlab-output",
    "--junit-output", "--checkstyle-output",
  ]

  static func arguments(_ writer: String, _ tree: Tree) -> (arguments: [String], target: String) {
    let root = tree.root.path
    switch writer {
    case "fix": return (["fix", root], tree.path("Dockerfile"))
    case "init": return (["init", root], tree.path(".deploylint.yml"))
    case "budget --html":
      return (["budget", root, "--html", tree.path("budget.html")], tree.path("budget.html"))
    default: return ([root, "--fail-on", "none", writer, tree.path("report")], tree.path("report"))
    }
  }

  /// The old writers opened `<target>.deploylint-tmp` following links: a
  /// repository committing that name as a link to a file elsewhere made every
  /// writer overwrite that file (and turned the target into a link to it).
  @Test(arguments: writers)
  func plantedTemporaryLinkIsNeverFollowed(_ writer: String) throws {
    let outside = try Tree()
    try outside.write("victim", "precious\n")
    let tree = try Tree()
    try tree.write("Dockerfile", Self.torch)
    let (arguments, target) = Self.arguments(writer, tree)
    #expect(symlink(outside.path("victim"), target + ".deploylint-tmp") == 0)
    let r = try #require(HostileInputTests.capped("planted link, \(writer)") { Self.run(arguments) })
    #expect(r.status == 0, "\(writer): \(r.err)")
    #expect(
      Self.bytes(outside.path("victim")) == Array("precious\n".utf8), "\(writer) wrote through the link")
    #expect(Self.fileType(target) == S_IFREG, "\(writer): the target is a regular file")
    #expect(Self.fileType(target + ".deploylint-tmp") == S_IFLNK, "the planted link is left alone")
  }

  /// A report target that is a committed link is replaced, not written through.
  @Test func outputLinkIsReplacedNotFollowed() throws {
    let outside = try Tree()
    try outside.write("victim", "precious\n")
    let tree = try Tree()
    try tree.write("Dockerfile", Self.torch)
    #expect(symlink(outside.path("victim"), tree.path("results.sarif")) == 0)
    let r = Self.run([tree.root.path, "--format", "sarif", "--output", tree.path("results.sarif")])
    #expect(r.status == 0, "\(r.err)")
    #expect(Self.bytes(outside.path("victim")) == Array("precious\n".utf8))
    #expect(Self.fileType(tree.path("results.sarif")) == S_IFREG)
  }

  /// As root, the old writer renamed a regular file over `/dev/null`.
  @Test func devicesAreWrittenInPlace() throws {
    let tree = try Tree()
    try tree.write("Dockerfile", Self.torch)
    let r = Self.run([tree.root.path, "--output", "/dev/null", "--sarif-output", "/dev/null"])
    #expect(r.status == 2, "one file named twice")
    let ok = Self.run([tree.root.path, "--output", "/dev/null"])
    #expect(ok.status == 0, "\(ok.err)")
    #expect(Self.fileType("/dev/null") == S_IFCHR)
    // A device that fails every write: the failure is reported, exit 2.
    if Self.fileType("/dev/full") == S_IFCHR {
      let full = Self.run([tree.root.path, "--output", "/dev/full"])
      #expect(full.status == 2)
      #expect(full.err.contains("cannot write /dev/full: No space left on device"), "\(full.err)")
    }
  }

  /// `--output /dev/stdout` needed to create `/dev/stdout.deploylint-tmp`.
  @Test func devStdoutWorksForAnyUser() throws {
    let tree = try Tree()
    try tree.write("Dockerfile", Self.torch)
    let r = Self.run([tree.root.path, "--format", "json", "--output", "/dev/stdout"])
    #expect(r.status == 0, "\(r.err)")
    #expect(r.out.contains("\"torch-without-thread-limits\""))
  }

  /// A writer whose `write(2)` stops after `limit` bytes with ENOSPC, as on a full disk.
  static func fullDisk(after limit: Int) -> SafeWriter {
    let written = Counter()
    return SafeWriter { fd, buffer in
      let room = limit - written.value
      if room <= 0 {
        errno = ENOSPC
        return -1
      }
      let n = SafeWriter.systemWrite(fd, UnsafeRawBufferPointer(rebasing: buffer.prefix(room)))
      if n > 0 { written.value += n }
      return n
    }
  }

  final class Counter: @unchecked Sendable { var value = 0 }

  /// On a full disk, a 17,932-byte Dockerfile became its first 8,192 bytes and
  /// `fix` printed success.
  @Test func fullDiskLeavesTheOriginalAndExitsTwo() throws {
    let tree = try Tree()
    var text = "FROM python:3.12\nRUN pip install torch\n"
    while text.utf8.count < 17_932 - 40 { text += "# " + String(repeating: "x", count: 60) + "\n" }
    text += String(repeating: "#", count: 17_932 - text.utf8.count - 1) + "\n"
    #expect(text.utf8.count == 17_932)
    try tree.write("Dockerfile", text)
    let r = Self.run(["fix", tree.root.path], files: Self.fullDisk(after: 8192))
    #expect(r.status == 2)
    #expect(r.err.contains("No space left on device"), "\(r.err)")
    #expect(!r.err.contains("fixed "))
    #expect(Self.bytes(tree.path("Dockerfile")) == Array(text.utf8), "the original is untouched")
    let left = try FileManager.default.contentsOfDirectory(atPath: tree.root.path)
    #expect(left == ["Dockerfile"], "no temporary file is left: \(left)")
    // The same for a report.
    let report = Self.run(
      [tree.root.path, "--format", "json", "--output", tree.path("r.json")], files: Self.fullDisk(after: 10))
    #expect(report.status == 2)
    #expect(!FileManager.default.fileExists(atPath: tree.path("r.json")))
  }

  /// `fix` kept neither mode nor owner, rewrote read-only files, and lost a
  /// change made to the file while it ran.
  @Test func fixKeepsModeRefusesReadOnlyAndChangedFiles() throws {
    let tree = try Tree()
    try tree.write("Dockerfile", Self.torch)
    #expect(chmod(tree.path("Dockerfile"), 0o750) == 0)
    #expect(Self.run(["fix", tree.root.path]).status == 0)
    var st = stat()
    #expect(stat(tree.path("Dockerfile"), &st) == 0)
    #expect(st.st_mode & 0o7777 == 0o750)
    #expect(st.st_uid == geteuid())

    let readOnly = try Tree()
    try readOnly.write("Dockerfile", Self.torch)
    #expect(chmod(readOnly.path("Dockerfile"), 0o444) == 0)
    let r = Self.run(["fix", readOnly.root.path])
    #expect(r.status == 2)
    #expect(r.err.contains("read-only"), "\(r.err)")
    #expect(Self.bytes(readOnly.path("Dockerfile")) == Array(Self.torch.utf8))

    // Another process appends to the file while `fix` writes its copy.
    let busy = try Tree()
    try busy.write("Dockerfile", Self.torch)
    let path = busy.path("Dockerfile")
    let meddler = SafeWriter { fd, buffer in
      if let handle = FileHandle(forWritingAtPath: path) {
        handle.seekToEndOfFile()
        handle.write(Data("RUN echo changed\n".utf8))
        handle.closeFile()
      }
      return SafeWriter.systemWrite(fd, buffer)
    }
    let changed = Self.run(["fix", busy.root.path], files: meddler)
    #expect(changed.status == 2)
    #expect(changed.err.contains("changed since it was read"), "\(changed.err)")
    #expect(Self.bytes(path) == Array((Self.torch + "RUN echo changed\n").utf8), "the change is kept")
  }

  /// A Dockerfile that is a link inside the root: its target is fixed, the link stays.
  @Test func fixFollowsLinksOnlyInsideTheRoot() throws {
    let tree = try Tree()
    try tree.write("real/base.txt", Self.torch)
    #expect(symlink("real/base.txt", tree.path("Dockerfile")) == 0)
    let r = Self.run(["fix", tree.root.path])
    #expect(r.status == 0, "\(r.err)")
    #expect(Self.fileType(tree.path("Dockerfile")) == S_IFLNK)
    let fixed = String(decoding: Self.bytes(tree.path("real/base.txt")) ?? [], as: UTF8.self)
    #expect(fixed.contains("ENV OMP_NUM_THREADS=1"))
  }

  /// `--output X --write-baseline X` overwrote the baseline with the report.
  @Test func oneFileNamedByTwoOptionsIsAUsageError() throws {
    let tree = try Tree()
    try tree.write("Dockerfile", Self.torch)
    let root = tree.root.path
    let cases: [[String]] = [
      ["--output", tree.path("x"), "--write-baseline", tree.path("x")],
      ["--output", tree.path("x"), "--sarif-output", tree.root.path + "/./x"],
      ["--json-output", tree.path("x"), "--baseline", tree.path("x")],
    ]
    for extra in cases {
      let r = Self.run([root] + extra)
      #expect(r.status == 2, "\(extra)")
      #expect(r.err.contains("is named by both") || r.err.contains("is read by"), "\(r.err)")
      #expect(!FileManager.default.fileExists(atPath: tree.path("x")))
    }
    // Updating a baseline in place is allowed: it is read before it is written.
    #expect(Self.run([root, "--write-baseline", tree.path("b.json")]).status == 0)
    let update = Self.run([root, "--baseline", tree.path("b.json"), "--write-baseline", tree.path("b.json")])
    #expect(update.status == 0, "\(update.err)")
  }
}
