import DeploylintCore

/// Reads `ecosystem.config.js` / `.cjs` as text. JavaScript is never executed
/// (DESIGN.md §7): we find the `apps: [ … ]` array and read the object
/// literals in it, keeping only values written as literals (strings in single,
/// double or backtick quotes without `${}`, numbers, booleans, and arrays or
/// objects of those). Anything computed (`os.cpus().length`, `process.env.X`)
/// is skipped, as if the key were absent.
public enum PM2EcosystemJS {
  public static func read(_ file: SourceFile) -> PM2Ecosystem {
    var reader = JSLiteralReader(file: file)
    guard let apps = reader.findAppsArray() else { return PM2Ecosystem() }
    let key = ConfigEntry(key: "apps", keySpan: apps.span, value: apps)
    let document = ConfigDocument(root: ConfigNode(.mapping([key]), span: apps.span))
    return (try? PM2Ecosystem.parse(document)) ?? PM2Ecosystem()
  }
}

/// A forward-only scanner over JavaScript text that understands just enough
/// (comments, string and template literals, brackets) to read literal values.
struct JSLiteralReader {
  let file: SourceFile
  let s: [Unicode.Scalar]
  var i = 0
  static let maximumDepth = 64

  init(file: SourceFile) {
    self.file = file
    self.s = file.scalars
  }

  private func isIdentifier(_ c: Unicode.Scalar) -> Bool {
    c == "_" || c == "$" || c.properties.isAlphabetic || ("0"..."9").contains(c)
  }

  /// Skips whitespace and comments.
  mutating func skipTrivia() {
    while i < s.count {
      let c = s[i]
      if c == " " || c == "\t" || c == "\n" || c == "\r" {
        i += 1
      } else if c == "/", i + 1 < s.count, s[i + 1] == "/" {
        while i < s.count, s[i] != "\n", s[i] != "\r" { i += 1 }
      } else if c == "/", i + 1 < s.count, s[i + 1] == "*" {
        i += 2
        while i + 1 < s.count, !(s[i] == "*" && s[i + 1] == "/") { i += 1 }
        i = min(s.count, i + 2)
      } else {
        return
      }
    }
  }

  /// Finds `apps` (bare or quoted key) followed by `:` and `[`, outside
  /// strings and comments, and reads that array.
  mutating func findAppsArray() -> ConfigNode? {
    while i < s.count {
      skipTrivia()
      guard i < s.count else { return nil }
      let c = s[i]
      if c == "\"" || c == "'" || c == "`" {
        let start = i
        let text = stringLiteral()
        if text == "apps", let array = arrayAfterColon() { return array }
        if i == start { i += 1 }
      } else if isIdentifier(c) {
        let start = i
        while i < s.count, isIdentifier(s[i]) { i += 1 }
        if file.text(from: start, to: i) == "apps", let array = arrayAfterColon() { return array }
      } else {
        i += 1
      }
    }
    return nil
  }

  private mutating func arrayAfterColon() -> ConfigNode? {
    skipTrivia()
    guard i < s.count, s[i] == ":" else { return nil }
    i += 1
    skipTrivia()
    guard i < s.count, s[i] == "[" else { return nil }
    return value(depth: 0)
  }

  /// Reads a string literal at `i`; nil for a template with substitutions.
  /// Leaves `i` after the closing quote.
  mutating func stringLiteral() -> String? {
    let quote = s[i]
    i += 1
    var out = String.UnicodeScalarView()
    var literal = true
    while i < s.count, s[i] != quote {
      if s[i] == "\\", i + 1 < s.count {
        let e = s[i + 1]
        switch e {
        case "n": out.append("\n")
        case "t": out.append("\t")
        case "r": out.append("\r")
        case "\n", "\r": break
        default: out.append(e)
        }
        i += 2
        continue
      }
      if quote != "`", s[i] == "\n" || s[i] == "\r" { return nil }
      if quote == "`", s[i] == "$", i + 1 < s.count, s[i + 1] == "{" { literal = false }
      out.append(s[i])
      i += 1
    }
    i = min(s.count, i + 1)
    return literal ? String(out) : nil
  }

