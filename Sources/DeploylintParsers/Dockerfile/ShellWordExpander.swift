/// A word could not be expanded (unterminated quote, bad `${…}`, `${V?msg}` on an unset variable).
public struct ShellExpansionError: Error, Hashable, Sendable {
  public var message: String
  public init(_ message: String) { self.message = message }
}

/// Shell-style word processing as Dockerfile builders do it (a port of the
/// behaviour of buildkit's `shell/lex.go`): quotes, the escape token and
/// `$V`, `${V}`, `${V:-x}`, `${V-x}`, `${V:+x}`, `${V+x}`, `${V:?x}`,
/// `${V#p}`, `${V%p}`, `${V/p/r}` against an environment. Unset variables
/// expand to nothing unless `skipUnsetEnv` keeps them as written.
public struct ShellWordExpander: Sendable {
  public var escapeToken: Unicode.Scalar
  /// Keep quote characters in the output (buildkit's `RawQuotes`).
  public var rawQuotes = false
  /// Keep escape tokens in the output (buildkit's `RawEscapes`).
  public var rawEscapes = false
  /// Leave references to unset variables as written (buildkit's `SkipUnsetEnv`).
  public var skipUnsetEnv = false
  /// Treat quotes as ordinary characters (buildkit's `SkipProcessQuotes`).
  public var skipProcessQuotes = false

  public init(escapeToken: Character = "\\") {
    self.escapeToken = escapeToken.unicodeScalars.first ?? "\\"
  }

  /// Expands `word` into one string; spaces between words are kept.
  public func processWord(_ word: String, environment: [String: String]) throws(ShellExpansionError)
    -> String
  {
    try processWord(word) { environment[$0] }
  }

  /// Expands `word` into one string, looking variables up with `lookup`.
  public func processWord(_ word: String, lookup: (String) -> String?) throws(ShellExpansionError)
    -> String
  {
    try withoutActuallyEscaping(lookup) { (lookup) throws(ShellExpansionError) in
      var lexer = ShellLexer(
        options: self, scalars: Array(word.unicodeScalars), lookup: lookup, splitsWords: false)
      return try lexer.run().result
    }
  }

  /// Expands `word` and splits it into words on unquoted whitespace (after expansion).
  public func processWords(_ word: String, environment: [String: String]) throws(ShellExpansionError)
    -> [String]
  {
    try processWords(word) { environment[$0] }
  }

  /// Expands `word` and splits it into words, looking variables up with `lookup`.
  public func processWords(_ word: String, lookup: (String) -> String?) throws(ShellExpansionError)
    -> [String]
  {
    try withoutActuallyEscaping(lookup) { (lookup) throws(ShellExpansionError) in
      var lexer = ShellLexer(
        options: self, scalars: Array(word.unicodeScalars), lookup: lookup, splitsWords: true)
      return try lexer.run().words
    }
  }
}

/// The scanner behind `ShellWordExpander`.
private struct ShellLexer {
  let options: ShellWordExpander
  let scalars: [Unicode.Scalar]
  let lookup: (String) -> String?
  var pos = 0
  var rawEscapes: Bool
  var depth = 0
  static let maxDepth = 512
  /// Whether the caller reads the words (`processWords`): building them for
  /// a caller that reads only the result was half the work.
  let splitsWords: Bool

  init(
    options: ShellWordExpander, scalars: [Unicode.Scalar], lookup: @escaping (String) -> String?,
    splitsWords: Bool
  ) {
    self.options = options
    self.scalars = scalars
    self.lookup = lookup
    self.rawEscapes = options.rawEscapes
    self.splitsWords = splitsWords
  }

  func peek() -> Unicode.Scalar? { pos < scalars.count ? scalars[pos] : nil }
  mutating func next() -> Unicode.Scalar? {
    guard pos < scalars.count else { return nil }
    pos += 1
    return scalars[pos - 1]
  }

  mutating func run() throws(ShellExpansionError) -> (result: String, words: [String]) {
    try processStopOn(nil, rawEscapes: options.rawEscapes)
  }

  /// Word splitting of the expanded text (buildkit's `wordsStruct`).
  struct Words {
    var buf = String.UnicodeScalarView()
    var words: [String] = []
    var inWord = false

