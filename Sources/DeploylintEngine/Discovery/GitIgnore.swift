/// The patterns of one `.gitignore` file, matched as git does for the common
/// forms: `name`, `*.log`, `/anchored`, `dir/`, `a/b`, `**/x`, `a/**/b`, `!negated`,
/// `\#literal`, and character classes `[abc]`.
public struct GitIgnore: Sendable {
  struct Pattern: Sendable {
    var glob: [Character]
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
        Pattern(glob: Array(line), negated: negated, directoryOnly: directoryOnly, anchored: anchored))
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
      let subject = p.anchored ? Array(relative) : Array(name)
      if GitIgnore.match(p.glob[...], subject[...]) { result = !p.negated }
    }
    return result
  }

  /// Glob matching where `*` and `?` do not cross `/`, `**` does.
  static func match(_ pattern: ArraySlice<Character>, _ text: ArraySlice<Character>) -> Bool {
    var p = pattern
    var t = text
    while let c = p.first {
      switch c {
      case "*":
        if p.dropFirst().first == "*" {
          var rest = p.dropFirst(2)
          if rest.first == "/" { rest = rest.dropFirst() }
          // `**` matches any number of whole path segments (including none).
          if rest.isEmpty { return true }
          var i = t.startIndex
          while true {
            if match(rest, t[i...]) { return true }
            guard let slash = t[i...].firstIndex(of: "/") else { return false }
            i = t.index(after: slash)
          }
        }
        let rest = p.dropFirst()
        var i = t.startIndex
        while true {
          if match(rest, t[i...]) { return true }
          if i == t.endIndex || t[i] == "/" { return false }
          i = t.index(after: i)
        }
      case "?":
        guard let f = t.first, f != "/" else { return false }
        p = p.dropFirst()
        t = t.dropFirst()
      case "[":
        guard let f = t.first, let close = p.dropFirst().firstIndex(of: "]") else { return false }
        var set = p[p.index(after: p.startIndex)..<close]
        var negate = false
        if set.first == "!" || set.first == "^" {
          negate = true
          set = set.dropFirst()
        }
        var hit = false
        var s = set.startIndex
        while s < set.endIndex {
          let lo = set[s]
          let next = set.index(after: s)
          if next < set.endIndex, set[next] == "-", set.index(after: next) < set.endIndex {
            let hi = set[set.index(after: next)]
            if lo <= f && f <= hi { hit = true }
            s = set.index(next, offsetBy: 2)
          } else {
            if lo == f { hit = true }
            s = next
          }
        }
        if hit == negate { return false }
        p = p[p.index(after: close)...]
        t = t.dropFirst()
      case "\\":
        p = p.dropFirst()
        guard let lit = p.first, t.first == lit else { return false }
        p = p.dropFirst()
        t = t.dropFirst()
      default:
        guard t.first == c else { return false }
        p = p.dropFirst()
        t = t.dropFirst()
      }
    }
    return t.isEmpty
  }
}
