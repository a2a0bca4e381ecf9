#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a command writes, and what it knows of its surroundings. Commands
/// never print directly, so the whole CLI runs in-process in tests.
public final class Console {
  public var out = ""
  public var err = ""
  /// Whether stdout is a terminal (colour, widths).
  public let isTerminal: Bool
  public let environment: [String: String]
  /// Every file a command writes goes through this writer.
  public let files: SafeWriter
  /// The file descriptor read by `deploylint --stdin-filename NAME -` (tests
  /// give a file or a pipe; the process's own is 0).
  public let standardInput: Int32
  /// Set when stdout carries the `github` format's annotations: the one
  /// output meant to be read as workflow commands (`RunnerSafety`).
  public var stdoutIsWorkflowCommands = false

  public init(
    isTerminal: Bool = false, environment: [String: String] = [:], standardInput: Int32 = 0,
    files: SafeWriter = SafeWriter()
  ) {
    self.isTerminal = isTerminal
    self.environment = environment
    self.standardInput = standardInput
    self.files = files
  }

  /// Writes a whole file (`SafeWriter`); a failure is a usage error (exit 2).
  /// `/dev/stdout` and `/dev/stderr` (or `/dev/fd/1`, `/dev/fd/2`) join what
  /// the command prints, in order.
  func writeFile(_ path: String, _ bytes: [UInt8], guard rules: SafeWriter.Guard = .init()) throws {
    switch SafeWriter.descriptor(named: path) {
    case 1: out += String(decoding: bytes, as: UTF8.self)
    case 2: err += String(decoding: bytes, as: UTF8.self)
    default:
      do {
        try files.write(bytes, to: path, guard: rules)
      } catch {
        throw UsageError(error.description)
      }
    }
  }

  func writeFile(_ path: String, _ text: String) throws { try writeFile(path, Array(text.utf8)) }

  /// Whether the run is a GitHub Actions step (`GITHUB_ACTIONS=true`).
  public var underActions: Bool { environment["GITHUB_ACTIONS"] == "true" }

  /// One line on stderr, `deploylint: <level>: <message>` (no prefix for a
  /// nil level). The message may quote the repository: `RunnerSafety.line`.
  func diagnose(_ level: String?, _ message: String) {
    let text = RunnerSafety.line(message, actions: underActions)
    err += (level.map { "deploylint: \($0): " } ?? "") + text + "\n"
  }

  /// Lines on stdout that quote the repository (a diff, a dump): `RunnerSafety.lines`.
  func printQuoting(_ text: String) { out += RunnerSafety.lines(text) }

  /// What the process writes: `out` and `err`, each wrapped in a
  /// stop-commands pair under Actions when a line would be a command.
  public func rendered() -> (out: String, err: String) {
    let actions = underActions
    return (
      stdoutIsWorkflowCommands ? out : RunnerSafety.guarded(out, actions: actions),
      RunnerSafety.guarded(err, actions: actions)
    )
  }

  /// The process's real console.
  public static func system() -> Console {
    var env: [String: String] = [:]
    var p = environ
    while let entry = p.pointee {
      let s = String(cString: entry)
      if let eq = s.firstIndex(of: "=") { env[String(s[..<eq])] = String(s[s.index(after: eq)...]) }
      p += 1
    }
    return Console(isTerminal: isatty(1) == 1, environment: env)
  }

  /// Colour only on a terminal, and never when NO_COLOR is set (no-color.org).
  public var useColor: Bool {
    isTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
  }

  /// Writes what was collected to the real stdout/stderr.
  public func flush() {
    let (stdout, stderr) = rendered()
    write(stdout, to: 1)
    write(stderr, to: 2)
    out = ""
    err = ""
  }

  private func write(_ text: String, to fd: Int32) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
      if n <= 0 { break }
      offset += n
    }
  }
}
