import DeploylintCore
import DeploylintImages

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file deploylint will parse, read once.
public struct InputFile: Sendable {
  /// Path relative to the scan root (`/`-separated), as assembly resolves it.
  public var relativePath: String
  /// Path as shown to the user: the root as given joined with `relativePath`.
  public var displayPath: String
  public var kind: FileKind
  public var bytes: [UInt8]
  public init(relativePath: String, displayPath: String, kind: FileKind, bytes: [UInt8]) {
    self.relativePath = relativePath
    self.displayPath = displayPath
    self.kind = kind
    self.bytes = bytes
  }
}

/// What a walk of one root found.
public struct DiscoveryResult: Sendable {
  public var files: [InputFile] = []
  /// Image archives and OCI layouts named on the command line: scanned by
  /// streaming, never read into memory here.
  public var images: [ImageInput] = []
  public var notifications: [ToolNotification] = []
  /// The root is a file named on the command line, not a folder.
  public var namedFile = false
}

/// Walks the paths given on the command line (DESIGN.md §1 "discover").
///
/// Never follows a symlink out of the root (symlinked folders are not entered
/// at all, so loops cannot happen), never opens FIFOs, sockets or devices (a FIFO
/// named `Dockerfile` would block a reader forever), honours `.gitignore`
/// files for what git does not track (inside a work tree, a tracked file is
/// read whatever `.gitignore` says: see `GitIndex`), and reads each classified
/// file once, up to `maxFileSize` bytes.
public struct Discovery: Sendable {
  /// Folders never worth scanning: VCS data, dependencies and build output.
  public static let skippedDirectories: Set<String> = [
    ".git", ".hg", ".svn", "node_modules", ".build", "target", ".venv", "venv", "vendor",
    "__pycache__", ".tox", ".mypy_cache", ".next",
  ]
  /// Files larger than this are reported, not read (deployment configs are
  /// kilobytes; a 16 MiB Cargo.lock would still fit).
  public var maxFileSize: Int = 16 * 1_048_576
  /// `.deploylint.yml` `exclude`: globs relative to the scanned root (as
  /// `ignore` paths: `*` within a folder, `**` across folders). A matching
  /// folder is not entered and a matching file is not read; the root itself,
  /// named on the command line, is always scanned.
  public var exclude: [String] = []
  /// Files whose text comes from elsewhere than the disk (an editor's buffer
  /// on standard input): see `substituting`.
  public var substitutes: [Substitute] = []

  public init() {}

  /// Discovers files under `root` (a folder or a single file). `displayRoot` is
  /// the path as the user wrote it, used as the prefix of displayed paths.
  public func discover(root: String, displayRoot: String? = nil) -> DiscoveryResult {
    var result = DiscoveryResult()
    let shown = Discovery.normalizeDisplayRoot(displayRoot ?? root)
    var st = stat()
    guard stat(root, &st) == 0 else {
      result.notifications.append(
        ToolNotification(path: shown.isEmpty ? "." : shown, message: "no such file or directory"))
      return result
    }
    let name = root.split(separator: "/").last.map(String.init) ?? root
    let isFolder = (st.st_mode & S_IFMT) == S_IFDIR
    if isFolder ? ImageScanner.isOCILayout(root) : ImageScanner.isArchiveName(name) {
      // An image: only when named on the command line (a `.tar` met while
      // walking a source tree is not scanned).
      result.images.append(ImageInput(path: root, displayPath: shown.isEmpty ? "." : shown))
      return result
    }
    if !isFolder {
      // A single file given explicitly: classify it by name, else a YAML file
      // by its content (a compose file named `prod.yml`), else as a Dockerfile
      // (`deploylint path/to/build.docker`). YAML is never read as a Dockerfile.
      result.namedFile = true
      let isYAML = FileName(name).hasSuffix(oneOf: [".yml", ".yaml"])
      let kind = FileKind.classify(fileName: name) ?? (isYAML ? .compose : .dockerfile)
      guard var file = readFile(at: root, stat: st, relative: name, display: shown, kind: kind, into: &result)
      else { return result }
      if FileKind.classify(fileName: name) == nil, isYAML {
        guard InputKind.isComposeContent(file.bytes, path: shown) else {
          result.notifications.append(
            ToolNotification(
              path: shown,
              message:
                "skipped: a YAML file deploylint does not read (not a compose file: no `services:` mapping)"))
          return result
        }
        file.kind = .compose
      }
      result.files.append(file)
      return result
    }
    guard let realRoot = Discovery.realPath(RawPath(root)) else { return result }
    // Inside a git work tree `.gitignore` hides only untracked files: a
    // tracked file is what the platform clones and builds with.
    let (tracked, indexProblem) = TrackedFiles.load(realRoot: realRoot)
    if let indexProblem {
      result.notifications.append(
        ToolNotification(
          path: shown.isEmpty ? "." : shown,
          message: "\(indexProblem): .gitignore patterns apply to tracked files too"))
    }
    var walker = Walk(tracked: tracked, ignores: [])
    walk(
      directory: RawPath(root), relative: "", realRoot: realRoot, display: shown, state: &walker,
      result: &result, depth: 0, insideIgnored: false)
    return substituting(result, display: shown)
  }