    mutating func addChar(_ c: Unicode.Scalar) {
      if GoChars.isSpace(c) {
        if inWord && !buf.isEmpty {
          words.append(String(buf))
          buf = String.UnicodeScalarView()
          inWord = false
        }
      } else {
        addRawChar(c)
      }
    }
    mutating func addRawChar(_ c: Unicode.Scalar) {
      buf.append(c)
      inWord = true
    }
    mutating func addString(_ s: String) { for c in s.unicodeScalars { addChar(c) } }
    mutating func addRawString(_ s: String) {
      buf.append(contentsOf: s.unicodeScalars)
      inWord = true
    }
    mutating func finish() -> [String] {
      if !buf.isEmpty { words.append(String(buf)) }
      return words
    }
  }

  mutating func processStopOn(_ stop: Unicode.Scalar?, rawEscapes raw: Bool) throws(ShellExpansionError)
    -> (result: String, words: [String])
  {
    depth += 1
    defer { depth -= 1 }
    guard depth < Self.maxDepth else { throw ShellExpansionError("expansion nested too deeply") }
    let saved = rawEscapes
    rawEscapes = raw
    defer { rawEscapes = saved }
    // Only the outermost call's words are read (nested calls read the result).
    let splits = splitsWords && depth == 1
    // A string, not a scalar view: expanded values are appended whole.
    var result = ""
    var words = Words()
    while let ch = peek() {
      if let stop, ch == stop {
        pos += 1
        return (result, words.finish())
      }
      let special: String?
      switch ch {
      case "$": special = try processDollar()
      case "<": special = processPossibleHeredoc()
      case "'" where !options.skipProcessQuotes: special = try processSingleQuote()
      case "\"" where !options.skipProcessQuotes: special = try processDoubleQuote()
      default: special = nil
      }
      if let tmp = special {
        result += tmp
        if splits {
          if ch == "$" { words.addString(tmp) } else { words.addRawString(tmp) }
        }
        continue
      }
      pos += 1
      if ch == options.escapeToken {
        if rawEscapes {
          if splits { words.addRawChar(ch) }
          result.unicodeScalars.append(ch)
        }
        guard let escaped = next() else { break }
        if splits { words.addRawChar(escaped) }
        result.unicodeScalars.append(escaped)
      } else {
        if splits { words.addChar(ch) }
        result.unicodeScalars.append(ch)
      }
    }
    if let stop {
      throw ShellExpansionError(
        "unexpected end of statement while looking for matching \(Character(stop))")
    }
    return (result, words.finish())
  }

  mutating func processSingleQuote() throws(ShellExpansionError) -> String {
    var result = String.UnicodeScalarView()
    let open = next()
    if options.rawQuotes, let open { result.append(open) }
    while true {
      guard let ch = next() else {
        throw ShellExpansionError("unexpected end of statement while looking for matching single-quote")
      }
      if ch == "'" {
        if options.rawQuotes { result.append(ch) }
        return String(result)
      }
      result.append(ch)
    }
  }

  mutating func processDoubleQuote() throws(ShellExpansionError) -> String {
    var result = String.UnicodeScalarView()
    let open = next()
    if options.rawQuotes, let open { result.append(open) }
    while true {
      guard let c = peek() else {
        throw ShellExpansionError("unexpected end of statement while looking for matching double-quote")
      }
      if c == "\"" {
        pos += 1
        if options.rawQuotes { result.append(c) }
        return String(result)
      }
      if c == "$" {
        result.append(contentsOf: try processDollar().unicodeScalars)
        continue
      }
      pos += 1
      var ch = c
      if ch == options.escapeToken {
        if rawEscapes { result.append(ch) }
        guard let after = peek() else { continue }
        if after == "\"" || after == "$" || after == options.escapeToken {
          pos += 1
          ch = after
        }
      }
      result.append(ch)
    }
  }

