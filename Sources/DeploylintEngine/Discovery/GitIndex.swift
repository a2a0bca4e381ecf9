#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The paths git tracks, read from the index file (`.git/index`) in-process.
///
/// Why not `git ls-files -z`: a child process brings its own failure modes
/// (git not installed, a different git than the platform's, `core.fsmonitor` or
/// hooks configured by the repository running code, an unbounded wait on a
/// huge repository or a stuck lock). The index is a documented binary format
/// (gitformat-index(5): DIRC versions 2, 3 and 4) that needs only a bounded
/// read and a linear parse, so deploylint reads it itself: no process, no
/// write, nothing the repository can configure to run.
///
/// The index is used only as a filter: a path it lists lifts `.gitignore` for
/// a file the walk met inside the root. Discovery never opens a path because
/// the index names it, so a hostile index (`../../etc/passwd`, absolute
/// names, control characters) can only make a file inside the root readable
/// that `.gitignore` would have hidden.
struct GitIndex: Equatable {
  /// Every tracked path (relative to the work tree's top, `/`-separated, bytes
  /// as stored), concatenated in the index's order, which git keeps sorted
  /// bytewise: `ends[i]` is where path `i` ends (it starts where `i - 1` ends).
  /// One flat buffer instead of a string per entry: a 200,000-file index is
  /// parsed without an allocation per file, and looked up by binary search.
  var bytes: [UInt8] = []
  var ends: [Int] = []

  enum Failure: Error, Equatable {
    case malformed(String)
    case unsupported(String)
  }

  /// An index larger than this is not read (a repository of a million files
  /// has an index near 100 MiB); discovery then applies `.gitignore` to every
  /// file, as outside git, and says so.
  static let maxSize = 128 * 1_048_576

  var count: Int { ends.count }
  func path(_ i: Int) -> ArraySlice<UInt8> { bytes[(i == 0 ? 0 : ends[i - 1])..<ends[i]] }
  /// The paths as arrays (tests).
  var paths: [[UInt8]] { (0..<count).map { Array(path($0)) } }

  /// The first entry not ordered before `key`.
  func lowerBound(_ key: [UInt8]) -> Int {
    var low = 0
    var high = count
    while low < high {
      let mid = (low + high) / 2
      if path(mid).lexicographicallyPrecedes(key) { low = mid + 1 } else { high = mid }
    }
    return low
  }

  func contains(_ key: [UInt8]) -> Bool {
    let i = lowerBound(key)
    return i < count && path(i).elementsEqual(key)
  }

  /// Whether some tracked path lies below `folder` (given with its trailing `/`).
  func hasEntry(under folder: [UInt8]) -> Bool {
    let i = lowerBound(folder)
    return i < count && path(i).starts(with: folder)
  }

