import DeploylintCore

/// A strict RFC 8259 JSON reader producing a `ConfigDocument` with exact spans
/// for every key and value. Our own rather than Foundation's or Yams': those
/// lose positions, and YAML is not quite a JSON superset (duplicate keys, tabs).
/// Recursion is capped at `maximumDepth` so hostile nesting fails cleanly.
/// Spans of strings and keys include their quotes; errors read
/// "expected ',' or '}' at 3:14" and are located at the offending character.
public enum JSONReader {
  /// Deepest nesting of arrays and objects accepted.
  public static let maximumDepth = 512

  /// Reads one JSON value (surrounded by optional whitespace) from `file`.
  public static func read(_ file: SourceFile) throws(ParseError) -> ConfigDocument {
    var parser = JSONParser(file: file)
    return ConfigDocument(root: try parser.document())
  }
}

/// The cursor-based parser behind `JSONReader`.
struct JSONParser {
  let file: SourceFile
  let s: [Unicode.Scalar]
  var i = 0

  init(file: SourceFile) {
    self.file = file
    self.s = file.scalars
  }

  private func error(_ message: String, at offset: Int? = nil) -> ParseError {
    let o = min(offset ?? i, s.count)
    let p = file.position(of: o)
    return ParseError("\(message) at \(p.line):\(p.column)", at: file.span(from: o, to: min(o + 1, s.count)))
  }

  private func describe(_ offset: Int) -> String {
    guard offset < s.count else { return "end of file" }
    let c = s[offset]
    if c.value < 0x20 { return "control character U+\(String(c.value, radix: 16, uppercase: true))" }
    return "'\(Character(c))'"
  }

  mutating func document() throws(ParseError) -> ConfigNode {
    skipWhitespace()
    let root = try value(depth: 0)
    skipWhitespace()
    if i < s.count { throw error("unexpected \(describe(i)) after the JSON value") }
    return root
  }

  private mutating func skipWhitespace() {
    while i < s.count, s[i] == " " || s[i] == "\t" || s[i] == "\n" || s[i] == "\r" { i += 1 }
  }

  private mutating func value(depth: Int) throws(ParseError) -> ConfigNode {
    guard i < s.count else { throw error("expected a value but found end of file") }
    let start = i
    switch s[i] {
    case "{": return try object(depth: depth)
    case "[": return try array(depth: depth)
    case "\"":
      let text = try string()
      return ConfigNode(.scalar(text, .string), span: file.span(from: start, to: i))
    case "t": return try literal("true", .boolean)
    case "f": return try literal("false", .boolean)
    case "n": return try literal("null", .null)
    case "-", "0"..."9": return try number()
    default: throw error("expected a value but found \(describe(i))")
    }
  }

  private mutating func literal(_ word: String, _ kind: ScalarKind) throws(ParseError) -> ConfigNode {
    let start = i
    for c in word.unicodeScalars {
      guard i < s.count, s[i] == c else { throw error("expected '\(word)'", at: start) }
      i += 1
    }
    return ConfigNode(.scalar(word, kind), span: file.span(from: start, to: i))
  }

  private mutating func digits() -> Int {
    let start = i
    while i < s.count, ("0"..."9").contains(s[i]) { i += 1 }
    return i - start
  }

  private mutating func number() throws(ParseError) -> ConfigNode {
    let start = i
    var isFloat = false
    if s[i] == "-" { i += 1 }
    guard i < s.count, ("0"..."9").contains(s[i]) else { throw error("expected a digit") }
    if s[i] == "0" {
      i += 1
      if i < s.count, ("0"..."9").contains(s[i]) { throw error("leading zeros are not allowed", at: i - 1) }
    } else {
      _ = digits()
    }
    if i < s.count, s[i] == "." {
      isFloat = true
      i += 1
      if digits() == 0 { throw error("expected a digit after '.'") }
    }
    if i < s.count, s[i] == "e" || s[i] == "E" {
      isFloat = true
      i += 1
      if i < s.count, s[i] == "+" || s[i] == "-" { i += 1 }
      if digits() == 0 { throw error("expected a digit in the exponent") }
    }
    return ConfigNode(
      .scalar(file.text(from: start, to: i), isFloat ? .float : .integer), span: file.span(from: start, to: i)
    )
  }

