/// The exec form's JSON, read as buildkit does with Go's `json.Unmarshal`
/// into `[]any`: the whole text must be valid JSON (else the instruction
/// falls back to shell form); a valid array holding anything but strings is
/// an error.
enum JSONArrayParser {
  enum Outcome {
    case array([ParsedArgument])
    case notStrings
    case invalid
    case tooDeep
  }

  static let notStringsMessage =
    "when using JSON array syntax, arrays must be comprised of strings only"
  static let maxDepth = 512

  static func parse(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Outcome {
    var i = range.lowerBound
    while i < range.upperBound, GoChars.isSpace(s[i]) { i += 1 }
    guard i < range.upperBound, s[i] == "[" else { return .invalid }
    var reader = Reader(s: s, end: range.upperBound, pos: i)
    do {
      let items = try reader.topArray()
      reader.skipSpace()
      guard reader.pos == reader.end else { return .invalid }
      var out: [ParsedArgument] = []
      for item in items {
        guard let arg = item else { return .notStrings }
        out.append(arg)
      }
      return .array(out)
    } catch .tooDeep {
      return .tooDeep
    } catch {
      return .invalid
    }
  }

  enum Failure: Error { case syntax, tooDeep }

  private struct Reader {
    let s: [Unicode.Scalar]
    let end: Int
    var pos: Int

    mutating func skipSpace() {
      while pos < end, s[pos] == " " || s[pos] == "\t" || s[pos] == "\n" || s[pos] == "\r" {
        pos += 1
      }
    }

    /// The top-level array: strings become arguments, anything else `nil`.
    mutating func topArray() throws(Failure) -> [ParsedArgument?] {
      pos += 1  // [
      var items: [ParsedArgument?] = []
      skipSpace()
      if pos < end, s[pos] == "]" {
        pos += 1
        return items
      }
      while true {
        skipSpace()
        guard pos < end else { throw .syntax }
        if s[pos] == "\"" {
          let start = pos
          let value = try string()
          items.append(ParsedArgument(value: value, range: start..<pos))
        } else {
          try value(depth: 1)
          items.append(nil)
        }
        skipSpace()
        guard pos < end else { throw .syntax }
        if s[pos] == "," {
          pos += 1
          continue
        }
        if s[pos] == "]" {
          pos += 1
          return items
        }
        throw .syntax
      }
    }

    mutating func value(depth: Int) throws(Failure) {
      guard depth < JSONArrayParser.maxDepth else { throw .tooDeep }
      skipSpace()
      guard pos < end else { throw .syntax }
      switch s[pos] {
      case "\"": _ = try string()
      case "[": try container(close: "]", depth: depth, keyed: false)
      case "{": try container(close: "}", depth: depth, keyed: true)
      case "t": try literal("true")
      case "f": try literal("false")
      case "n": try literal("null")
      default: try number()
      }
    }

    mutating func container(close: Unicode.Scalar, depth: Int, keyed: Bool) throws(Failure) {
      pos += 1
      skipSpace()
      if pos < end, s[pos] == close {
        pos += 1
        return
      }
      while true {
        if keyed {
          skipSpace()
          guard pos < end, s[pos] == "\"" else { throw .syntax }
          _ = try string()
          skipSpace()
          guard pos < end, s[pos] == ":" else { throw .syntax }
          pos += 1
        }
        try value(depth: depth + 1)
        skipSpace()
        guard pos < end else { throw .syntax }
        if s[pos] == "," {
          pos += 1
          continue
        }
        if s[pos] == close {
          pos += 1
          return
        }
        throw .syntax
      }
    }

    mutating func literal(_ word: String) throws(Failure) {
      for c in word.unicodeScalars {
        guard pos < end, s[pos] == c else { throw .syntax }
        pos += 1
      }
    }

    mutating func number() throws(Failure) {
      func digit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
      if pos < end, s[pos] == "-" { pos += 1 }
      guard pos < end, digit(s[pos]) else { throw .syntax }
      if s[pos] == "0" {
        pos += 1
      } else {
        while pos < end, digit(s[pos]) { pos += 1 }
      }
      if pos < end, s[pos] == "." {
        pos += 1
        guard pos < end, digit(s[pos]) else { throw .syntax }
        while pos < end, digit(s[pos]) { pos += 1 }
      }
      if pos < end, s[pos] == "e" || s[pos] == "E" {
        pos += 1
        if pos < end, s[pos] == "+" || s[pos] == "-" { pos += 1 }
        guard pos < end, digit(s[pos]) else { throw .syntax }
        while pos < end, digit(s[pos]) { pos += 1 }
      }
    }

    /// A JSON string, decoded (lone surrogates become U+FFFD, as in Go).
    mutating func string() throws(Failure) -> String {
      pos += 1
      var out = String.UnicodeScalarView()
      while true {
        guard pos < end else { throw .syntax }
        let c = s[pos]
        pos += 1
        if c == "\"" { return String(out) }
        if c.value < 0x20 { throw .syntax }
        guard c == "\\" else {
          out.append(c)
          continue
        }
        guard pos < end else { throw .syntax }
        let e = s[pos]
        pos += 1
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
          let unit = try hex4()
          if (0xD800..<0xDC00).contains(unit), pos + 1 < end, s[pos] == "\\", s[pos + 1] == "u" {
            let save = pos
            pos += 2
            let low = try hex4()
            if (0xDC00..<0xE000).contains(low) {
              let v = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
              out.append(Unicode.Scalar(v) ?? "\u{FFFD}")
              continue
            }
            pos = save
            out.append("\u{FFFD}")
          } else {
            out.append(Unicode.Scalar(unit) ?? "\u{FFFD}")
          }
        default: throw .syntax
        }
      }
    }

    mutating func hex4() throws(Failure) -> UInt32 {
      var v: UInt32 = 0
      for _ in 0..<4 {
        guard pos < end, let d = hexValue(s[pos]) else { throw .syntax }
        v = v << 4 | d
        pos += 1
      }
      return v
    }

    func hexValue(_ c: Unicode.Scalar) -> UInt32? {
      switch c {
      case "0"..."9": return c.value - 48
      case "a"..."f": return c.value - 87
      case "A"..."F": return c.value - 55
      default: return nil
      }
    }
  }
}
