import DeploylintCore

/// Values: strings, numbers, booleans, date-times, arrays, inline tables.
extension TOMLParser {
  mutating func parseValue(depth: Int) throws(ParseError) -> ConfigNode {
    let start = i
    guard depth <= TOMLReader.maxDepth else {
      throw error("values nested deeper than \(TOMLReader.maxDepth) levels")
    }
    switch peek {
    case "\"":
      let text = peek(1) == "\"" && peek(2) == "\"" ? try parseMultilineBasicString() : try parseBasicString()
      return ConfigNode(.scalar(text, .string), span: file.span(from: start, to: i))
    case "'":
      let text =
        peek(1) == "'" && peek(2) == "'" ? try parseMultilineLiteralString() : try parseLiteralString()
      return ConfigNode(.scalar(text, .string), span: file.span(from: start, to: i))
    case "[":
      return try parseArray(depth: depth)
    case "{":
      return try parseInlineTable(depth: depth)
    case nil:
      throw error("expected a value, found end of file")
    case "\n", "\r":
      throw error("expected a value, found end of line")
    default:
      return try parseBareValue()
    }
  }

  // MARK: Strings

  mutating func checkStringScalar(_ c: Unicode.Scalar, allowNewline: Bool) throws(ParseError) {
    if c == "\t" || (allowNewline && (c == "\n" || c == "\r")) { return }
    if c.value < 0x20 || c.value == 0x7F {
      throw error("control character U+\(String(c.value, radix: 16, uppercase: true)) in a string")
    }
  }

  /// `"…"` with escapes; the cursor is on the opening quote.
  mutating func parseBasicString() throws(ParseError) -> String {
    let open = i
    i += 1
    var out = String.UnicodeScalarView()
    while true {
      guard let c = peek, c != "\n", c != "\r" else {
        throw ParseError("unterminated string", at: file.span(from: open, to: i))
      }
      if c == "\"" {
        i += 1
        return String(out)
      }
      if c == "\\" {
        out.append(try parseEscape())
        continue
      }
      try checkStringScalar(c, allowNewline: false)
      out.append(c)
      i += 1
    }
  }

  /// `'…'` verbatim; the cursor is on the opening quote.
  mutating func parseLiteralString() throws(ParseError) -> String {
    let open = i
    i += 1
    var out = String.UnicodeScalarView()
    while true {
      guard let c = peek, c != "\n", c != "\r" else {
        throw ParseError("unterminated string", at: file.span(from: open, to: i))
      }
      i += 1
      if c == "'" { return String(out) }
      try checkStringScalar(c, allowNewline: false)
      out.append(c)
    }
  }

  /// `"""…"""`: a newline right after the opening quotes is dropped, a
  /// line-ending backslash swallows the following whitespace and newlines,
  /// and up to two quotes may sit just before the closing three.
  mutating func parseMultilineBasicString() throws(ParseError) -> String {
    let open = i
    i += 3
    if atNewline { consumeNewline() }
    var out = String.UnicodeScalarView()
    while true {
      guard let c = peek else {
        throw ParseError("unterminated string", at: file.span(from: open, to: open + 3))
      }
      if c == "\"", peek(1) == "\"", peek(2) == "\"" {
        i += 3
        var extra = 0
        while peek == "\"", extra < 2 {
          out.append("\"")
          i += 1
          extra += 1
        }
        return String(out)
      }
      if c == "\\" {
        // Line-ending backslash: only whitespace may follow it on its line.
        var j = i + 1
        while j < s.count, s[j] == " " || s[j] == "\t" { j += 1 }
        if j < s.count, s[j] == "\n" || s[j] == "\r" {
          i = j
          while let w = peek, w == " " || w == "\t" || w == "\n" || w == "\r" { i += 1 }
          continue
        }
        out.append(try parseEscape())
        continue
      }
      try checkStringScalar(c, allowNewline: true)
      out.append(c)
      i += 1
    }
  }

  mutating func parseMultilineLiteralString() throws(ParseError) -> String {
    let open = i
    i += 3
    if atNewline { consumeNewline() }
    var out = String.UnicodeScalarView()
    while true {
      guard let c = peek else {
        throw ParseError("unterminated string", at: file.span(from: open, to: open + 3))
      }
      if c == "'", peek(1) == "'", peek(2) == "'" {
        i += 3
        var extra = 0
        while peek == "'", extra < 2 {
          out.append("'")
          i += 1
          extra += 1
        }
        return String(out)
      }
      try checkStringScalar(c, allowNewline: true)
      out.append(c)
      i += 1
    }
  }

