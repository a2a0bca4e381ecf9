/// One argument of an instruction (a node of buildkit's `Next` chain) and
/// the logical-line range it was read from (mapped to a file span later).
struct ParsedArgument {
  var value: String
  var range: Range<Int>
}

/// The result of one of buildkit's line parsers.
struct ParsedArguments {
  var arguments: [ParsedArgument] = []
  var isJSON = false
  var sub: DockerfileInstruction?
}

/// An argument-level error (buildkit's line parser errors), located by the caller.
struct ArgumentError: Error {
  var message: String
}

/// A word of `parseWords`: its text (quotes and escapes kept) and the
/// logical-line index of each of its characters.
struct Word {
  var scalars: [Unicode.Scalar] = []
  var positions: [Int] = []
  var start: Int
  var end: Int
  var text: String { String(String.UnicodeScalarView(scalars)) }
}

/// Ports of buildkit's `line_parsers.go`, operating on ranges of a logical line.
enum ArgumentParsers {
  /// buildkit's `parseWords`: splits on whitespace, keeps quotes and escape
  /// tokens in the words (they are removed later by the shell lexer).
  static func words(_ s: [Unicode.Scalar], _ range: Range<Int>, escape: Unicode.Scalar) -> [Word] {
    enum Phase { case spaces, word, quote }
    var words: [Word] = []
    var phase = Phase.spaces
    var quote: Unicode.Scalar = "\0"
    var blankOK = false
    var current = Word(start: range.lowerBound, end: range.lowerBound)
    let end = range.upperBound
    var pos = range.lowerBound
    func add(_ i: Int) {
      current.scalars.append(s[i])
      current.positions.append(i)
    }
    while pos <= end {
      let ch: Unicode.Scalar = pos < end ? s[pos] : "\0"
      if phase == .spaces {
        if pos == end { break }
        if GoChars.isSpace(ch) {
          pos += 1
          continue
        }
        phase = .word
        current = Word(start: pos, end: pos)
      }
      if phase != .spaces && pos == end {
        if blankOK || !current.scalars.isEmpty {
          current.end = end
          words.append(current)
        }
        break
      }
      if phase == .word {
        if GoChars.isSpace(ch) {
          phase = .spaces
          if blankOK || !current.scalars.isEmpty {
            current.end = pos
            words.append(current)
          }
          blankOK = false
          pos += 1
          continue
        }
        if ch == "'" || ch == "\"" {
          quote = ch
          blankOK = true
          phase = .quote
        }
        if ch == escape {
          if pos + 1 == end {
            pos += 1
            continue
          }
          add(pos)
          pos += 1
        }
        add(pos)
        pos += 1
        continue
      }
      // phase == .quote
      if ch == quote { phase = .word }
      if ch == escape && quote != "'" {
        if pos + 1 == end {
          phase = .word
          pos += 1
          continue
        }
        add(pos)
        pos += 1
      }
      add(pos)
      pos += 1
    }
    return words
  }

  /// buildkit's `parseNameVal` (ENV, LABEL): `key value` (legacy, marker "")
  /// or `k=v k2=v2` (marker "="). The marker's range is the whole pair.
  static func nameValue(
    _ s: [Unicode.Scalar], _ range: Range<Int>, keyword: String, escape: Unicode.Scalar
  ) throws(ArgumentError) -> ParsedArguments {
    let ws = words(s, range, escape: escape)
    guard let first = ws.first else { return ParsedArguments() }
    var result = ParsedArguments()
    if !first.scalars.contains("=") {
      // reWhitespace.Split(rest, 2)
      var k = range.lowerBound
      while k < range.upperBound, !GoChars.isReWhitespace(s[k]) { k += 1 }
      guard k < range.upperBound else {
        throw ArgumentError(message: "\(keyword) must have two arguments")
      }
      var v = k
      while v < range.upperBound, GoChars.isReWhitespace(s[v]) { v += 1 }
      let key = range.lowerBound..<k
      let value = v..<range.upperBound
      result.arguments = [
        ParsedArgument(value: text(s, key), range: key),
        ParsedArgument(value: text(s, value), range: value),
        ParsedArgument(value: "", range: range),
      ]
      return result
    }
    for w in ws {
      guard let eq = w.scalars.firstIndex(of: "=") else {
        throw ArgumentError(
          message:
            "Syntax error - can't find = in \(GoQuote.quote(w.text)). Must be of the form: name=value"
        )
      }
      let keyPositions = Array(w.positions[..<eq])
      let valuePositions = Array(w.positions[(eq + 1)...])
      let keyRange = positionsRange(keyPositions, emptyAt: w.positions[eq])
      let valueRange = positionsRange(valuePositions, emptyAt: w.positions[eq] + 1)
      result.arguments.append(
        ParsedArgument(value: String(String.UnicodeScalarView(w.scalars[..<eq])), range: keyRange))
      result.arguments.append(
        ParsedArgument(
          value: String(String.UnicodeScalarView(w.scalars[(eq + 1)...])), range: valueRange))
      result.arguments.append(ParsedArgument(value: "=", range: w.start..<w.end))
    }
    return result
  }

