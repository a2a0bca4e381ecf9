/// One glob matcher for every pattern deploylint reads from a repository:
/// `.gitignore` lines, `.deploylint.yml` `ignore:` paths, and whatever else
/// names files by pattern. The pattern is compiled into a small automaton and
/// run over the text once, keeping the set of states it can be in, so a match
/// takes O(text × pattern) time whatever the pattern: `*a*a*a*a*a*a*a*a*a*a*b`
/// against a long name cannot backtrack exponentially.
///
/// Syntax (git's `wildmatch` with `WM_PATHNAME`, as `.gitignore` uses it):
/// - `*` any run of characters within a folder name, `?` one such character;
/// - `[abc]`, `[a-z]`, `[!abc]` / `[^abc]` one character of (not of) a set,
///   never `/`; `\x` the character `x` itself;
/// - `**/` (at the start or after `/`) zero or more whole folders; `/**` at
///   the end everything below; `**` alone everything. Elsewhere `**` is one
///   `*` (`.gitignore`) or crosses folders (`Syntax.path`, config globs).
public struct Glob: Sendable, Hashable {
  public enum Syntax: Sendable, Hashable {
    /// `.gitignore` (and `.dockerignore`): a `**` that is not a whole segment is `*`.
    case gitignore
    /// Paths in `.deploylint.yml`: any `**` crosses folders.
    case path
  }

  /// One state of the automaton.
  enum Node: Sendable, Hashable {
    /// Consumes one character the test accepts, then goes to `next`.
    case consume(Test, next: Int)
    /// Goes to both states without consuming anything.
    case split(Int, Int)
    case accept
  }

  enum Test: Sendable, Hashable {
    case character(Character)
    /// Any character but `/`.
    case notSlash
    /// Any character.
    case anything
    /// One of (or, negated, none of) the ranges, never `/`.
    case set([ClosedRange<Character>], negated: Bool)

    func accepts(_ c: Character) -> Bool {
      switch self {
      case .character(let x): return c == x
      case .notSlash: return c != "/"
      case .anything: return true
      case .set(let ranges, let negated):
        return c != "/" && ranges.contains { $0.contains(c) } != negated
      }
    }
  }

  let nodes: [Node]
  let start: Int

  public init(_ pattern: String, syntax: Syntax = .gitignore) {
    let tokens = Self.tokens(Array(pattern), syntax: syntax)
    // Built back to front: each token's states lead to the next token's start.
    var nodes: [Node] = [.accept]
    var next = 0
    for token in tokens.reversed() {
      let base = nodes.count
      switch token {
      case .test(let test):
        nodes.append(.consume(test, next: next))
        next = base
      case .star(let test):
        // base: split(loop, next); base+1: consume → base
        nodes.append(.split(base + 1, next))
        nodes.append(.consume(test, next: base))
        next = base
      case .folders:
        // Zero or more whole folders: base: split(next, base+1);
        // base+1: split(base+2, base+3); base+2: non-slash → base+1; base+3: "/" → base.
        nodes.append(.split(next, base + 1))
        nodes.append(.split(base + 2, base + 3))
        nodes.append(.consume(.notSlash, next: base + 1))
        nodes.append(.consume(.character("/"), next: base))
        next = base
      }
    }
    self.nodes = nodes
    self.start = next
  }

  enum Token: Equatable {
    case test(Test)
    /// Zero or more characters the test accepts.
    case star(Test)
    /// `**/`: zero or more whole folders.
    case folders
  }

  static func tokens(_ p: [Character], syntax: Syntax) -> [Token] {
    var out: [Token] = []
    var i = 0
    while i < p.count {
      let c = p[i]
      switch c {
      case "*":
        var j = i
        while j < p.count, p[j] == "*" { j += 1 }
        let double = j - i >= 2
        let segmentStart = i == 0 || p[i - 1] == "/"
        if double, segmentStart, j < p.count, p[j] == "/" {
          out.append(.folders)
          i = j + 1
          continue
        }
        if double, segmentStart, j == p.count {
          out.append(.star(.anything))
        } else {
          out.append(.star(double && syntax == .path ? .anything : .notSlash))
        }
        i = j
        continue
      case "?":
        out.append(.test(.notSlash))
      case "[":
        if let (test, end) = set(p, from: i) {
          out.append(.test(test))
          i = end
          continue
        }
        out.append(.test(.character("[")))
      case "\\" where i + 1 < p.count:
        i += 1
        out.append(.test(.character(p[i])))
      default:
        out.append(.test(.character(c)))
      }
      i += 1
    }
    return out
  }

  /// A bracket expression starting at `p[start] == "["`: the test and the index
  /// after its `]`, or nil when it is not closed (then `[` is literal).
  static func set(_ p: [Character], from start: Int) -> (Test, Int)? {
    var i = start + 1
    var negated = false
    if i < p.count, p[i] == "!" || p[i] == "^" {
      negated = true
      i += 1
    }
    var ranges: [ClosedRange<Character>] = []
    var first = true
    while i < p.count {
      var c = p[i]
      if c == "]", !first { return (.set(ranges, negated: negated), i + 1) }
      first = false
      if c == "\\", i + 1 < p.count {
        i += 1
        c = p[i]
      }
      if i + 2 < p.count, p[i + 1] == "-", p[i + 2] != "]" {
        let hi = p[i + 2]
        if c <= hi { ranges.append(c...hi) }
        i += 3
      } else {
        ranges.append(c...c)
        i += 1
      }
    }
    return nil
  }

  /// Whether the whole of `text` matches.
  public func matches<S: StringProtocol>(_ text: S) -> Bool {
    var current = [Bool](repeating: false, count: nodes.count)
    var next = current
    var stack: [Int] = []
    func add(_ state: Int, to set: inout [Bool]) {
      stack.append(state)
      while let s = stack.popLast() {
        if set[s] { continue }
        set[s] = true
        if case .split(let a, let b) = nodes[s] {
          stack.append(b)
          stack.append(a)
        }
      }
    }
    add(start, to: &current)
    for c in text {
      for i in next.indices { next[i] = false }
      var any = false
      for (s, on) in current.enumerated() where on {
        if case .consume(let test, let target) = nodes[s], test.accepts(c) {
          add(target, to: &next)
          any = true
        }
      }
      if !any { return false }
      swap(&current, &next)
    }
    return current[0]  // node 0 is `.accept`
  }
}
