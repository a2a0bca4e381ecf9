import DeploylintCore
import DeploylintEngine

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `deploylint --stdin-filename render.yaml -`: the text on standard input is
/// linted as if it were saved at that path in the scanned folder (the current
/// folder, or the one folder given beside `-`), with the other files of the
/// tree read from disk (as ruff and eslint do), so an editor can lint an
/// unsaved buffer. The report keeps what is located in that file (findings and
/// notifications); the exit status follows them as usual.
struct StandardInput {
  /// The scanned folder, as given (`.` by default).
  var root: String
  /// The file's path relative to `root`, normalised.
  var relativePath: String
  /// The text, nil when larger than the size limit.
  var bytes: [UInt8]?

  /// The path given by `-` on the command line.
  static let dash = "-"

  /// The file's path as the report shows it (the root as given, then the path).
  var displayPath: String {
    var shown = root
    while shown.count > 1, shown.hasSuffix("/") { shown.removeLast() }
    if shown == "." { return relativePath }
    if shown.hasPrefix("./") { shown.removeFirst(2) }
    return shown.hasSuffix("/") ? shown + relativePath : shown + "/" + relativePath
  }

  /// Checks the combination of `-` and `--stdin-filename` and reads standard
  /// input; nil when `-` is not among the paths.
  static func read(paths: [String], filename: String?, console: Console, limit: Int) throws -> StandardInput?
  {
    guard paths.contains(dash) else {
      if filename != nil {
        throw UsageError("--stdin-filename names the text read from standard input: add `-` to read it")
      }
      return nil
    }
    guard let filename, !filename.isEmpty else {
      throw UsageError(
        "`-` reads a file from standard input: name the path it stands for with --stdin-filename "
          + "(for example `deploylint --stdin-filename render.yaml -`)")
    }
    let others = paths.filter { $0 != dash }
    guard paths.count(where: { $0 == dash }) == 1, others.count <= 1 else {
      throw UsageError(
        "`-` takes at most one other path, the folder the text belongs to (default: the current folder)")
    }
    let root = others.first ?? "."
    guard let relative = relative(filename, to: root) else {
      throw UsageError("--stdin-filename \(filename): name a file inside the scanned folder `\(root)`")
    }
    switch readBounded(console.standardInput, limit: limit) {
    case .success(let bytes): return StandardInput(root: root, relativePath: relative, bytes: bytes)
    case .failure(let error): throw UsageError("cannot read standard input: \(error.message)")
    }
  }

  /// `filename` (relative to the current folder, or absolute) relative to the
  /// folder `root`, compared as absolute paths with `.` and `..` resolved
  /// (the file need not exist); nil when it is not inside `root`.
  static func relative(_ filename: String, to root: String) -> String? {
    var info = stat()
    guard stat(root, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
    let cwd = Discovery.realPathOfCurrentDirectory() ?? "/"
    let file = normalized(filename.hasPrefix("/") ? filename : cwd + "/" + filename)
    // The root as the kernel resolves it, and as written (a symlinked folder
    // or a logical $PWD names the same place differently).
    var bases: [String] = []
    if let real = Discovery.realPath(root) { bases.append(real) }
    bases.append(normalized(root.hasPrefix("/") ? root : cwd + "/" + root))
    if root == ".", let pwd = getenv("PWD").map({ String(cString: $0) }), pwd.hasPrefix("/") {
      bases.append(normalized(pwd))
    }
    for base in bases {
      let prefix = base == "/" ? "/" : base + "/"
      if file.hasPrefix(prefix), file.count > prefix.count { return String(file.dropFirst(prefix.count)) }
    }
    return nil
  }

  /// An absolute path with `.`, `..` and repeated slashes resolved lexically.
  static func normalized(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == ".." {
        if !parts.isEmpty { parts.removeLast() }
        continue
      }
      parts.append(part)
    }
    return "/" + parts.joined(separator: "/")
  }

  struct ReadError: Error {
    var message: String
  }

  /// `filename` relative to the current folder (absolute paths inside it are
  /// accepted), with `.` and `..` resolved; nil when it is not inside it.
  static func relativeToCurrentFolder(_ filename: String) -> String? {
    var path = filename
    if path.hasPrefix("/") {
      var bases: [String] = []
      if let real = Discovery.realPathOfCurrentDirectory() { bases.append(real) }
      if let logical = getenv("PWD").map({ String(cString: $0) }), logical.hasPrefix("/") {
        bases.append(logical)
      }
      guard let base = bases.first(where: { path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) else {
        return nil
      }
      path = String(path.dropFirst(base.hasSuffix("/") ? base.count : base.count + 1))
    }
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == ".." {
        guard !parts.isEmpty else { return nil }
        parts.removeLast()
        continue
      }
      parts.append(part)
    }
    return parts.isEmpty ? nil : parts.joined(separator: "/")
  }

  /// Reads `fd` to its end, keeping at most `limit` bytes: past the limit it
  /// stops reading and gives nil, so a huge input costs `limit` bytes of
  /// memory, never its size.
  static func readBounded(_ fd: Int32, limit: Int) -> Result<[UInt8]?, ReadError> {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        if errno == EAGAIN {
          // A non-blocking descriptor (some editors hand one over): wait for data.
          var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
          _ = poll(&waiting, 1, -1)
          continue
        }
        return .failure(ReadError(message: String(cString: strerror(errno))))
      }
      if n == 0 { return .success(bytes) }
      if bytes.count + n > limit { return .success(nil) }
      bytes.append(contentsOf: buffer[0..<n])
    }
  }

  /// The report restricted to this file: its findings and notifications.
  func restrict(_ report: Report) -> Report {
    let path = displayPath
    var out = report
    out.findings = report.findings.filter { $0.span.path == path }
    out.notifications = report.notifications.filter { $0.path == path }
    return out
  }
}
