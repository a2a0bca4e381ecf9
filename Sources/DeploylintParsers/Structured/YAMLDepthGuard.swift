import DeploylintCore

/// A conservative pre-scan of YAML text that estimates nesting depth before
/// Yams sees the input. Yams composes recursively, so a document nested
/// 100,000 levels deep (`[[[[…` or `- - - - …`) would overflow the stack; we
/// reject such input with a located `ParseError` instead.
///
/// It also rejects an alias of a collection used as a mapping key
/// (`{*big : 1}`): Yams hashes keys to find duplicates, and hashing an
/// aliased billion-laughs node walks the exponential tree.
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
    var collectionAnchors: Set<String> = []
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
          // Located at the indicator that goes too deep, not at the line's end.
          if columns.count > limit {
            throw ParseError("YAML nesting deeper than \(limit) levels", at: file.span(from: i, to: i + 1))
          }
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
        case "&" where i == start || isTokenBoundary(s[i - 1]):
          let name = anchorName(s, from: i + 1, to: end)
          var j = i + 1 + name.unicodeScalars.count
          while j < end, s[j] == " " || s[j] == "\t" { j += 1 }
          if j >= end || "[{#!".unicodeScalars.contains(s[j]) { collectionAnchors.insert(name) }
        case "*" where i == start || isTokenBoundary(s[i - 1]):
          let name = anchorName(s, from: i + 1, to: end)
          guard collectionAnchors.contains(name) else { break }
          var j = i + 1 + name.unicodeScalars.count
          while j < end, s[j] == " " || s[j] == "\t" { j += 1 }
          let colonFollows =
            j < end && s[j] == ":" && (j + 1 >= end || " \t,]}".unicodeScalars.contains(s[j + 1]))
          var k = i
          while k > start, s[k - 1] == " " || s[k - 1] == "\t" { k -= 1 }
          let questionPrecedes = k > start && s[k - 1] == "?" && (k - 1 == start || isTokenBoundary(s[k - 2]))
          if colonFollows || questionPrecedes {
            throw ParseError(
              "an alias of a collection used as a mapping key is not supported",
              at: file.span(from: i, to: i + 1 + name.unicodeScalars.count))
          }
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

  private static func isTokenBoundary(_ c: Unicode.Scalar) -> Bool {
    " \t[{,".unicodeScalars.contains(c)
  }

  /// The anchor or alias name at `from` (libyaml: letters, digits, `-`, `_`).
  private static func anchorName(_ s: [Unicode.Scalar], from: Int, to end: Int) -> String {
    var j = from
    while j < end, s[j] == "-" || s[j] == "_" || s[j].properties.isAlphabetic || ("0"..."9").contains(s[j]) {
      j += 1
    }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: s[from..<j])
    return String(view)
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