  /// One escape sequence; the cursor is on the backslash.
  mutating func parseEscape() throws(ParseError) -> Unicode.Scalar {
    let start = i
    i += 1
    guard let c = peek else { throw error("unterminated escape sequence", at: start) }
    i += 1
    switch c {
    case "b": return "\u{08}"
    case "t": return "\t"
    case "n": return "\n"
    case "f": return "\u{0C}"
    case "r": return "\r"
    case "\"": return "\""
    case "\\": return "\\"
    case "u", "U":
      let count = c == "u" ? 4 : 8
      var value: UInt32 = 0
      for _ in 0..<count {
        guard let h = peek, let d = hexDigit(h) else {
          throw ParseError(
            "\\\(c) needs \(count) hexadecimal digits", at: file.span(from: start, to: min(i + 1, s.count)))
        }
        value = value &* 16 &+ d
        i += 1
      }
      guard let scalar = Unicode.Scalar(value) else {
        throw ParseError("\\\(c) escape is not a Unicode scalar value", at: file.span(from: start, to: i))
      }
      return scalar
    default:
      throw ParseError(
        "invalid escape sequence '\\\(c.escaped(asASCII: true))'", at: file.span(from: start, to: i))
    }
  }

  func hexDigit(_ c: Unicode.Scalar) -> UInt32? {
    switch c {
    case "0"..."9": return c.value - 48
    case "a"..."f": return c.value - 87
    case "A"..."F": return c.value - 55
    default: return nil
    }
  }

  // MARK: Arrays and inline tables

  mutating func parseArray(depth: Int) throws(ParseError) -> ConfigNode {
    let start = i
    i += 1
    var items: [ConfigNode] = []
    while true {
      try skipWhitespaceCommentsAndNewlines()
      if peek == "]" {
        i += 1
        return ConfigNode(.sequence(items), span: file.span(from: start, to: i))
      }
      if atEnd { throw ParseError("unterminated array", at: file.span(from: start, to: start + 1)) }
      items.append(try parseValue(depth: depth + 1))
      try skipWhitespaceCommentsAndNewlines()
      if peek == "," {
        i += 1
      } else if peek != "]" {
        throw error("expected ',' or ']' in array, found \(describeHere())")
      }
    }
  }

  /// `{ a = 1, b.c = 2 }` on one line, no trailing comma (TOML 1.0).
  mutating func parseInlineTable(depth: Int) throws(ParseError) -> ConfigNode {
    let start = i
    i += 1
    let table = TOMLTable(origin: .inline, span: file.span(from: start, to: start + 1), depth: depth)
    skipWhitespace()
    if peek == "}" {
      i += 1
    } else {
      while true {
        skipWhitespace()
        if atNewline || atEnd { throw error("inline tables must stay on one line; expected a key") }
        try parseKeyValue(into: table)
        skipWhitespace()
        if peek == "," {
          i += 1
          skipWhitespace()
          if peek == "}" { throw error("trailing comma in an inline table") }
          continue
        }
        guard peek == "}" else { throw error("expected ',' or '}' in inline table, found \(describeHere())") }
        i += 1
        break
      }
    }
    table.span = file.span(from: start, to: i)
    return table.node()
  }

  // MARK: Numbers, booleans, date-times

  static func isBareValueScalar(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case "A"..."Z", "a"..."z", "0"..."9", "_", "-", "+", ".", ":": return true
    default: return false
    }
  }

  mutating func parseBareValue() throws(ParseError) -> ConfigNode {
    let start = i
    while let c = peek, Self.isBareValueScalar(c) { i += 1 }
    // A date and a time may be separated by one space: `1979-05-27 07:32:00`.
    if i - start == 10, peek == " ", let a = peek(1), let b = peek(2), peek(3) == ":",
      ("0"..."9").contains(a), ("0"..."9").contains(b)
    {
      i += 1
      while let c = peek, Self.isBareValueScalar(c) { i += 1 }
    }
    let text = file.text(from: start, to: i)
    let span = file.span(from: start, to: i)
    if text.isEmpty { throw error("expected a value, found \(describeHere())") }
    switch text {
    case "true", "false": return ConfigNode(.scalar(text, .boolean), span: span)
    case "inf", "+inf", "-inf", "nan", "+nan", "-nan":
      return ConfigNode(.scalar(text, .float), span: span)
    default: break
    }
    if let value = TOMLNumbers.integer(text) {
      return ConfigNode(.scalar(String(value), .integer), span: span)
    }
    if TOMLNumbers.isInteger(text) {
      throw ParseError("integer '\(text)' does not fit in 64 bits", at: span)
    }
    if let float = TOMLNumbers.float(text) { return ConfigNode(.scalar(float, .float), span: span) }
    if TOMLNumbers.isDateTime(text) { return ConfigNode(.scalar(text, .datetime), span: span) }
    throw ParseError("invalid value '\(text)' (strings must be quoted in TOML)", at: span)
  }
}
