/// Percent-encoding of paths for SARIF URIs (RFC 3986): every byte of the UTF-8
/// form except unreserved characters (`A–Z a–z 0–9 - . _ ~`) and the `/`
/// separator is written `%XX`. Encoding `:` too keeps a relative path like
/// `a:b/c` from being read as a URI with scheme `a`.
public enum URIEncoding {
  public static func path(_ path: String) -> String {
    var out = ""
    for byte in path.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = String(byte, radix: 16, uppercase: true)
        out += "%" + (hex.count < 2 ? "0" + hex : hex)
      }
    }
    return out
  }

  /// `file:///abs/root/` for an absolute root (a trailing `/` is required for a
  /// SARIF base URI).
  static func fileURI(directory: String) -> String {
    var root = directory
    while root.count > 1, root.hasSuffix("/") { root.removeLast() }
    if !root.hasPrefix("/") { root = "/" + root }
    let encoded = path(root)
    return "file://" + encoded + (encoded.hasSuffix("/") ? "" : "/")
  }
}

/// A light Markdown-to-plain-text pass for SARIF `text` fields, which viewers
/// show verbatim: inline code ticks, `**`/`__` markers and link syntax go,
/// `[title](url)` becomes `title (url)`.
enum PlainText {
  static func fromMarkdown(_ markdown: String) -> String {
    var out = ""
    var rest = Substring(markdown)
    while let c = rest.first {
      if c == "[", let close = rest.firstIndex(of: "]"),
        rest.index(after: close) < rest.endIndex, rest[rest.index(after: close)] == "(",
        let paren = rest[close...].firstIndex(of: ")")
      {
        let title = rest[rest.index(after: rest.startIndex)..<close]
        let url = rest[rest.index(close, offsetBy: 2)..<paren]
        out += title + " (" + url + ")"
        rest = rest[rest.index(after: paren)...]
        continue
      }
      if c == "`" {
        rest = rest.dropFirst()
        continue
      }
      if rest.hasPrefix("**") || rest.hasPrefix("__") {
        rest = rest.dropFirst(2)
        continue
      }
      out.append(c)
      rest = rest.dropFirst()
    }
    return out
  }
}
