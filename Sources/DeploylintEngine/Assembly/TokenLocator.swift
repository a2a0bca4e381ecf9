import DeploylintCore

/// Finds where a word stands in a file, so that facts derived from a joined
/// `RUN` line (continuations removed) still point at the exact line and column.
enum TokenLocator {
  /// The span of the first occurrence of `token` as a whole word between
  /// scalar offsets `from` and `to`. Word boundaries: start/end, whitespace,
  /// quotes, `=`, `/` before, and specifier characters after.
  static func find(_ token: String, in file: SourceFile, from: Int, to: Int) -> Span? {
    first(token, in: file, from: from, to: to) { i, count in
      let before: Unicode.Scalar? = i > 0 ? file.scalars[i - 1] : nil
      let after: Unicode.Scalar? = i + count < file.scalars.count ? file.scalars[i + count] : nil
      return isBoundaryBefore(before) && isBoundaryAfter(after)
    }
  }

  /// The span of the first occurrence of `text` between scalar offsets
  /// `from` and `to`, wherever it stands (a `${VAR}` reference glued to
  /// other text, as in `torch==${TORCH_VERSION}`).
  static func findText(_ text: String, in file: SourceFile, from: Int, to: Int) -> Span? {
    first(text, in: file, from: from, to: to) { _, _ in true }
  }

  /// The first occurrence of `text` that `accept` (offset, length) takes.
  private static func first(
    _ text: String, in file: SourceFile, from: Int, to: Int, accept: (Int, Int) -> Bool
  ) -> Span? {
    let needle = Array(text.unicodeScalars)
    guard !needle.isEmpty, from >= 0 else { return nil }
    let end = min(to, file.scalars.count)
    var i = from
    while i + needle.count <= end {
      if file.scalars[i] == needle[0] && matches(needle, file.scalars, at: i) && accept(i, needle.count) {
        return file.span(from: i, to: i + needle.count)
      }
      i += 1
    }
    return nil
  }

  private static func matches(_ needle: [Unicode.Scalar], _ hay: [Unicode.Scalar], at i: Int) -> Bool {
    for k in 0..<needle.count where hay[i + k] != needle[k] { return false }
    return true
  }

  private static func isBoundaryBefore(_ c: Unicode.Scalar?) -> Bool {
    guard let c else { return true }
    return " \t\n\r\"'=/,[(".unicodeScalars.contains(c)
  }

  private static func isBoundaryAfter(_ c: Unicode.Scalar?) -> Bool {
    guard let c else { return true }
    return " \t\n\r\"'=<>!~;,[]()@&|\\".unicodeScalars.contains(c)
  }
}
