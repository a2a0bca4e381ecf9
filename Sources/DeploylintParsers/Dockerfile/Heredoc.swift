/// Heredoc openers found on an instruction line, before their bodies are read.
struct HeredocOpener {
  var name: String
  var chomp: Bool
  var expand: Bool
  var fileDescriptor: Int
}

/// buildkit's `heredocsFromLine` / `ParseHeredoc`: the line is split into
/// shell words (quotes and escapes kept, unset variables kept); each word of
/// the form `[fd]<<[-]WORD` opens a heredoc. The delimiter is `WORD` unquoted;
/// a quoted delimiter turns off expansion of the body.
enum HeredocScanner {
  /// Only these instructions may carry heredocs (buildkit's `heredocDirectives`).
  static let keywords: Set<String> = ["add", "copy", "run"]

  static func openers(in line: String) throws(ArgumentError) -> [HeredocOpener] {
    var lexer = ShellWordExpander(escapeToken: "\\")
    lexer.rawQuotes = true
    lexer.rawEscapes = true
    lexer.skipUnsetEnv = true
    let words = (try? lexer.processWords(line, environment: [:])) ?? []
    var result: [HeredocOpener] = []
    for word in words {
      if let opener = try parse(word) { result.append(opener) }
    }
    return result
  }

  /// Matches `^(\d*)<<(-?)\s*([^<]*)$` and reads the delimiter word.
  static func parse(_ word: String) throws(ArgumentError) -> HeredocOpener? {
    let s = Array(word.unicodeScalars)
    var i = 0
    while i < s.count, s[i] >= "0" && s[i] <= "9" { i += 1 }
    let fd = Int(String(String.UnicodeScalarView(s[0..<i]))) ?? 0
    guard i + 1 < s.count, s[i] == "<", s[i + 1] == "<" else { return nil }
    i += 2
    let chomp = i < s.count && s[i] == "-"
    if chomp { i += 1 }
    while i < s.count, GoChars.isRegexSpace(s[i]) { i += 1 }
    let rest = Array(s[i...])
    guard !rest.contains("<"), !rest.isEmpty else { return nil }
    let restText = String(String.UnicodeScalarView(rest))

    var lexer = ShellWordExpander(escapeToken: "\\")
    lexer.skipUnsetEnv = true
    let words: [String]
    let rawWords: [String]
    do {
      words = try lexer.processWords(restText, environment: [:])
      guard words.count == 1 else { return nil }
      lexer.rawQuotes = true
      rawWords = try lexer.processWords(restText, environment: [:])
    } catch {
      throw ArgumentError(message: error.message)
    }
    guard rawWords.count == words.count else {
      throw ArgumentError(
        message: "internal lexing of heredoc produced inconsistent results: \(restText)")
    }
    func quotes(_ w: String) -> Int { w.unicodeScalars.filter { $0 == "'" || $0 == "\"" }.count }
    return HeredocOpener(
      name: words[0], chomp: chomp, expand: quotes(words[0]) == quotes(rawWords[0]),
      fileDescriptor: fd)
  }
}