  /// Reads a literal value at `i`; for anything else skips the expression up
  /// to the next `,` `}` or `]` at this level and returns nil.
  mutating func value(depth: Int) -> ConfigNode? {
    skipTrivia()
    guard i < s.count else { return nil }
    let start = i
    let c = s[i]
    if depth < Self.maximumDepth {
      switch c {
      case "\"", "'", "`":
        if let text = stringLiteral() {
          let end = i
          if atValueEnd() { return ConfigNode(.scalar(text, .string), span: file.span(from: start, to: end)) }
        }
      case "[":
        return array(depth: depth)
      case "{":
        return object(depth: depth)
      case "-", "0"..."9", ".":
        i += 1
        while i < s.count, isIdentifier(s[i]) || s[i] == "." { i += 1 }
        let end = i
        let text = file.text(from: start, to: end).filter { $0 != "_" }
        if atValueEnd(), Double(text) != nil {
          return ConfigNode(
            .scalar(text, text.contains(".") || text.contains("e") ? .float : .integer),
            span: file.span(from: start, to: end))
        }
      default:
        if isIdentifier(c) {
          while i < s.count, isIdentifier(s[i]) { i += 1 }
          let end = i
          let word = file.text(from: start, to: end)
          if word == "true" || word == "false", atValueEnd() {
            return ConfigNode(.scalar(word, .boolean), span: file.span(from: start, to: end))
          }
          if word == "null", atValueEnd() {
            return ConfigNode(.scalar(word, .null), span: file.span(from: start, to: end))
          }
        }
      }
    }
    skipExpression()
    return nil
  }

  /// Whether the value just read is followed by `,` `}` `]` (or the end).
  private mutating func atValueEnd() -> Bool {
    skipTrivia()
    return i >= s.count || s[i] == "," || s[i] == "}" || s[i] == "]"
  }

  /// Skips an expression: stops before a `,` `}` `]` at bracket depth 0.
  /// Iterative, so hostile nesting cannot overflow the stack.
  private mutating func skipExpression() {
    var level = 0
    while i < s.count {
      skipTrivia()
      guard i < s.count else { return }
      let c = s[i]
      switch c {
      case "\"", "'", "`": _ = stringLiteral()
      case "(", "[", "{":
        level += 1
        i += 1
      case ")", "]", "}":
        if level == 0 { return }
        level -= 1
        i += 1
      case ",":
        if level == 0 { return }
        i += 1
      default: i += 1
      }
    }
  }

  private mutating func array(depth: Int) -> ConfigNode {
    let start = i
    i += 1
    var items: [ConfigNode] = []
    while true {
      skipTrivia()
      guard i < s.count else { break }
      if s[i] == "]" {
        i += 1
        break
      }
      if s[i] == "," {
        i += 1
        continue
      }
      let before = i
      if let item = value(depth: depth + 1) { items.append(item) }
      if i == before { i += 1 }
    }
    return ConfigNode(.sequence(items), span: file.span(from: start, to: i))
  }

  private mutating func object(depth: Int) -> ConfigNode {
    let start = i
    i += 1
    var entries: [ConfigEntry] = []
    while true {
      skipTrivia()
      guard i < s.count else { break }
      if s[i] == "}" {
        i += 1
        break
      }
      if s[i] == "," {
        i += 1
        continue
      }
      let keyStart = i
      var key: String? = nil
      if s[i] == "\"" || s[i] == "'" {
        key = stringLiteral()
      } else if isIdentifier(s[i]) {
        while i < s.count, isIdentifier(s[i]) { i += 1 }
        key = file.text(from: keyStart, to: i)
      }
      let keyEnd = i
      skipTrivia()
      if let key, i < s.count, s[i] == ":" {
        i += 1
        if let v = value(depth: depth + 1) {
          entries.append(ConfigEntry(key: key, keySpan: file.span(from: keyStart, to: keyEnd), value: v))
        }
      } else {
        // Shorthand, spread, method or computed key: not a literal entry.
        skipExpression()
      }
      if i == keyStart { i += 1 }
    }
    return ConfigNode(.mapping(entries), span: file.span(from: start, to: i))
  }
}