  public static func normalizeDisplayRoot(_ path: String) -> String {
    var p = path
    while p.hasSuffix("/") && p.count > 1 { p.removeLast() }
    if p == "." { return "" }
    if p.hasPrefix("./") { p.removeFirst(2) }
    return p
  }

  static func join(_ a: String, _ b: String) -> String {
    if a.isEmpty { return b }
    if a.hasSuffix("/") { return a + b }
    return a + "/" + b
  }

  /// The canonical absolute path of `path` (symlinks resolved), nil when it does not exist.
  public static func realPath(_ path: String) -> String? {
    guard let r = realpath(path, nil) else { return nil }
    defer { free(r) }
    return String(cString: r)
  }

  /// Python sources read per root, and the largest read: they are only
  /// searched for `import`s (issue 15 item 7), so the bounds keep a large
  /// monorepo's code from dominating the run.
  public static let maxPythonSources = 2_000
  public static let maxPythonSourceSize = 512 * 1024

  /// Folders nested deeper than this below a root are not entered (with a
  /// notification): deployment files live near the top, and the walk recurses.
  public static let maxDepth = 64

  /// Walks one folder. Paths on disk are bytes (`RawPath`): a name that is not
  /// valid UTF-8 is still opened by its own bytes and shown escaped (`\xe9`).
  private func walk(
    directory: RawPath, relative: String, realRoot: [UInt8], display: String,
    state: inout Walk, result: inout DiscoveryResult, depth: Int, insideIgnored: Bool
  ) {
    guard let entries = Discovery.listDirectory(directory) else {
      result.notifications.append(
        ToolNotification(
          path: relative.isEmpty ? (display.isEmpty ? "." : display) : Discovery.join(display, relative),
          message: "skipped: could not list the folder: \(String(cString: strerror(errno)))"))
      return
    }
    let pushedIgnore: Bool
    if let ignore = entries.first(where: { $0.name == ".gitignore" }) {
      switch Discovery.readAll(directory.appending(ignore.raw), limit: Discovery.maxIgnoreFileSize) {
      case .success(let bytes):
        state.ignores.append(GitIgnore(base: relative, text: String(decoding: bytes, as: UTF8.self)))
        pushedIgnore = true
      case .failure(let message):
        // Unread, its patterns would not apply: files it hides would be scanned.
        result.notifications.append(
          ToolNotification(
            path: Discovery.join(display, Discovery.join(relative, ".gitignore")),
            message: "skipped: \(message) (its patterns are not applied)"))
        pushedIgnore = false
      }
    } else {
      pushedIgnore = false
    }
    defer { if pushedIgnore { state.ignores.removeLast() } }

    for entry in entries {
      let name = entry.name
      let full = directory.appending(entry.raw)
      let rel = Discovery.join(relative, name)
      var st = stat()
      guard full.withCString({ lstat($0, &st) }) == 0 else { continue }
      let type = st.st_mode & S_IFMT
      if type == S_IFDIR {
        if Discovery.skippedDirectories.contains(name) || isExcluded(rel, isDirectory: true) { continue }
        // An ignored folder is entered only for the tracked files it holds
        // (git ignores everything below an ignored folder that it does not track).
        let ignored = insideIgnored || Discovery.isIgnored(rel, isDirectory: true, by: state.ignores)
        if ignored && !state.holdsTracked(folder: rel) { continue }
        guard depth + 1 < Discovery.maxDepth else {
          result.notifications.append(
            ToolNotification(
              path: Discovery.join(display, rel),
              message: "skipped: folder nested deeper than \(Discovery.maxDepth) levels, not scanned"))
          continue
        }
        walk(
          directory: full, relative: rel, realRoot: realRoot, display: display, state: &state,
          result: &result, depth: depth + 1, insideIgnored: ignored)
      } else if type == S_IFREG || type == S_IFLNK {
        guard let kind = FileKind.classify(fileName: name), !isExcluded(rel, isDirectory: false) else {
          continue
        }
        if insideIgnored || Discovery.isIgnored(rel, isDirectory: false, by: state.ignores),
          !state.isTracked(rel)
        {
          continue
        }
        if kind == .pythonSource {
          // Read for import evidence only: never through a link, never a
          // large file, and at most `maxPythonSources` per root.
          guard type == S_IFREG, Int(st.st_size) <= Discovery.maxPythonSourceSize else { continue }
          guard state.pythonSources < Discovery.maxPythonSources else {
            if state.pythonSources == Discovery.maxPythonSources {
              state.pythonSources += 1
              result.notifications.append(
                ToolNotification(
                  path: display.isEmpty ? "." : display,
                  message:
                    "read the imports of the first \(Discovery.maxPythonSources) Python files only: evidence that code loads PyTorch may be missed"
                ))
            }
            continue
          }
          state.pythonSources += 1
        }
        var target = st
        if type == S_IFLNK {
          // Follow a file symlink only when it resolves inside the root.
          guard let real = Discovery.realPath(full),
            real == realRoot
              || real.starts(with: realRoot.last == UInt8(ascii: "/") ? realRoot : realRoot + [0x2F]),
            full.withCString({ stat($0, &target) }) == 0, (target.st_mode & S_IFMT) == S_IFREG
          else {
            result.notifications.append(
              ToolNotification(
                path: Discovery.join(display, rel),
                message: "skipped: symbolic link pointing outside the scanned folder or not to a file"))
            continue
          }
        }
        if let file = readFile(
          at: full, stat: target, relative: rel, display: Discovery.join(display, rel), kind: kind,
          into: &result)
        {
          result.files.append(file)
        }
      } else if FileKind.classify(fileName: name) != nil {
        // A FIFO, socket or device with a name we would read: never open it.
        result.notifications.append(
          ToolNotification(path: Discovery.join(display, rel), message: "skipped: not a regular file"))
      }
    }
  }

