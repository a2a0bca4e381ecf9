import DeploylintCLI
import Dispatch
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Hostile inputs through the real pipeline: each case writes a small tree to
/// a temporary folder (removed afterwards), runs `deploylint --format json` on
/// it in process (`DeploylintMain.run`) and checks the exit status (0 clean,
/// 1 findings, 2 usage/configuration error) and a located diagnostic or the
/// correct result.
///
/// Caps, measured on every case (not wall-clock benchmarks):
/// - **Hang**: the case runs on another thread under a watchdog; the test
///   fails if it has not finished after `watchdogSeconds` (20 s). Cases take
///   well under a second in release builds and a few in debug builds, so the
///   watchdog only catches hangs and blow-ups, never a slow machine.
/// - **Memory**: `getrusage(RUSAGE_SELF).ru_maxrss` before and after. It is the
///   process's peak resident size so far, so the difference is how far the
///   case pushed the peak above every earlier one; it must stay under
///   `maxPeakGrowthMB` (300 MB). A case that stays below an earlier peak shows
///   0, so this bounds what a case adds, not its whole footprint. The suite is
///   serialized so that its cases do not overlap.
@Suite(.serialized) struct HostileInputTests {
  static let watchdogSeconds = 20
  static let maxPeakGrowthMB = 300

  /// A temporary folder with the files of one case.
  final class Tree {
    let root: URL
    init() throws {
      root = FileManager.default.temporaryDirectory.appendingPathComponent(
        "deploylint-hostile-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }
    deinit {
      // Restore permissions first so that a chmod 000 file can be removed.
      if let walker = FileManager.default.enumerator(atPath: root.path) {
        for case let rel as String in walker { chmod(root.appendingPathComponent(rel).path, 0o755) }
      }
      try? FileManager.default.removeItem(at: root)
    }
    func path(_ rel: String) -> String { root.appendingPathComponent(rel).path }
    func write(_ rel: String, _ bytes: [UInt8]) throws {
      let url = root.appendingPathComponent(rel)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(bytes).write(to: url)
    }
    func write(_ rel: String, _ text: String) throws { try write(rel, Array(text.utf8)) }
  }

  /// What one run printed and returned.
  struct Outcome {
    var status: Int32
    var out: String
    var err: String
    var findings: [[String: Any]] { (json["findings"] as? [[String: Any]]) ?? [] }
    var notifications: [[String: Any]] { (json["notifications"] as? [[String: Any]]) ?? [] }
    var summary: [String: Any] { (json["summary"] as? [String: Any]) ?? [:] }
    var json: [String: Any] {
      (try? JSONSerialization.jsonObject(with: Data(out.utf8))) as? [String: Any] ?? [:]
    }
    /// `rule@line:column` of each finding, in report order.
    var locations: [String] {
      findings.map { f in
        let l = f["location"] as? [String: Any] ?? [:]
        return "\(f["ruleId"] as? String ?? "?")@\(l["line"] as? Int ?? 0):\(l["column"] as? Int ?? 0)"
      }
    }
    func notification(_ suffix: String) -> String? {
      notifications.first { ($0["path"] as? String)?.hasSuffix(suffix) == true }?["message"] as? String
    }
  }

  final class Box<T>: @unchecked Sendable { var value: T? }

  /// Runs `body` under the watchdog and the memory cap.
  static func capped<T>(_ name: String, _ body: @escaping @Sendable () -> T) -> T? {
    let before = peakRSSKilobytes()
    let box = Box<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      box.value = body()
      done.signal()
    }
    thread.stackSize = 8 << 20  // the main thread's size: recursion limits are tested, not stack size
    thread.start()
    if done.wait(timeout: .now() + .seconds(watchdogSeconds)) == .timedOut {
      Issue.record("\(name): still running after \(watchdogSeconds) s (hang?)")
      return nil
    }
    let growthMB = (peakRSSKilobytes() - before) / 1024
    #expect(growthMB < maxPeakGrowthMB, "\(name): peak RSS grew by \(growthMB) MB")
    return box.value
  }

  static func peakRSSKilobytes() -> Int {
    var usage = rusage()
    #if canImport(Darwin)
      getrusage(RUSAGE_SELF, &usage)
      return Int(usage.ru_maxrss) / 1024  // bytes on Darwin
    #else
      getrusage(RUSAGE_SELF.rawValue, &usage)
      return Int(usage.ru_maxrss)  // kilobytes on Linux
    #endif
  }