  /// buildkit's `parseNameOrNameVal` (ARG): the words as they are.
  static func nameOrNameValue(
    _ s: [Unicode.Scalar], _ range: Range<Int>, escape: Unicode.Scalar
  ) -> ParsedArguments {
    ParsedArguments(
      arguments: words(s, range, escape: escape).map {
        ParsedArgument(value: $0.text, range: $0.start..<$0.end)
      })
  }

  /// buildkit's `parseStringsWhitespaceDelimited`.
  static func whitespaceDelimited(_ s: [Unicode.Scalar], _ range: Range<Int>) -> ParsedArguments {
    guard !range.isEmpty else { return ParsedArguments() }
    var result = ParsedArguments()
    var start = range.lowerBound
    var i = range.lowerBound
    while i <= range.upperBound {
      if i == range.upperBound || GoChars.isReWhitespace(s[i]) {
        result.arguments.append(ParsedArgument(value: text(s, start..<i), range: start..<i))
        if i == range.upperBound { break }
        while i < range.upperBound, GoChars.isReWhitespace(s[i]) { i += 1 }
        start = i
        continue
      }
      i += 1
    }
    return result
  }

  /// buildkit's `parseString`: the whole rest as one argument.
  static func string(_ s: [Unicode.Scalar], _ range: Range<Int>) -> ParsedArguments {
    guard !range.isEmpty else { return ParsedArguments() }
    return ParsedArguments(arguments: [ParsedArgument(value: text(s, range), range: range)])
  }

  /// buildkit's `parseMaybeJSON` (CMD, ENTRYPOINT, RUN, SHELL): a JSON array
  /// of strings, or else the whole rest as one shell-form argument.
  static func maybeJSON(_ s: [Unicode.Scalar], _ range: Range<Int>) throws(ArgumentError)
    -> ParsedArguments
  {
    guard !range.isEmpty else { return ParsedArguments() }
    switch JSONArrayParser.parse(s, range) {
    case .array(let items): return ParsedArguments(arguments: items, isJSON: true)
    case .notStrings: throw ArgumentError(message: JSONArrayParser.notStringsMessage)
    case .tooDeep: throw ArgumentError(message: "JSON array nested too deeply")
    case .invalid: return string(s, range)
    }
  }

  /// buildkit's `parseMaybeJSONToList` (ADD, COPY, VOLUME): a JSON array, or
  /// whitespace-delimited words.
  static func maybeJSONToList(_ s: [Unicode.Scalar], _ range: Range<Int>) throws(ArgumentError)
    -> ParsedArguments
  {
    switch JSONArrayParser.parse(s, range) {
    case .array(let items): return ParsedArguments(arguments: items, isJSON: true)
    case .notStrings: throw ArgumentError(message: JSONArrayParser.notStringsMessage)
    case .tooDeep: throw ArgumentError(message: "JSON array nested too deeply")
    case .invalid: return whitespaceDelimited(s, range)
    }
  }

  /// buildkit's `parseHealthConfig`: a type word (`CMD`, `NONE`) then a maybe-JSON command.
  static func healthConfig(_ s: [Unicode.Scalar], _ range: Range<Int>) throws(ArgumentError)
    -> ParsedArguments
  {
    var sep = range.lowerBound
    while sep < range.upperBound, !GoChars.isSpace(s[sep]) { sep += 1 }
    var next = sep
    while next < range.upperBound, GoChars.isSpace(s[next]) { next += 1 }
    guard sep > range.lowerBound else { return ParsedArguments() }
    let type = range.lowerBound..<sep
    var command = try maybeJSON(s, next..<range.upperBound)
    command.arguments.insert(ParsedArgument(value: text(s, type), range: type), at: 0)
    return command
  }

  static func text(_ s: [Unicode.Scalar], _ range: Range<Int>) -> String {
    String(scalars: s[range])
  }

  private static func positionsRange(_ positions: [Int], emptyAt: Int) -> Range<Int> {
    guard let a = positions.first, let b = positions.last else { return emptyAt..<emptyAt }
    return a..<(b + 1)
  }
}