  private mutating func hex4() throws(ParseError) -> UInt32 {
    var v: UInt32 = 0
    for _ in 0..<4 {
      guard i < s.count, let d = hexValue(s[i]) else {
        throw error("expected four hex digits in \\u escape")
      }
      v = v * 16 + d
      i += 1
    }
    return v
  }

  private func hexValue(_ c: Unicode.Scalar) -> UInt32? {
    switch c {
    case "0"..."9": return c.value - 48
    case "a"..."f": return c.value - 87
    case "A"..."F": return c.value - 55
    default: return nil
    }
  }

  /// Reads a string starting at its opening quote; leaves `i` after the closing quote.
  private mutating func string() throws(ParseError) -> String {
    let open = i
    i += 1
    var out = String.UnicodeScalarView()
    while true {
      guard i < s.count else { throw error("unterminated string", at: open) }
      let c = s[i]
      if c == "\"" {
        i += 1
        return String(out)
      }
      if c.value < 0x20 { throw error("unescaped \(describe(i)) in string") }
      if c != "\\" {
        out.append(c)
        i += 1
        continue
      }
      i += 1
      guard i < s.count else { throw error("unterminated string", at: open) }
      let e = s[i]
      i += 1
      switch e {
      case "\"": out.append("\"")
      case "\\": out.append("\\")
      case "/": out.append("/")
      case "b": out.append("\u{08}")
      case "f": out.append("\u{0C}")
      case "n": out.append("\n")
      case "r": out.append("\r")
      case "t": out.append("\t")
      case "u":
        let escapeStart = i - 2
        let high = try hex4()
        if (0xD800...0xDBFF).contains(high) {
          guard i + 1 < s.count, s[i] == "\\", s[i + 1] == "u" else {
            throw error("unpaired surrogate in \\u escape", at: escapeStart)
          }
          i += 2
          let low = try hex4()
          guard (0xDC00...0xDFFF).contains(low),
            let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
          else { throw error("invalid surrogate pair in \\u escape", at: escapeStart) }
          out.append(scalar)
        } else if let scalar = Unicode.Scalar(high) {
          out.append(scalar)
        } else {
          throw error("unpaired surrogate in \\u escape", at: escapeStart)
        }
      default: throw error("invalid escape '\\\(Character(e))'", at: i - 2)
      }
    }
  }

  private mutating func array(depth: Int) throws(ParseError) -> ConfigNode {
    let start = i
    if depth >= JSONReader.maximumDepth {
      throw error("JSON nesting deeper than \(JSONReader.maximumDepth) levels")
    }
    i += 1
    var items: [ConfigNode] = []
    skipWhitespace()
    if i < s.count, s[i] == "]" {
      i += 1
      return ConfigNode(.sequence(items), span: file.span(from: start, to: i))
    }
    while true {
      skipWhitespace()
      items.append(try value(depth: depth + 1))
      skipWhitespace()
      guard i < s.count else { throw error("expected ',' or ']' but found end of file") }
      if s[i] == "," {
        i += 1
        continue
      }
      if s[i] == "]" {
        i += 1
        return ConfigNode(.sequence(items), span: file.span(from: start, to: i))
      }
      throw error("expected ',' or ']'")
    }
  }

  private mutating func object(depth: Int) throws(ParseError) -> ConfigNode {
    let start = i
    if depth >= JSONReader.maximumDepth {
      throw error("JSON nesting deeper than \(JSONReader.maximumDepth) levels")
    }
    i += 1
    var entries: [ConfigEntry] = []
    skipWhitespace()
    if i < s.count, s[i] == "}" {
      i += 1
      return ConfigNode(.mapping(entries), span: file.span(from: start, to: i))
    }
    while true {
      skipWhitespace()
      guard i < s.count, s[i] == "\"" else { throw error("expected a string key") }
      let keyStart = i
      let key = try string()
      let keySpan = file.span(from: keyStart, to: i)
      skipWhitespace()
      guard i < s.count, s[i] == ":" else { throw error("expected ':'") }
      i += 1
      skipWhitespace()
      let v = try value(depth: depth + 1)
      entries.append(ConfigEntry(key: key, keySpan: keySpan, value: v))
      skipWhitespace()
      guard i < s.count else { throw error("expected ',' or '}' but found end of file") }
      if s[i] == "," {
        i += 1
        continue
      }
      if s[i] == "}" {
        i += 1
        return ConfigNode(.mapping(entries), span: file.span(from: start, to: i))
      }
      throw error("expected ',' or '}'")
    }
  }
}
