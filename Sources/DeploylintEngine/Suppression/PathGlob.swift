/// Glob matching for `ignore` paths: `*` and `?` stay within a folder, `**`
/// crosses folders (`**/` may match nothing). Dynamic programming over the
/// pattern and the path: O(n·m) time, no recursion.
enum PathGlob {
  enum Token: Equatable { case literal(Character), any, star, globstar }

  static func tokens(_ pattern: String) -> [Token] {
    var out: [Token] = []
    let chars = Array(pattern)
    var i = 0
    while i < chars.count {
      if chars[i] == "*", i + 1 < chars.count, chars[i + 1] == "*" {
        out.append(.globstar)
        i += 2
        if i < chars.count, chars[i] == "/" { i += 1 }
        continue
      }
      out.append(chars[i] == "*" ? .star : chars[i] == "?" ? .any : .literal(chars[i]))
      i += 1
    }
    return out
  }

  static func matches(_ pattern: String, _ path: String) -> Bool {
    let p = tokens(pattern)
    let s = Array(path)
    // reach[j]: the first i tokens match the first j characters.
    var reach = [Bool](repeating: false, count: s.count + 1)
    reach[0] = true
    for token in p {
      var next = [Bool](repeating: false, count: s.count + 1)
      for j in 0...s.count {
        switch token {
        case .star, .globstar:
          if reach[j] {
            next[j] = true
          } else if j > 0, next[j - 1], token == .globstar || s[j - 1] != "/" {
            next[j] = true
          }
        case .any:
          next[j] = j > 0 && reach[j - 1] && s[j - 1] != "/"
        case .literal(let c):
          next[j] = j > 0 && reach[j - 1] && s[j - 1] == c
        }
      }
      reach = next
    }
    return reach[s.count]
  }
}
