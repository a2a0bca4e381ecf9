#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one way deploylint writes a file: reports (`--output`, `--sarif-output`,
/// `--json-output`, `--text-output`), `--write-baseline`, `budget --html`,
/// `init`, `fix` and the maintainers' `generate-docs`.
///
/// The repository is untrusted (in CI it comes from a pull request), so a write
/// must not be redirectable by what it holds:
/// - A regular file (or a path that does not exist yet) is replaced atomically:
///   a temporary file is created next to it with `O_CREAT|O_EXCL|O_NOFOLLOW`
///   under a random name (a committed `x.deploylint-tmp` symlink cannot be
///   followed), filled with checked writes, `fsync`ed, given the replaced
///   file's mode and owner, then renamed over the target. Any failure removes
///   the temporary file and leaves the target untouched.
/// - A symbolic link in the last component is replaced, never written through
///   (unless `Guard.root` says it may be followed, see `fix`).
/// - Targets that are not regular files (`/dev/null`, a pipe, a terminal) are
///   written directly and never replaced; `/dev/stdout`, `/dev/stderr` and
///   `/dev/fd/N` are written to the descriptor, so they work for any user.
public struct SafeWriter: Sendable {
  /// Why a write failed, as printed after `deploylint: error:`.
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// What must hold of an existing file before it is replaced (`fix`).
  public struct Guard: Sendable {
    /// The bytes the file held when it was read: the write gives up when they changed.
    public var original: [UInt8]?
    /// The real path of the scanned root: the file (after symbolic links) and
    /// its folder must be inside it. A link inside the root is followed and its
    /// target rewritten, so the link stays a link.
    public var root: String?
    public init(original: [UInt8]? = nil, root: String? = nil) {
      self.original = original
      self.root = root
    }
  }

  /// One `write(2)`; replaced in tests to simulate a full disk.
  public typealias WriteCall = @Sendable (Int32, UnsafeRawBufferPointer) -> Int

  let writeCall: WriteCall

  public init(writeCall: @escaping WriteCall = { fd, buffer in SafeWriter.systemWrite(fd, buffer) }) {
    self.writeCall = writeCall
  }

  public static func systemWrite(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Int {
    #if canImport(Glibc)
      Glibc.write(fd, buffer.baseAddress, buffer.count)
    #else
      Darwin.write(fd, buffer.baseAddress, buffer.count)
    #endif
  }

  /// The descriptor a path names directly (`/dev/stdout`, `/dev/fd/3`,
  /// `/proc/self/fd/3`), or nil for an ordinary path.
  public static func descriptor(named path: String) -> Int32? {
    switch path {
    case "/dev/stdout": return 1
    case "/dev/stderr": return 2
    default: break
    }
    for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
      if let n = Int32(path.dropFirst(prefix.count)), n >= 0 { return n }
    }
    return nil
  }

  /// Writes `bytes` as the whole content of `path` (see the type's rules).
  public func write(_ bytes: [UInt8], to path: String, guard rules: Guard = Guard()) throws(Failure) {
    if let fd = Self.descriptor(named: path) {
      try writeAll(bytes, to: fd, path: path)
      return
    }
    var target = path
    var st = stat()
    var exists = lstat(path, &st) == 0
    if exists, (st.st_mode & S_IFMT) == S_IFLNK, let root = rules.root {
      // `fix` on a file reached through a link inside the root: rewrite the
      // link's target, never a file outside the root.
      guard let real = Self.realPath(path), Self.isInside(real, root), lstat(real, &st) == 0 else {
        throw Failure(
          description: "\(path) is a symbolic link to a file outside the scanned folder; not written")
      }
      target = real
      exists = true
    }
    let (folder, name) = Self.split(target)
    if let root = rules.root {
      guard let realFolder = Self.realPath(folder), Self.isInside(realFolder + "/" + name, root) else {
        throw Failure(description: "\(path) is outside the scanned folder; not written")
      }
    }
    if exists {
      switch st.st_mode & S_IFMT {
      case S_IFREG, S_IFLNK: break
      case S_IFDIR: throw Failure(description: "cannot write \(path): it is a folder")
      default:
        // A device, pipe or socket the user named: written in place, never replaced.
        try writeInPlace(bytes, path: path)
        return
      }
      if (st.st_mode & S_IFMT) == S_IFREG, st.st_mode & 0o222 == 0 || access(target, W_OK) != 0 {
        throw Failure(description: "cannot write \(path): the file is read-only")
      }
    }
    try replace(
      target, shown: path, folder: folder, name: name, bytes: bytes, existing: exists ? st : nil, rules)
  }

