/// A minimal POSIX-shell word splitter for `RUN` lines and start commands:
/// enough to find `pip install x` or `gunicorn -w 4` inside `a && b; c | d`.
/// It never executes or expands anything.
public enum ShellWords {
  /// Longest text split, in characters: the rest of a longer text is ignored.
  static let maxCharacters = 1_000_000

  /// The simple commands of a shell string, each as its words (quotes removed).
  public static func commands(_ text: String) -> [[String]] {
    // Plain ASCII without `\r` (nearly every command): one character is one
    // byte, so the bytes are split directly. Otherwise grapheme clusters
    // (`\r\n`, a combining mark after a quote) decide, as they always have.
    let isPlainASCII = text.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "\r") }
    return isPlainASCII ? asciiCommands(text) : characterCommands(text)
  }

  /// The splitter on bytes.
  static func asciiCommands(_ text: String) -> [[String]] {
    // The whole view is copied in one block; a prefix of it byte by byte.
    let bytes = text.utf8.count <= maxCharacters ? Array(text.utf8) : Array(text.utf8.prefix(maxCharacters))
    return split(bytes, ShellAlphabet.bytes) { String(decoding: $0, as: UTF8.self) }
  }

  /// The splitter on characters, for text with non-ASCII bytes or `\r`.
  static func characterCommands(_ text: String) -> [[String]] {
    var chars = Array(text)
    if chars.count > maxCharacters { chars = Array(chars.prefix(maxCharacters)) }
    return split(chars, ShellAlphabet.characters) { String($0) }
  }

  /// The one splitter, over bytes or characters: quotes group, a backslash
  /// escapes (a backslash-newline joins lines), blanks end a word, and
  /// newlines, `;`, `&`, `|`, parentheses and backquotes end a command.
  /// Generic so that the byte path (nearly every command) and the character
  /// path cannot drift apart; specialised by the compiler for each.
  static func split<E: Equatable & Sendable>(
    _ elements: [E], _ a: ShellAlphabet<E>, _ string: ([E]) -> String
  ) -> [[String]] {
    var commands: [[String]] = []
    var words: [String] = []
    var word: [E] = []
    var inWord = false
    var quote: E?
    var i = 0
    func endWord() {
      if inWord { words.append(string(word)) }
      word.removeAll(keepingCapacity: true)
      inWord = false
    }
    func endCommand() {
      endWord()
      if !words.isEmpty { commands.append(words) }
      words = []
    }
    while i < elements.count {
      let c = elements[i]
      if let q = quote {
        if c == q {
          quote = nil
        } else if c == a.backslash && q == a.doubleQuote && i + 1 < elements.count {
          i += 1
          word.append(elements[i])
        } else {
          word.append(c)
        }
        i += 1
        continue
      }
      if c == a.singleQuote || c == a.doubleQuote {
        quote = c
        inWord = true
      } else if c == a.backslash {
        if i + 1 < elements.count {
          i += 1
          if elements[i] != a.newline {
            word.append(elements[i])
            inWord = true
          }
        }
      } else if c == a.space || c == a.tab {
        endWord()
      } else if a.endsCommand(c) {
        endCommand()
      } else {
        word.append(c)
        inWord = true
      }
      i += 1
    }
    endCommand()
    return commands
  }

  /// Wrappers dropped before the command name.
  static let wrappers: Set<String> = ["sudo", "env", "exec", "time", "nice", "nohup", "command"]

  /// Whether `word` may be one of `wrappers`, all of which start with `c`,
  /// `e`, `n`, `s` or `t`: a word starting with another ASCII character
  /// equals none of them (its decomposition starts with that character too),
  /// so the set, which hashes the whole word, is consulted only for the rest.
  static func mayBeWrapper(_ word: String) -> Bool {
    guard let first = word.utf8.first, first < 0x80 else { return true }
    return first == UInt8(ascii: "c") || first == UInt8(ascii: "e") || first == UInt8(ascii: "n")
      || first == UInt8(ascii: "s") || first == UInt8(ascii: "t")
  }

  /// Drops leading `VAR=value` assignments and wrappers (`sudo`, `env`, `exec`,
  /// `time`, `nice`) so the command name comes first.
  public static func strippingPrefixes(_ words: [String]) -> [String] {
    var w = words[...]
    while let first = w.first {
      // Without an `=` byte there is no `=` character: the character checks
      // run only for the few words that may be assignments.
      if first.utf8.contains(UInt8(ascii: "=")), first.contains(Character("=")), !first.hasPrefix("-"),
        first.first?.isLetter == true || first.first == "_"
      {
        w = w.dropFirst()
      } else if mayBeWrapper(first), wrappers.contains(first) {
        w = w.dropFirst()
      } else {
        break
      }
    }
    // Nothing stripped (most commands): the words themselves, not a copy.
    return w.count == words.count ? words : Array(w)
  }
}

/// The characters the shell splitter reacts to, as bytes or as characters.
struct ShellAlphabet<E: Equatable & Sendable>: Sendable {
  let singleQuote: E
  let doubleQuote: E
  let backslash: E
  let newline: E
  let space: E
  let tab: E
  /// `; & | ( ) \``: with `newline`, each ends a simple command. Held one
  /// by one, not in an array: every ordinary character of every `RUN` line
  /// is compared with them.
  let semicolon: E
  let ampersand: E
  let pipe: E
  let openParenthesis: E
  let closeParenthesis: E
  let backquote: E

  @inline(__always)
  func endsCommand(_ c: E) -> Bool {
    c == newline || c == semicolon || c == ampersand || c == pipe || c == openParenthesis
      || c == closeParenthesis || c == backquote
  }

  static func make(_ element: (Character) -> E) -> ShellAlphabet<E> {
    ShellAlphabet(
      singleQuote: element("'"), doubleQuote: element("\""), backslash: element("\\"), newline: element("\n"),
      space: element(" "), tab: element("\t"), semicolon: element(";"), ampersand: element("&"),
      pipe: element("|"), openParenthesis: element("("), closeParenthesis: element(")"),
      backquote: element("`"))
  }
}

extension ShellAlphabet where E == UInt8 {
  static let bytes = make { $0.asciiValue! }
}

extension ShellAlphabet where E == Character {
  static let characters = make { $0 }
}
