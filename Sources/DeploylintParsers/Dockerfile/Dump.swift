extension Dockerfile {
  /// The parse in buildkit's `Node.Dump()` format, one `(…)` line per
  /// instruction, each terminated by `\n` (the format of buildkit's test
  /// `result` files), so the parser can be checked against buildkit's own cases.
  public func dump() -> String {
    var out = ""
    for instruction in instructions {
      out += "(" + instruction.dump() + ")\n"
    }
    return out
  }
}

extension DockerfileInstruction {
  /// This instruction as buildkit dumps its node: lower-cased keyword, the
  /// flags as a Go `%q` slice, then each argument `%q`-quoted; an `ONBUILD`
  /// child is dumped nested in parentheses.
  public func dump() -> String {
    var s = keyword
    if !flags.isEmpty {
      s += " [" + flags.map(GoQuote.quote).joined(separator: " ") + "]"
    }
    for argument in arguments {
      s += " " + GoQuote.quote(argument)
    }
    if let sub = subInstruction {
      s += " (" + sub.dump() + ")"
    }
    // buildkit trims the node's dump (`strings.TrimSpace`): an empty keyword
    // leaves no leading space.
    let scalars = Array(s.unicodeScalars)
    return ArgumentParsers.text(scalars, GoChars.trimSpace(scalars, 0..<scalars.count))
  }
}

/// Go's `strconv.Quote`, which buildkit's dump uses for every string.
enum GoQuote {
  static func quote(_ string: String) -> String {
    var out = "\""
    for c in string.unicodeScalars {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\u{07}": out += "\\a"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{0B}": out += "\\v"
      default:
        if isPrintable(c) {
          out.unicodeScalars.append(c)
        } else if c.value < 0x80 {
          out += "\\x" + hex(c.value, width: 2)
        } else if c.value < 0x10000 {
          out += "\\u" + hex(c.value, width: 4)
        } else {
          out += "\\U" + hex(c.value, width: 8)
        }
      }
    }
    return out + "\""
  }

  /// Go's `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
  static func isPrintable(_ c: Unicode.Scalar) -> Bool {
    if c == " " { return true }
    if c.value < 0x20 || c.value == 0x7F { return false }
    switch c.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .nonspacingMark, .spacingMark, .enclosingMark,
      .decimalNumber, .letterNumber, .otherNumber,
      .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
      .initialPunctuation, .finalPunctuation, .otherPunctuation,
      .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
      return true
    default:
      return false
    }
  }

  private static func hex(_ v: UInt32, width: Int) -> String {
    let digits = String(v, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