  /// `deploylint --format json <arguments> <tree>` under the caps.
  static func scan(_ tree: Tree, _ name: String, _ arguments: [String] = []) throws -> Outcome {
    let path = tree.root.path
    let outcome = capped(name) { () -> Outcome in
      let console = Console()
      let status = DeploylintMain.run(["--format", "json"] + arguments + [path], console: console)
      return Outcome(status: status, out: console.out, err: console.err)
    }
    return try #require(outcome)
  }

  static let torchDockerfile = "FROM python:3.12\nRUN pip install torch\n"

  // MARK: YAML and JSON

  /// Ten levels of ten aliases each: 10^11 scalars if expanded.
  static func laughs(prefix: String) -> String {
    var lines = ["\(prefix)0: &a0 [" + Array(repeating: "lol", count: 10).joined(separator: ", ") + "]"]
    for i in 1...10 {
      lines.append(
        "\(prefix)\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Thirty levels of mappings each merging the previous one ten times.
  static func mergeBomb(prefix: String) -> String {
    var lines = ["\(prefix)0: &m0 {k0: v}"]
    for i in 1...30 {
      let refs = Array(repeating: "*m\(i - 1)", count: 10).joined(separator: ", ")
      lines.append("\(prefix)\(i): &m\(i) {<<: [\(refs)], k\(i): v}")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  @Test func composeBillionLaughsAndMergeBomb() throws {
    let tree = try Tree()
    try tree.write("Dockerfile", Self.torchDockerfile)
    try tree.write(
      "compose.yaml",
      Self.laughs(prefix: "x-a") + Self.mergeBomb(prefix: "x-m")
        + "services:\n  web:\n    build: .\n    <<: *m30\n    environment: *a10\n")
    let r = try Self.scan(tree, "compose bombs")
    #expect(r.status == 0)  // a warning only
    #expect(r.summary["services"] as? Int == 1)
    #expect(r.locations == ["torch-without-thread-limits@2:17"])
  }

  @Test func renderBillionLaughsAndMergeBomb() throws {
    let tree = try Tree()
    try tree.write("Dockerfile", Self.torchDockerfile)
    try tree.write(
      "render.yaml",
      Self.laughs(prefix: "x") + Self.mergeBomb(prefix: "y")
        + "services:\n  - type: web\n    name: api\n    runtime: docker\n    plan: starter\n    <<: *m30\n"
        + "    envVars: *a10\n")
    let r = try Self.scan(tree, "render bombs")
    #expect(r.status <= 1)
    #expect(r.summary["services"] as? Int == 1)
    #expect(!r.locations.contains { $0.hasPrefix("unparseable-file") }, "\(r.locations)")
  }

  /// 100,000 levels of nesting; the text is built from the case name so that
  /// test logs stay short. The value is the file name, text and error location.
  static func deep(_ name: String) -> (file: String, text: String, at: String) {
    let n = 100_000
    switch name {
    case "YAML flow sequences":
      return ("render.yaml", "services: " + String(repeating: "[", count: n), "1:522")
    case "YAML block sequences": return ("compose.yaml", String(repeating: "- ", count: n) + "x\n", "1:1025")
    case "YAML flow mappings":
      return ("compose.yaml", "services: " + String(repeating: "{a: ", count: n), "1:2055")
    case "JSON arrays":
      return ("package.json", String(repeating: "[", count: n) + String(repeating: "]", count: n), "1:513")
    default:
      return (
        "railway.json", String(repeating: "{\"a\":", count: n) + "1" + String(repeating: "}", count: n),
        "1:2561"
      )
    }
  }

  @Test(arguments: [
    "YAML flow sequences", "YAML block sequences", "YAML flow mappings", "JSON arrays", "JSON objects",
  ])
  func deepNestingIsALocatedError(_ name: String) throws {
    let (file, text, at) = Self.deep(name)
    let tree = try Tree()
    try tree.write(file, text)
    let r = try Self.scan(tree, "deep \(name)")
    #expect(r.status == 1)
    #expect(r.locations == ["unparseable-file@\(at)"])
    #expect((r.findings.first?["message"] as? String)?.contains("deeper than 512 levels") == true)
  }

  @Test func deepConfigurationIsAUsageError() throws {
    let tree = try Tree()
    try tree.write(".deploylint.yml", String(repeating: "[", count: 100_000))
    let r = try Self.scan(tree, "deep .deploylint.yml")
    #expect(r.status == 2)
    #expect(r.err.contains(".deploylint.yml:1:512: YAML nesting deeper than 512 levels"), "\(r.err)")
  }

  // MARK: Size

  @Test func fiftyMegabyteFileIsANotificationNotARead() throws {
    let tree = try Tree()
    try tree.write("package.json", "")
    // Sparse: 50 MB declared, nothing on disk; discovery refuses it by its size.
    #expect(truncate(tree.path("package.json"), 50 << 20) == 0)
    let r = try Self.scan(tree, "50 MB file")
    #expect(r.status == 0)
    #expect(r.notification("package.json") == "skipped: 52428800 bytes is larger than the 16 MiB limit")
    #expect(r.summary["files"] as? Int == 0)
  }

  @Test func tenMegabyteLineIsALocatedErrorWithABoundedExcerpt() throws {
    let tree = try Tree()
    try tree.write("Dockerfile", "FROM x\nRUN " + String(repeating: "a", count: 10 << 20) + "\n")
    let r = try Self.scan(tree, "10 MB line")
    #expect(r.status == 1)
    #expect(r.locations == ["unparseable-file@2:1"])
    #expect((r.findings.first?["message"] as? String)?.contains("max allowed size of 65535") == true)
    // The text report shows a window of the line, not 10 MB of it.
    let path = tree.root.path
    let text = Self.capped("10 MB line, text") { () -> String in
      let console = Console()
      _ = DeploylintMain.run([path], console: console)
      return console.out
    }
    #expect((text?.utf8.count ?? .max) < 4096)
    #expect(text?.contains("  2 | RUN aaaa") == true)
  }

  // MARK: Bytes and encodings

  @Test func binaryDockerfileIsALocatedError() throws {
    let tree = try Tree()
    try tree.write("Dockerfile", (0..<100_000).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 7) })
    let r = try Self.scan(tree, "binary Dockerfile")
    #expect(r.status == 1)
    #expect(r.locations == ["unparseable-file@1:1"])
    #expect((r.findings.first?["message"] as? String)?.contains("no stages to build") == true)
  }

  /// The same Dockerfile in each encoding, and where `torch` is in the decoded text.
  static func encoded(_ name: String) -> (bytes: [UInt8], at: String) {
    let text = torchDockerfile
    switch name {
    case "UTF-8 with invalid bytes":
      return (
        Array("FROM python:3.12".utf8) + [0xFF] + Array("\nRUN ".utf8) + [0xC3, 0x28]
          + Array(" pip install torch\n".utf8), "2:20"
      )
    case "UTF-16LE with BOM": return ([0xFF, 0xFE] + utf16(text, littleEndian: true), "2:17")
    case "UTF-16BE with BOM": return ([0xFE, 0xFF] + utf16(text, littleEndian: false), "2:17")
    case "UTF-16LE without BOM": return (utf16(text, littleEndian: true), "2:17")
    case "UTF-16BE without BOM": return (utf16(text, littleEndian: false), "2:17")
    case "CRLF": return (Array("FROM python:3.12\r\nRUN  pip install torch\r\n".utf8), "2:18")
    case "tab": return (Array("FROM python:3.12\nRUN pip install\t\ttorch\n".utf8), "2:18")
    default: return ([0xEF, 0xBB, 0xBF] + Array("FROM python:3.12\r\nRUN pip install torch".utf8), "2:17")
    }
  }

  @Test(arguments: [
    "UTF-8 with invalid bytes", "UTF-16LE with BOM", "UTF-16BE with BOM", "UTF-16LE without BOM",
    "UTF-16BE without BOM", "CRLF", "tab", "UTF-8 BOM and CRLF",
  ])
  func encodingsKeepColumns(_ name: String) throws {
    let (bytes, at) = Self.encoded(name)
    let tree = try Tree()
    try tree.write("Dockerfile", bytes)
    let r = try Self.scan(tree, name)
    #expect(r.status == 0)  // a warning: below the default --fail-on error
    #expect(r.locations == ["torch-without-thread-limits@\(at)"], "\(name)")
  }

  /// A lone CR ends a line in YAML, TOML and requirements files, and the
  /// columns after it restart at 1. buildkit's Dockerfile scanner splits at
  /// `\n` only, so there a lone CR is blank space inside one instruction.
  @Test func loneCarriageReturns() throws {
    let tree = try Tree()
    try tree.write(
      "Dockerfile", "FROM python:3.12\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n")
    try tree.write("requirements.txt", "numpy\r  torch==2.3\rsix\r")
    try tree.write("sub/Dockerfile", "FROM python:3.12\rRUN pip install torch\r")
    let r = try Self.scan(tree, "lone CR")
    #expect(r.status == 0)
    #expect(r.findings.count == 1, "sub/Dockerfile is one FROM instruction, as for buildkit: \(r.locations)")
    let related = (r.findings.first?["related"] as? [[String: Any]]) ?? []
    let listed = related.compactMap { $0["location"] as? [String: Any] }.first {
      ($0["path"] as? String)?.hasSuffix("requirements.txt") == true
    }
    #expect(listed?["line"] as? Int == 2)
    #expect(listed?["column"] as? Int == 3)
    #expect(listed?["endColumn"] as? Int == 8)
  }

  static func utf16(_ text: String, littleEndian: Bool) -> [UInt8] {
    text.utf16.flatMap { u in
      littleEndian ? [UInt8(u & 0xFF), UInt8(u >> 8)] : [UInt8(u >> 8), UInt8(u & 0xFF)]
    }
  }

  // MARK: File system

  @Test func symlinkLoopsAndEscapesAreSkipped() throws {
    let outside = try Tree()
    try outside.write("Dockerfile", Self.torchDockerfile)
    let tree = try Tree()
    try tree.write("sub/keep.txt", "")
    #expect(symlink("Dockerfile", tree.path("Dockerfile")) == 0)  // a link to itself
    #expect(symlink("..", tree.path("sub/up")) == 0)  // a folder loop
    #expect(symlink(outside.path("Dockerfile"), tree.path("sub/Dockerfile")) == 0)  // out of the root
    let r = try Self.scan(tree, "symlinks")
    #expect(r.status == 0)
    #expect(r.findings.isEmpty, "the outside Dockerfile must not be read: \(r.locations)")
    #expect(r.notification("/Dockerfile")?.contains("symbolic link") == true)
    #expect(r.notification("sub/Dockerfile")?.contains("symbolic link pointing outside") == true)
  }

  @Test func unreadableFile() throws {
    let tree = try Tree()
    try tree.write("Dockerfile", Self.torchDockerfile)
    #expect(chmod(tree.path("Dockerfile"), 0) == 0)
    let r = try Self.scan(tree, "chmod 000")
    if access(tree.path("Dockerfile"), R_OK) == 0 {
      // Running as root: permissions do not stop reading, so the file is scanned.
      #expect(r.locations == ["torch-without-thread-limits@2:17"])
    } else {
      #expect(r.status == 0)
      #expect(r.findings.isEmpty)
      #expect(r.notification("Dockerfile") == "could not read: Permission denied")
    }
  }

  @Test func fifoNamedDockerfileIsNeverOpened() throws {
    let tree = try Tree()
    #expect(mkfifo(tree.path("Dockerfile"), 0o644) == 0)
    // Opening a FIFO for reading blocks until a writer comes: the watchdog fails a hang.
    let r = try Self.scan(tree, "FIFO")
    #expect(r.status == 0)
    #expect(r.notification("Dockerfile") == "skipped: not a regular file")
  }

  // MARK: Dockerfiles and manifests at scale

  @Test func hundredThousandContinuationLines() throws {
    let tree = try Tree()
    try tree.write(
      "Dockerfile",
      "FROM python:3.12\nRUN pip install \\\n" + String(repeating: "  six \\\n", count: 100_000) + "  torch\n"
    )
    let r = try Self.scan(tree, "100,000 continuations")
    #expect(r.status == 0)
    #expect(r.locations == ["torch-without-thread-limits@100003:3"])
  }

  @Test func unterminatedHeredoc() throws {
    let tree = try Tree()
    try tree.write("Dockerfile", "FROM x\nRUN <<EOF\necho hi\n" + String(repeating: "line\n", count: 10_000))
    let r = try Self.scan(tree, "unterminated heredoc")
    #expect(r.status == 1)
    #expect(r.locations == ["unparseable-file@2:1"])
    #expect(r.findings.first?["message"] as? String == "unterminated heredoc")
  }

  @Test func cargoLockWithHundredThousandPackages() throws {
    let tree = try Tree()
    var lock = "version = 3\n\n"
    for i in 0..<100_000 { lock += "[[package]]\nname = \"p\(i)\"\nversion = \"1.0.\(i)\"\n\n" }
    lock += "[[package]]\nname = \"api\"\nversion = \"0.1.0\"\n\n"
    try tree.write("Cargo.lock", lock)
    try tree.write("Cargo.toml", "[package]\nname = \"api\"\nversion = \"0.1.0\"\n")
    let r = try Self.scan(tree, "100,000-package Cargo.lock")
    #expect(r.status == 0)
    #expect(r.summary["files"] as? Int == 2)
    #expect(r.findings.isEmpty, "\(r.locations)")
  }
}