  /// Parses index bytes. `hashSize` is 20 (SHA-1) or 32 (SHA-256
  /// repositories). Regular files and symlinks are kept; entries must be in
  /// git's order (a file out of order is malformed, so lookups stay exact).
  static func parse(_ data: [UInt8], hashSize: Int = 20) -> Result<GitIndex, Failure> {
    func u32(_ at: Int) -> Int? {
      guard at >= 0, at + 4 <= data.count else { return nil }
      return Int(data[at]) << 24 | Int(data[at + 1]) << 16 | Int(data[at + 2]) << 8 | Int(data[at + 3])
    }
    func u16(_ at: Int) -> Int? {
      guard at >= 0, at + 2 <= data.count else { return nil }
      return Int(data[at]) << 8 | Int(data[at + 1])
    }
    guard data.count >= 12 + hashSize, Array(data[0..<4]) == Array("DIRC".utf8) else {
      return .failure(.malformed("no DIRC signature"))
    }
    guard let version = u32(4), (2...4).contains(version) else {
      return .failure(.unsupported("index version \(u32(4) ?? 0)"))
    }
    guard let count = u32(8) else { return .failure(.malformed("truncated header")) }
    // Each entry moves `offset` forward or fails, so a count larger than the
    // file holds ends at the first truncated entry: the loop is bounded by size.
    let end = data.count - hashSize
    var offset = 12
    var index = GitIndex()
    index.bytes.reserveCapacity(min(data.count, maxSize))
    var previous: [UInt8] = []
    for n in 0..<count {
      let flagsAt = offset + 40 + hashSize
      guard let mode = u32(offset + 24), let flags = u16(flagsAt) else {
        return .failure(.malformed("entry \(n) is truncated"))
      }
      var nameAt = flagsAt + 2
      if flags & 0x4000 != 0 {
        guard version >= 3 else { return .failure(.malformed("extended flag in a version 2 index")) }
        nameAt += 2
      }
      if version == 4 {
        // Prefix compression: a varint says how many bytes of the previous
        // path to drop, then the rest of this path follows, NUL-terminated.
        var at = nameAt
        guard at < end else { return .failure(.malformed("entry \(n) is truncated")) }
        var byte = Int(data[at])
        var strip = byte & 0x7F
        while byte & 0x80 != 0 {
          at += 1
          guard at < end, strip < 1 << 40 else { return .failure(.malformed("entry \(n) is truncated")) }
          byte = Int(data[at])
          strip = ((strip + 1) << 7) | (byte & 0x7F)
        }
        at += 1
        guard strip <= previous.count else {
          return .failure(.malformed("entry \(n) removes more than the previous path"))
        }
        guard let nul = data[at..<end].firstIndex(of: 0) else {
          return .failure(.malformed("entry \(n) has no end"))
        }
        previous.removeLast(strip)
        previous.append(contentsOf: data[at..<nul])
        offset = nul + 1
      } else {
        guard nameAt <= end, let nul = data[nameAt..<end].firstIndex(of: 0) else {
          return .failure(.malformed("entry \(n) has no end"))
        }
        // Kept for the order check; entries are padded with 1–8 NULs to a multiple of 8 bytes.
        let last: ArraySlice<UInt8> = index.count > 0 ? index.path(index.count - 1) : []
        guard !data[nameAt..<nul].lexicographicallyPrecedes(last) else {
          return .failure(.malformed("entry \(n) is out of order"))
        }
        previous.removeAll(keepingCapacity: true)
        previous.append(contentsOf: data[nameAt..<nul])
        offset += (nul - offset + 8) & ~7
      }
      guard offset <= end else { return .failure(.malformed("entry \(n) runs past the end")) }
      // Regular files and symlinks only: a gitlink (submodule, 0o160000) or a
      // sparse directory entry (0o040000) is not a file of this work tree.
      let type = mode & 0o170000
      guard type == 0o100000 || type == 0o120000 else { continue }
      if version == 4, index.count > 0, previous.lexicographicallyPrecedes(index.path(index.count - 1)) {
        return .failure(.malformed("entry \(n) is out of order"))
      }
      index.bytes.append(contentsOf: previous)
      index.ends.append(index.bytes.count)
    }
    // Extensions: a split index keeps most entries in another file, which is
    // not read; saying so beats reporting a partial list as complete.
    while offset + 8 <= end {
      let signature = Array(data[offset..<offset + 4])
      guard let size = u32(offset + 4) else { break }
      if signature == Array("link".utf8) { return .failure(.unsupported("split index")) }
      offset += 8 + size
    }
    return .success(index)
  }
}

/// The tracked files under one scan root that `.gitignore` must not hide.
struct TrackedFiles {
  let index: GitIndex
  /// The scan root below the work tree's top, with a trailing `/` ("" at the top).
  let prefix: [UInt8]

  /// Whether git tracks the file at `path` (relative to the scan root).
  func contains(file path: String) -> Bool { index.contains(prefix + Array(path.utf8)) }

  /// Whether a tracked file lies below `folder` (relative to the scan root):
  /// an ignored folder is entered only then.
  func holds(folder: String) -> Bool { index.hasEntry(under: prefix + Array(folder.utf8) + [0x2F]) }

