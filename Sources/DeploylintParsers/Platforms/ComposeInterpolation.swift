/// Compose's variable interpolation, done on demand: `${VAR}`, `$VAR`,
/// `${VAR:-default}` (default when unset or empty), `${VAR-default}` (when
/// unset), `${VAR:?err}` / `${VAR?err}` (read as empty when missing: we lint,
/// we do not fail), `${VAR:+alt}` / `${VAR+alt}`, and `$$` for a literal `$`.
/// Defaults may themselves hold `${…}` (expanded, to a bounded depth).
public enum ComposeInterpolation {
  public static func interpolate(_ s: String, env: [String: String]) -> String {
    interpolate(Array(s.unicodeScalars), env: env, depth: 0)
  }

  private static func isNameStart(_ c: Unicode.Scalar) -> Bool {
    c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c)
  }
  private static func isName(_ c: Unicode.Scalar) -> Bool { isNameStart(c) || ("0"..."9").contains(c) }

  private static func interpolate(_ s: [Unicode.Scalar], env: [String: String], depth: Int) -> String {
    var out = String.UnicodeScalarView()
    var i = 0
    while i < s.count {
      let c = s[i]
      guard c == "$", i + 1 < s.count else {
        out.append(c)
        i += 1
        continue
      }
      let next = s[i + 1]
      if next == "$" {
        out.append("$")
        i += 2
      } else if isNameStart(next) {
        var j = i + 1
        while j < s.count, isName(s[j]) { j += 1 }
        let name = String(String.UnicodeScalarView(s[(i + 1)..<j]))
        out.append(contentsOf: (env[name] ?? "").unicodeScalars)
        i = j
      } else if next == "{" {
        // Find the matching `}`, counting nested `${`.
        var j = i + 2
        var level = 1
        while j < s.count {
          if s[j] == "{" { level += 1 }
          if s[j] == "}" {
            level -= 1
            if level == 0 { break }
          }
          j += 1
        }
        guard j < s.count else {
          out.append(contentsOf: s[i...])
          return String(out)
        }
        out.append(contentsOf: expand(Array(s[(i + 2)..<j]), env: env, depth: depth).unicodeScalars)
        i = j + 1
      } else {
        out.append(c)
        i += 1
      }
    }
    return String(out)
  }

  /// Expands the inside of `${…}`.
  private static func expand(_ body: [Unicode.Scalar], env: [String: String], depth: Int) -> String {
    var k = 0
    while k < body.count, isName(body[k]) { k += 1 }
    let name = String(String.UnicodeScalarView(body[..<k]))
    let value = env[name]
    guard k < body.count else { return value ?? "" }
    var op = String(body[k])
    var rest = k + 1
    if body[k] == ":", rest < body.count {
      op.unicodeScalars.append(body[rest])
      rest += 1
    }
    let argument = { () -> String in
      depth < 8 ? interpolate(Array(body[rest...]), env: env, depth: depth + 1) : ""
    }
    switch op {
    case ":-": return (value?.isEmpty ?? true) ? argument() : value ?? ""
    case "-": return value ?? argument()
    case ":+": return (value?.isEmpty ?? true) ? "" : argument()
    case "+": return value == nil ? "" : argument()
    default: return value ?? ""
    }
  }
}

extension ComposeFile {
  /// `ComposeInterpolation.interpolate`, where compose users look for it.
  public static func interpolate(_ s: String, env: [String: String]) -> String {
    ComposeInterpolation.interpolate(s, env: env)
  }
}