  /// Appends to a file (GitHub's step summary, shared by every step of a job;
  /// its path comes from the runner, not from the repository).
  public func append(_ bytes: [UInt8], to path: String) throws(Failure) {
    let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0o666)
    guard fd >= 0 else { throw Failure(description: "cannot write \(path): \(Self.lastError())") }
    defer { close(fd) }
    try writeAll(bytes, to: fd, path: path)
  }

  // MARK: Steps

  private func replace(
    _ target: String, shown: String, folder: String, name: String, bytes: [UInt8], existing: stat?,
    _ rules: Guard
  ) throws(Failure) {
    let dir = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard dir >= 0 else { throw Failure(description: "cannot write \(shown): \(Self.lastError())") }
    defer { close(dir) }
    var temporary = ""
    var fd: Int32 = -1
    for _ in 0..<16 {
      temporary = "." + name + ".deploylint-" + Self.randomToken()
      fd = openat(dir, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
      if fd >= 0 || errno != EEXIST { break }
    }
    guard fd >= 0 else { throw Failure(description: "cannot write \(shown): \(Self.lastError())") }
    var done = false
    defer {
      if fd >= 0 { close(fd) }
      if !done { unlinkat(dir, temporary, 0) }
    }
    try writeAll(bytes, to: fd, path: shown)
    if let st = existing, (st.st_mode & S_IFMT) == S_IFREG {
      if st.st_uid != geteuid() || st.st_gid != getegid(), fchown(fd, st.st_uid, st.st_gid) != 0 {
        throw Failure(description: "cannot keep the owner of \(shown): \(Self.lastError()); not written")
      }
      guard fchmod(fd, st.st_mode & 0o7777) == 0 else {
        throw Failure(description: "cannot keep the mode of \(shown): \(Self.lastError()); not written")
      }
    }
    guard fsync(fd) == 0 else { throw Failure(description: "cannot write \(shown): \(Self.lastError())") }
    let closed = close(fd)
    fd = -1
    guard closed == 0 else { throw Failure(description: "cannot write \(shown): \(Self.lastError())") }
    if let original = rules.original {
      guard Self.contents(dir, name) == original else {
        throw Failure(description: "\(shown) changed since it was read; not written (run the command again)")
      }
    }
    guard renameat(dir, temporary, dir, name) == 0 else {
      throw Failure(description: "cannot write \(shown): \(Self.lastError())")
    }
    done = true
    _ = fsync(dir)  // the rename's durability; not every file system supports it
  }

  private func writeInPlace(_ bytes: [UInt8], path: String) throws(Failure) {
    let fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
    guard fd >= 0 else { throw Failure(description: "cannot write \(path): \(Self.lastError())") }
    defer { close(fd) }
    try writeAll(bytes, to: fd, path: path)
  }

  /// Every byte, or a failure: a short write is continued, an error is reported.
  private func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(Failure) {
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { all in
        writeCall(fd, UnsafeRawBufferPointer(rebasing: all[offset...]))
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw Failure(description: "cannot write \(path): \(Self.lastError())")
      }
      if n == 0 { throw Failure(description: "cannot write \(path): no progress writing") }
      offset += n
    }
  }

  // MARK: Helpers

  static func contents(_ dir: Int32, _ name: String) -> [UInt8]? {
    let fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0, errno == EINTR { continue }
      if n < 0 { return nil }
      if n == 0 { return out }
      out += buffer[0..<n]
    }
  }

  static func split(_ path: String) -> (folder: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let folder = String(path[..<slash])
    return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
  }

  static func realPath(_ path: String) -> String? {
    guard let r = realpath(path, nil) else { return nil }
    defer { free(r) }
    return String(cString: r)
  }

  static func isInside(_ path: String, _ root: String) -> Bool {
    path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
  }

  static func randomToken() -> String {
    var generator = SystemRandomNumberGenerator()
    return String(generator.next() as UInt64, radix: 16)
  }

  static func lastError() -> String { String(cString: strerror(errno)) }
}
