import DeploylintCore

/// The patterns of one `.gitignore` file, matched as git does for the common
/// forms: `name`, `*.log`, `/anchored`, `dir/`, `a/b`, `**/x`, `a/**/b`, `!negated`,
/// `\#literal`, and character classes `[abc]`. Each pattern is a `Glob`
/// (linear time: a hostile pattern cannot hang discovery).
public struct GitIgnore: Sendable {
  struct Pattern: Sendable {
    var glob: Glob
    var negated: Bool
    var directoryOnly: Bool
    /// Contains a slash (other than a trailing one): matched against the path
    /// relative to the .gitignore's folder, not against the base name.
    var anchored: Bool
  }

  /// The folder (relative to the scan root, "" for the root) holding the file.
  public let base: String
  let patterns: [Pattern]

  public init(base: String, text: String) {
    self.base = base
    var patterns: [Pattern] = []
    for rawLine in text.split(
      omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
    {
      var line = Substring(rawLine)
      // Trailing spaces are ignored unless escaped.
      while line.hasSuffix(" ") && !line.hasSuffix("\\ ") { line = line.dropLast() }
      if line.isEmpty || line.hasPrefix("#") { continue }
      var negated = false
      if line.hasPrefix("!") {
        negated = true
        line = line.dropFirst()
      } else if line.hasPrefix("\\!") || line.hasPrefix("\\#") {
        line = line.dropFirst()
      }
      var directoryOnly = false
      if line.hasSuffix("/") {
        directoryOnly = true
        line = line.dropLast()
      }
      var anchored = line.contains("/")
      if line.hasPrefix("/") { line = line.dropFirst() }
      if line.hasPrefix("**/") {
        // `**/x` matches x at any depth: the same as an unanchored `x`
        // when the rest has no slash.
        let rest = line.dropFirst(3)
        if !rest.contains("/") {
          line = rest
          anchored = false
        }
      }
      if line.isEmpty { continue }
      patterns.append(
        Pattern(glob: Glob(String(line)), negated: negated, directoryOnly: directoryOnly, anchored: anchored))
    }
    self.patterns = patterns
  }

  /// Whether `path` (relative to the scan root) is ignored by this file:
  /// `true` ignored, `false` re-included by a negation, `nil` no pattern applies.
  public func decision(for path: String, isDirectory: Bool) -> Bool? {
    let relative: Substring
    if base.isEmpty {
      relative = Substring(path)
    } else if path.hasPrefix(base + "/") {
      relative = path.dropFirst(base.count + 1)
    } else {
      return nil
    }
    let name = relative.split(separator: "/").last.map(String.init) ?? String(relative)
    var result: Bool?
    for p in patterns {
      if p.directoryOnly && !isDirectory { continue }
      if p.glob.matches(p.anchored ? relative : Substring(name)) { result = !p.negated }
    }
    return result
  }
}