  /// What a walk carries from folder to folder.
  struct Walk {
    /// The git index's tracked files under the root; nil outside git.
    var tracked: TrackedFiles?
    /// The `.gitignore` files of the folders from the root to the current one.
    var ignores: [GitIgnore]
    /// Python sources read so far (bounded by `maxPythonSources`).
    var pythonSources = 0

    func isTracked(_ path: String) -> Bool { tracked?.contains(file: path) ?? false }
    func holdsTracked(folder: String) -> Bool { tracked?.holds(folder: folder) ?? false }
  }

  /// Whether `exclude` covers a path relative to the root; a folder also
  /// matches as `folder/`, so `Fixtures`, `Fixtures/` and `Fixtures/**` all
  /// keep `Fixtures` out.
  func isExcluded(_ relative: String, isDirectory: Bool) -> Bool {
    exclude.contains { text in
      let glob = Glob(text.hasPrefix("./") ? String(text.dropFirst(2)) : text, syntax: .path)
      return glob.matches(relative) || (isDirectory && glob.matches(relative + "/"))
    }
  }

  static func isIgnored(_ path: String, isDirectory: Bool, by ignores: [GitIgnore]) -> Bool {
    var ignored = false
    for g in ignores {
      if let d = g.decision(for: path, isDirectory: isDirectory) { ignored = d }
    }
    return ignored
  }

  private func readFile(
    at path: String, stat st: stat, relative: String, display: String, kind: FileKind,
    into result: inout DiscoveryResult
  ) -> InputFile? {
    readFile(at: RawPath(path), stat: st, relative: relative, display: display, kind: kind, into: &result)
  }

  private func readFile(
    at path: RawPath, stat st: stat, relative: String, display: String, kind: FileKind,
    into result: inout DiscoveryResult
  ) -> InputFile? {
    guard (st.st_mode & S_IFMT) == S_IFREG else {
      result.notifications.append(ToolNotification(path: display, message: "skipped: not a regular file"))
      return nil
    }
    if Int(st.st_size) > maxFileSize {
      result.notifications.append(
        ToolNotification(
          path: display,
          message: "skipped: \(st.st_size) bytes is larger than the \(maxFileSize / 1_048_576) MiB limit"))
      return nil
    }
    switch Discovery.readAll(path, limit: maxFileSize) {
    case .success(let bytes):
      return InputFile(relativePath: relative, displayPath: display, kind: kind, bytes: bytes)
    case .failure(let message):
      result.notifications.append(ToolNotification(path: display, message: "could not read: \(message)"))
      return nil
    }
  }

  public enum ReadResult { case success([UInt8]), failure(String) }

  /// Reads a regular file with O_NONBLOCK so that a file swapped for a FIFO
  /// between `lstat` and `open` cannot block the run.
  public static func readAll(_ path: String, limit: Int) -> ReadResult {
    readAll(RawPath(path), limit: limit)
  }

  static func readAll(_ path: RawPath, limit: Int) -> ReadResult {
    let fd = path.withCString { open($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
    guard fd >= 0 else { return .failure(String(cString: strerror(errno))) }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
      return .failure("not a regular file")
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(min(Int(st.st_size), limit))
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 65_536) }
      if n < 0 {
        if errno == EINTR { continue }
        return .failure(String(cString: strerror(errno)))
      }
      if n == 0 { break }
      bytes.append(contentsOf: buffer[0..<n])
      if bytes.count > limit { return .failure("larger than the size limit") }
    }
    return .success(bytes)
  }
}

extension Discovery {
  /// The absolute path of the working directory (SARIF's `%SRCROOT%`).
  public static func realPathOfCurrentDirectory() -> String? { realPath(".") }
}
