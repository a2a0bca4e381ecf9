/// Text from scanned files made safe for an XML 1.0 document (JUnit, Checkstyle).
///
/// XML 1.0 cannot carry most C0 control characters at all, not even as
/// character references (`&#1;` is not well-formed), nor U+FFFE and U+FFFF.
/// Such scalars, and every other scalar `VisibleText` keeps off a terminal
/// (DEL, C1 controls, line separators, bidi overrides), are written as visible
/// escapes (`\x1b`, `\u{202E}`): a report viewer shows the same text as the
/// other formats, and no parser rejects the document. Markup characters become
/// entities, so a `</failure>` or `]]>` in a service name stays text.
enum XMLEscaping {
  /// Character data: lines kept as lines (CR and CRLF become LF), every other
  /// unsafe scalar made visible, `&`, `<` and `>` as entities. A line whose
  /// text starts with `:` gets it as `&#58;` (the same character to an XML
  /// reader), so a report printed in a GitHub Actions log can never hold a
  /// line the runner reads as a `::command::`.
  static func text(_ s: String) -> String {
    escape(visibleLines(s), inAttribute: false)
      .split(separator: "\n", omittingEmptySubsequences: false)
      .map { line -> String in
        guard let colon = line.firstIndex(where: { $0 != " " && $0 != "\t" }), line[colon] == ":" else {
          return String(line)
        }
        return line[..<colon] + "&#58;" + line[line.index(after: colon)...]
      }
      .joined(separator: "\n")
  }

  /// A double-quoted attribute value: as `text`, with quotes escaped and line
  /// breaks written `&#10;` (a raw one would be normalised to a space).
  static func attribute(_ s: String) -> String {
    escape(visibleLines(s), inAttribute: true)
  }

  /// Each line through `VisibleText`, U+FFFE/U+FFFF made visible too.
  static func visibleLines(_ s: String) -> String {
    s.replacingCRLF()
      .split(separator: "\n", omittingEmptySubsequences: false)
      .map { line in
        var out = ""
        for scalar in VisibleText.make(String(line)).unicodeScalars {
          if scalar.value == 0xFFFE || scalar.value == 0xFFFF {
            out += VisibleText.escape(scalar)
          } else {
            out.unicodeScalars.append(scalar)
          }
        }
        return out
      }
      .joined(separator: "\n")
  }

  /// The `[` of a `##[` becomes `&#91;` (the runner reads `##[command]`
  /// anywhere in a line of the log).
  private static func escape(_ s: String, inAttribute: Bool) -> String {
    var out = ""
    var hashes = 0
    for scalar in s.unicodeScalars {
      defer { hashes = scalar == "#" ? hashes + 1 : 0 }
      switch scalar {
      case "[" where hashes >= 2: out += "&#91;"
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"" where inAttribute: out += "&quot;"
      case "\n" where inAttribute: out += "&#10;"
      case "\t" where inAttribute: out += "&#9;"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
