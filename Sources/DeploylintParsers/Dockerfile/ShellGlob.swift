/// The shell patterns of `${V#p}`, `${V%p}` and `${V/p/r}`: `*` any string,
/// `?` any character, `\` escapes the next character (no bracket expressions,
/// as in buildkit).
struct ShellGlob {
  enum Token: Equatable {
    case literal(Unicode.Scalar)
    case any
    case star
  }

  let tokens: [Token]

  init(pattern: [Unicode.Scalar]) {
    var tokens: [Token] = []
    var i = 0
    while i < pattern.count {
      let c = pattern[i]
      switch c {
      case "*": tokens.append(.star)
      case "?": tokens.append(.any)
      case "\\" where i + 1 < pattern.count:
        i += 1
        tokens.append(.literal(pattern[i]))
      default: tokens.append(.literal(c))
      }
      i += 1
    }
    self.tokens = tokens
  }

  /// For each `n`, whether `value.prefix(n)` matches the whole pattern
  /// (one dynamic-programming pass, no recursion).
  func matchingPrefixLengths(_ value: ArraySlice<Unicode.Scalar>, tokens: [Token]) -> [Bool] {
    let v = Array(value)
    var row = [Bool](repeating: false, count: v.count + 1)
    row[0] = true
    for t in tokens {
      var next = [Bool](repeating: false, count: v.count + 1)
      switch t {
      case .star:
        var reachable = false
        for j in 0...v.count {
          reachable = reachable || row[j]
          next[j] = reachable
        }
      case .any:
        for j in 0..<v.count where row[j] { next[j + 1] = true }
      case .literal(let c):
        for j in 0..<v.count where row[j] && v[j] == c { next[j + 1] = true }
      }
      row = next
    }
    return row
  }

  /// `${V#p}` / `${V##p}`: removes the shortest (longest when greedy) matching prefix.
  func trimPrefix(_ value: [Unicode.Scalar], greedy: Bool) -> [Unicode.Scalar] {
    let ok = matchingPrefixLengths(value[...], tokens: tokens)
    let n = greedy ? ok.lastIndex(of: true) : ok.firstIndex(of: true)
    guard let n else { return value }
    return Array(value[n...])
  }

  /// `${V%p}` / `${V%%p}`: removes the shortest (longest when greedy) matching suffix.
  func trimSuffix(_ value: [Unicode.Scalar], greedy: Bool) -> [Unicode.Scalar] {
    let ok = matchingPrefixLengths(value.reversed()[...], tokens: tokens.reversed())
    let n = greedy ? ok.lastIndex(of: true) : ok.firstIndex(of: true)
    guard let n else { return value }
    return Array(value[..<(value.count - n)])
  }

  /// Longest `replace` input handled; beyond it the value is kept, so that a
  /// hostile file cannot make expansion quadratic in a huge value.
  static let maxReplaceLength = 4096

  /// `${V/p/r}` / `${V//p/r}`: replaces the leftmost-longest match (or every match).
  func replace(in value: [Unicode.Scalar], with replacement: [Unicode.Scalar], all: Bool)
    -> [Unicode.Scalar]
  {
    guard value.count <= Self.maxReplaceLength else { return value }
    var out: [Unicode.Scalar] = []
    var i = 0
    var replaced = false
    while i <= value.count {
      if !replaced || all {
        let ok = matchingPrefixLengths(value[i...], tokens: tokens)
        if let n = ok.lastIndex(of: true), !(n == 0 && tokens.isEmpty) {
          out.append(contentsOf: replacement)
          replaced = true
          if n > 0 {
            i += n
            continue
          }
        }
      }
      if i < value.count { out.append(value[i]) }
      i += 1
    }
    return out
  }
}
