/// A flag such as `--from=builder`, unquoted, with the range it occupies.
struct ParsedFlag {
  var text: String
  var range: Range<Int>
}

/// The three parts of an instruction line (buildkit's `splitCommand`).
struct SplitCommand {
  var keywordRange: Range<Int>
  var flags: [ParsedFlag]
  /// The arguments after the flags, trimmed.
  var argumentsRange: Range<Int>
}

enum CommandSplitter {
  /// Splits `range` of `line` into keyword, builder flags and arguments.
  static func split(_ line: LogicalLine, _ range: Range<Int>, escape: Unicode.Scalar) -> SplitCommand {
    let s = line.scalars
    let trimmed = GoChars.trimSpace(s, range)
    var k = trimmed.lowerBound
    while k < trimmed.upperBound, !GoChars.isReWhitespace(s[k]) { k += 1 }
    let keyword = trimmed.lowerBound..<k
    guard k < trimmed.upperBound else {
      return SplitCommand(keywordRange: keyword, flags: [], argumentsRange: k..<k)
    }
    var restStart = k
    while restStart < trimmed.upperBound, GoChars.isReWhitespace(s[restStart]) { restStart += 1 }
    let (argsStart, flags) = extractBuilderFlags(s, restStart..<trimmed.upperBound, escape: escape)
    let args = GoChars.trimSpace(s, argsStart..<trimmed.upperBound)
    return SplitCommand(keywordRange: keyword, flags: flags, argumentsRange: args)
  }

  /// buildkit's `extractBuilderFlags`: leading words that start with `--`,
  /// unquoted and unescaped; a bare `--` ends them. Returns where the
  /// remaining arguments start.
  static func extractBuilderFlags(
    _ s: [Unicode.Scalar], _ range: Range<Int>, escape: Unicode.Scalar
  ) -> (Int, [ParsedFlag]) {
    enum Phase { case spaces, word, quote }
    var flags: [ParsedFlag] = []
    var phase = Phase.spaces
    var word = String.UnicodeScalarView()
    var wordStart = range.lowerBound
    var quote: Unicode.Scalar = "\0"
    var blankOK = false
    let end = range.upperBound
    var pos = range.lowerBound
    while pos <= end {
      let ch: Unicode.Scalar = pos < end ? s[pos] : "\0"
      if phase == .spaces {
        if pos == end { break }
        if GoChars.isSpace(ch) {
          pos += 1
          continue
        }
        if ch != "-" || pos + 1 == end || s[pos + 1] != "-" { return (pos, flags) }
        phase = .word
        wordStart = pos
      }
      if phase != .spaces && pos == end {
        let w = String(word)
        if w != "--" && (blankOK || !w.isEmpty) {
          flags.append(ParsedFlag(text: w, range: wordStart..<end))
        }
        break
      }
      if phase == .word {
        if GoChars.isSpace(ch) {
          let w = String(word)
          phase = .spaces
          if w == "--" { return (pos, flags) }
          if blankOK || !w.isEmpty { flags.append(ParsedFlag(text: w, range: wordStart..<pos)) }
          word = String.UnicodeScalarView()
          blankOK = false
          pos += 1
          continue
        }
        if ch == "'" || ch == "\"" {
          quote = ch
          blankOK = true
          phase = .quote
          pos += 1
          continue
        }
        var c = ch
        if c == escape {
          if pos + 1 == end {
            pos += 1
            continue
          }
          pos += 1
          c = s[pos]
        }
        word.append(c)
        pos += 1
        continue
      }
      // phase == .quote
      if ch == quote {
        phase = .word
        pos += 1
        continue
      }
      var c = ch
      if c == escape {
        if pos + 1 == end {
          phase = .word
          pos += 1
          continue
        }
        pos += 1
        c = s[pos]
      }
      word.append(c)
      pos += 1
    }
    return (end, flags)
  }
}
