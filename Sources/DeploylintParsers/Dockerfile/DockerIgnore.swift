import DeploylintCore

/// The patterns of a `.dockerignore` (or `<Dockerfile>.dockerignore`) file, as
/// BuildKit applies them to the build context: every pattern is relative to
/// the context root (a leading `/` changes nothing), `*` stays within a
/// folder, `**` crosses folders, a pattern that matches a folder excludes
/// everything below it, `!pattern` re-includes, and the last matching line
/// wins. Each pattern is a `Glob` (linear time: a hostile pattern cannot hang).
public struct DockerIgnore: Sendable, Hashable {
  struct Pattern: Sendable, Hashable {
    var glob: Glob
    var negated: Bool
    var line: Int
  }

  let patterns: [Pattern]

  /// Lines past this are not read: a real `.dockerignore` has dozens.
  public static let maxPatterns = 10_000

  public init(text: String) {
    var patterns: [Pattern] = []
    var lineNumber = 0
    for rawLine in text.split(
      omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
    {
      lineNumber += 1
      guard patterns.count < Self.maxPatterns else { break }
      var line = String(rawLine).trimmedOf(" \t")
      if line.isEmpty || line.hasPrefix("#") { continue }
      var negated = false
      if line.hasPrefix("!") {
        negated = true
        line = String(line.dropFirst()).trimmedOf(" \t")
      }
      let cleaned = Self.clean(line)
      if cleaned.isEmpty { continue }
      patterns.append(Pattern(glob: Glob(cleaned), negated: negated, line: lineNumber))
    }
    self.patterns = patterns
  }

  /// `filepath.Clean` as BuildKit applies it to a pattern: no leading `/` or
  /// `./`, no empty or `.` segments, `..` folded.
  static func clean(_ pattern: String) -> String {
    var parts: [Substring] = []
    for part in pattern.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == ".." {
        if !parts.isEmpty { parts.removeLast() }
        continue
      }
      parts.append(part)
    }
    return parts.joined(separator: "/")
  }

  /// Whether the file at `path` (relative to the context root) is left out of
  /// the context: the last pattern matching it or one of its folders decides.
  public func excludes(_ path: String) -> Bool { decidingLine(path) != nil }

  /// The line of the pattern that leaves `path` out of the context, nil when
  /// it is sent (no pattern, or a later `!` line re-includes it).
  public func decidingLine(_ path: String) -> Int? {
    // `a/b/c` is matched as `a`, `a/b` and `a/b/c`: a folder's pattern covers its files.
    var prefixes: [Substring] = []
    var index = path.startIndex
    while let slash = path[index...].firstIndex(of: "/") {
      prefixes.append(path[..<slash])
      index = path.index(after: slash)
    }
    prefixes.append(path[...])
    var deciding: Int?
    for p in patterns where prefixes.contains(where: { p.glob.matches($0) }) {
      deciding = p.negated ? nil : p.line
    }
    return deciding
  }
}
