import DeploylintCore

/// A conservative pre-scan of YAML text that estimates nesting depth before
/// Yams sees the input. Yams composes recursively, so a document nested
/// 100,000 levels deep (`[[[[…` or `- - - - …`) would overflow the stack; we
/// reject such input with a located `ParseError` instead.
///
/// The estimate counts flow brackets outside quotes and comments, indentation
/// levels and compact indicators (`- `, `? `, `key: `) of block lines. It may
/// overestimate on exotic text, never underestimates real nesting by much,
/// and runs in one linear pass.
enum YAMLDepthGuard {
  /// Throws when the estimated nesting exceeds `limit`.
  static func check(_ file: SourceFile, limit: Int) throws(ParseError) {
    let s = file.scalars
    var flowDepth = 0
    var indents: [Int] = []  // columns of open block levels
    var quote: Unicode.Scalar? = nil
    var blockScalarParentIndent: Int? = nil
    for lineNo in 1...file.lineCount {
      let start = file.lineStarts[lineNo - 1]
      let end = file.lineContentEnd(lineNo)
      var i = start
      if quote == nil, flowDepth == 0 {
        while i < end, s[i] == " " { i += 1 }
        let indent = i - start
        if i >= end || s[i] == "#" { continue }
        if let parent = blockScalarParentIndent {
          if indent > parent { continue }
          blockScalarParentIndent = nil
        }
        // Compact indicators open further levels on the same line.
        var columns = [indent]
        while i + 1 < end, s[i] == "-" || s[i] == "?", s[i + 1] == " " || s[i + 1] == "\t" {
          i += 2
          while i < end, s[i] == " " || s[i] == "\t" { i += 1 }
          columns.append(i - start)
        }
        while let top = indents.last, top >= indent { indents.removeLast() }
        indents.append(contentsOf: columns)
        if indents.count > limit {
          throw ParseError(
            "YAML nesting deeper than \(limit) levels", at: file.span(from: i, to: min(i + 1, end)))
        }
        if isBlockScalarHeader(s, from: i, to: end) { blockScalarParentIndent = indent }
      }
      while i < end {
        let c = s[i]
        if let q = quote {
          if q == "\"", c == "\\" {
            i += 2
            continue
          }
          if c == q {
            if q == "'", i + 1 < end, s[i + 1] == "'" {
              i += 2
              continue
            }
            quote = nil
          }
          i += 1
          continue
        }
        switch c {
        case "#" where i == start || s[i - 1] == " " || s[i - 1] == "\t":
          i = end
          continue
        case "\"", "'":
          // A quote opens a scalar only at a value start; inside plain text it is literal.
          if i == start || " \t[{,:-?".unicodeScalars.contains(s[i - 1]) { quote = c }
        case "[", "{":
          flowDepth += 1
          if flowDepth + indents.count > limit {
            throw ParseError(
              "YAML nesting deeper than \(limit) levels", at: file.span(from: i, to: i + 1))
          }
        case "]", "}":
          flowDepth = max(0, flowDepth - 1)
        default: break
        }
        i += 1
      }
    }
  }

  /// Whether the rest of a line, after a key or indicator, ends with `|` or `>`
  /// (plus chomping/indentation indicators and an optional comment).
  private static func isBlockScalarHeader(_ s: [Unicode.Scalar], from: Int, to end: Int) -> Bool {
    var j = end
    // Drop a trailing comment (` #…`), naively: block headers rarely carry one.
    var k = from
    while k < end {
      if s[k] == "#", k > from, s[k - 1] == " " || s[k - 1] == "\t" {
        j = k
        break
      }
      k += 1
    }
    while j > from, s[j - 1] == " " || s[j - 1] == "\t" { j -= 1 }
    while j > from, "+-0123456789".unicodeScalars.contains(s[j - 1]) { j -= 1 }
    guard j > from, s[j - 1] == "|" || s[j - 1] == ">" else { return false }
    return j - 1 == from || s[j - 2] == " " || s[j - 2] == "\t"
  }
}