  mutating func processDollar() throws(ShellExpansionError) -> String {
    pos += 1
    guard peek() == "{" else {
      let name = processName()
      if name.isEmpty { return "$" }
      if let v = lookup(name) { return v }
      return options.skipUnsetEnv ? "$" + name : ""
    }
    pos += 1
    switch peek() {
    case nil: throw ShellExpansionError("syntax error: missing '}'")
    case "{", "}", ":": throw ShellExpansionError("syntax error: bad substitution")
    default: break
    }
    let name = processName()
    guard var ch = next() else { throw ShellExpansionError("syntax error: missing '}'") }
    var modifier = String(Character(ch))
    var nullIsUnset = false
    switch ch {
    case "}":
      if let v = lookup(name) { return v }
      return options.skipUnsetEnv ? "${\(name)}" : ""
    case ":", "+", "-", "?", "#", "%":
      if ch == ":" {
        nullIsUnset = true
        guard let c = next() else { throw ShellExpansionError("syntax error: missing '}'") }
        ch = c
        modifier.append(Character(c))
      }
      let patternMode = ch == "#" || ch == "%"
      if nullIsUnset && patternMode {
        throw ShellExpansionError("unsupported modifier (\(modifier)) in substitution")
      }
      let word: String
      do {
        word = try processStopOn("}", rawEscapes: patternMode).result
      } catch {
        if peek() == nil { throw ShellExpansionError("syntax error: missing '}'") }
        throw error
      }
      let value = lookup(name)
      if options.skipUnsetEnv && value == nil { return "${\(name)\(modifier)\(word)}" }
      let unset = value == nil || (nullIsUnset && value == "")
      switch ch {
      case "-": return unset ? word : value ?? ""
      case "+": return unset ? "" : word
      case "?":
        if value == nil {
          throw ShellExpansionError("\(name): \(word.isEmpty ? "is not allowed to be unset" : word)")
        }
        if nullIsUnset && value == "" {
          throw ShellExpansionError("\(name): \(word.isEmpty ? "is not allowed to be empty" : word)")
        }
        return value ?? ""
      case "#", "%":
        var pattern = Array(word.unicodeScalars)
        var greedy = false
        if pattern.first == ch {
          greedy = true
          pattern.removeFirst()
        }
        let glob = ShellGlob(pattern: pattern)
        let v = Array((value ?? "").unicodeScalars)
        let cut = ch == "#" ? glob.trimPrefix(v, greedy: greedy) : glob.trimSuffix(v, greedy: greedy)
        return String(String.UnicodeScalarView(cut))
      default:
        throw ShellExpansionError("unsupported modifier (\(modifier)) in substitution")
      }
    case "/":
      let replaceAll = peek() == "/"
      if replaceAll { pos += 1 }
      let pattern: String
      let replacement: String
      do {
        pattern = try processStopOn("/", rawEscapes: true).result
      } catch {
        if peek() == nil { throw ShellExpansionError("syntax error: missing '/' in ${}") }
        throw error
      }
      do {
        replacement = try processStopOn("}", rawEscapes: true).result
      } catch {
        if peek() == nil { throw ShellExpansionError("syntax error: missing '}'") }
        throw error
      }
      guard let value = lookup(name) else {
        return options.skipUnsetEnv ? "${\(name)/\(pattern)/\(replacement)}" : ""
      }
      let glob = ShellGlob(pattern: Array(pattern.unicodeScalars))
      let out = glob.replace(
        in: Array(value.unicodeScalars), with: Array(replacement.unicodeScalars), all: replaceAll)
      return String(String.UnicodeScalarView(out))
    default:
      throw ShellExpansionError("unsupported modifier (\(modifier)) in substitution")
    }
  }

  mutating func processName() -> String {
    var name = String.UnicodeScalarView()
    while let ch = peek() {
      if name.isEmpty && ch.properties.numericType == .decimal {
        while let d = peek(), d.properties.numericType == .decimal {
          name.append(d)
          pos += 1
        }
        return String(name)
      }
      if name.isEmpty && "@*#?-$!0".unicodeScalars.contains(ch) {
        pos += 1
        return String(Character(ch))
      }
      guard ch.properties.isAlphabetic || ch.properties.numericType == .decimal || ch == "_" else {
        break
      }
      name.append(ch)
      pos += 1
    }
    return String(name)
  }

  mutating func processPossibleHeredoc() -> String {
    pos += 1
    guard peek() == "<" else { return "<" }
    pos += 1
    var result = "<<"
    while let c = peek(), c == "\t" || c == "\r" || c == " " {
      result.unicodeScalars.append(c)
      pos += 1
    }
    return result
  }
}
