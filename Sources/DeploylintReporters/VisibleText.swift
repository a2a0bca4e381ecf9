/// Turns text taken from scanned files into text that is safe to print: control
/// characters never reach a terminal or a log raw, where they could move the
/// cursor, ring, rewrite earlier lines (CR, ESC sequences), fake a line break
/// (U+2028/2029) or reorder what the reader sees (bidi overrides, "Trojan
/// Source"). Each such scalar is written as a visible escape instead.
public enum VisibleText {
  /// Whether a scalar must not be printed raw. Tab is allowed; callers that
  /// need columns expand it themselves.
  static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    switch v {
    case 0x09: return false
    case 0x00...0x1F, 0x7F, 0x80...0x9F: return true
    case 0x2028, 0x2029: return true
    case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
    default: return false
    }
  }

  /// The visible form of an unsafe scalar: `\x1b` up to U+00FF, `\u{202E}` above.
  static func escape(_ s: Unicode.Scalar) -> String {
    let v = s.value
    if v <= 0xFF {
      let hex = String(v, radix: 16)
      return "\\x" + (hex.count < 2 ? "0" + hex : hex)
    }
    return "\\u{" + String(v, radix: 16, uppercase: true) + "}"
  }

  /// `text` with every unsafe scalar escaped; tabs kept.
  public static func make(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
    var out = ""
    for s in text.unicodeScalars {
      if isUnsafe(s) { out += escape(s) } else { out.unicodeScalars.append(s) }
    }
    return out
  }
}