  /// Finds the git work tree holding `realRoot` (the root itself or a folder
  /// above it) and reads its index. `nil` tracked files outside git; a
  /// notification when a repository was found but its index could not be
  /// used (then `.gitignore` applies to every file, as before).
  ///
  /// Only reads, never writes (no `index.lock`, no refresh). A `.git` that is
  /// a symbolic link is not followed; a `.git` file (linked worktree,
  /// submodule) is followed to its `gitdir:` only to read that folder's
  /// `index` and `config`, each checked to be a regular file and read with a
  /// size bound. Nothing the index names is opened.
  static func load(realRoot: [UInt8]) -> (TrackedFiles?, String?) {
    guard let (top, gitDir) = findRepository(from: realRoot) else { return (nil, nil) }
    let indexPath = gitDir.appending(Array("index".utf8))
    var st = stat()
    // The scan root below the work tree's top: `services/api/` prefixes the
    // walk's paths when they are looked up.
    let prefix: [UInt8] = realRoot.count > top.count ? Array(realRoot[(top.count + 1)...]) + [0x2F] : []
    guard indexPath.withCString({ stat($0, &st) }) == 0 else {
      // A repository with nothing added yet has no index: nothing is tracked.
      return (TrackedFiles(index: GitIndex(), prefix: prefix), nil)
    }
    guard st.st_size <= GitIndex.maxSize else {
      return (nil, "git index larger than \(GitIndex.maxSize / 1_048_576) MiB not read")
    }
    let bytes: [UInt8]
    switch Discovery.readAll(indexPath, limit: GitIndex.maxSize) {
    case .success(let b): bytes = b
    case .failure(let message): return (nil, "git index not read: \(message)")
    }
    switch GitIndex.parse(bytes, hashSize: usesSHA256(gitDir: gitDir) ? 32 : 20) {
    case .success(let index): return (TrackedFiles(index: index, prefix: prefix), nil)
    case .failure(.malformed(let why)), .failure(.unsupported(let why)):
      return (nil, "git index not used (\(why))")
    }
  }

  /// The work tree's top folder and its git folder, searching `start` and the
  /// folders above it, as git does.
  static func findRepository(from start: [UInt8]) -> ([UInt8], RawPath)? {
    var folder = start
    for _ in 0..<256 {
      let dotGit = RawPath(bytes: folder).appending(Array(".git".utf8))
      var st = stat()
      if dotGit.withCString({ lstat($0, &st) }) == 0 {
        switch st.st_mode & S_IFMT {
        case S_IFDIR: return (folder, dotGit)
        case S_IFREG:
          guard let target = gitDirFile(dotGit, folder: folder) else { return nil }
          return (folder, target)
        default:
          // A symlinked `.git` (or anything else) is not followed.
          return nil
        }
      }
      guard let slash = folder.lastIndex(of: 0x2F), folder.count > 1 else { return nil }
      folder = slash == 0 ? [0x2F] : Array(folder[..<slash])
    }
    return nil
  }

  /// The folder a `.git` file names (`gitdir: ../.git/worktrees/api`),
  /// relative paths taken from the folder holding the file.
  static func gitDirFile(_ path: RawPath, folder: [UInt8]) -> RawPath? {
    guard case .success(let bytes) = Discovery.readAll(path, limit: 4096) else { return nil }
    let line = bytes.prefix { $0 != 0x0A && $0 != 0x0D }
    let key = Array("gitdir:".utf8)
    guard line.starts(with: key) else { return nil }
    var value = Array(line.dropFirst(key.count))
    while value.first == 0x20 { value.removeFirst() }
    guard !value.isEmpty, !value.contains(0) else { return nil }
    return value.first == 0x2F ? RawPath(bytes: value) : RawPath(bytes: folder).appending(value)
  }

  /// Whether the repository stores SHA-256 object names
  /// (`extensions.objectFormat = sha256`), which widens every index entry.
  static func usesSHA256(gitDir: RawPath) -> Bool {
    // A linked worktree's config lives in the common folder (`commondir`).
    var configFolder = gitDir
    if case .success(let common) = Discovery.readAll(
      gitDir.appending(Array("commondir".utf8)), limit: 4096)
    {
      let value = Array(common.prefix { $0 != 0x0A && $0 != 0x0D })
      if !value.isEmpty, !value.contains(0) {
        configFolder = value.first == 0x2F ? RawPath(bytes: value) : gitDir.appending(value)
      }
    }
    guard
      case .success(let config) = Discovery.readAll(
        configFolder.appending(Array("config".utf8)), limit: 1_048_576)
    else { return false }
    let text = String(decoding: config, as: UTF8.self).lowercased()
    return text.split(separator: "\n").contains { line in
      let compact = line.filter { $0 != " " && $0 != "\t" }
      return compact == "objectformat=sha256"
    }
  }
}
