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

  /// Whether the whole of `value` matches (dynamic programming, no recursion).
  func matches(_ value: ArraySlice<Unicode.Scalar>) -> Bool {
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
    return row[v.count]
  }

  /// `${V#p}` / `${V##p}`: removes the shortest (longest when greedy) matching prefix.
  func trimPrefix(_ value: [Unicode.Scalar], greedy: Bool) -> [Unicode.Scalar] {
    let lengths = Array(0...value.count)
    for n in greedy ? lengths.reversed() : lengths where matches(value[0..<n]) {
      return Array(value[n...])
    }
    return value
  }

  /// `${V%p}` / `${V%%p}`: removes the shortest (longest when greedy) matching suffix.
  func trimSuffix(_ value: [Unicode.Scalar], greedy: Bool) -> [Unicode.Scalar] {
    let lengths = Array(0...value.count)
    for n in greedy ? lengths.reversed() : lengths where matches(value[(value.count - n)...]) {
      return Array(value[..<(value.count - n)])
    }
    return value
  }

  /// `${V/p/r}` / `${V//p/r}`: replaces the leftmost-longest match (or every match).
  func replace(in value: [Unicode.Scalar], with replacement: [Unicode.Scalar], all: Bool)
    -> [Unicode.Scalar]
  {
    var out: [Unicode.Scalar] = []
    var i = 0
    var replaced = false
    while i <= value.count {
      if !replaced || all {
        var found: Int?
        for end in stride(from: value.count, through: i, by: -1) where matches(value[i..<end]) {
          found = end
          break
        }
        if let end = found, !(end == i && tokens.isEmpty) {
          out.append(contentsOf: replacement)
          replaced = true
          if end > i {
            i = end
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
