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

  /// The splitter on bytes; same states and transitions as `characterCommands`.
  static func asciiCommands(_ text: String) -> [[String]] {
    var commands: [[String]] = []
    var words: [String] = []
    var word: [UInt8] = []
    var inWord = false
    var quote: UInt8?
    let bytes = Array(text.utf8.prefix(maxCharacters))
    var i = 0
    func endWord() {
      if inWord { words.append(String(decoding: word, as: UTF8.self)) }
      word.removeAll(keepingCapacity: true)
      inWord = false
    }
    func endCommand() {
      endWord()
      if !words.isEmpty { commands.append(words) }
      words = []
    }
    while i < bytes.count {
      let c = bytes[i]
      if let q = quote {
        if c == q {
          quote = nil
        } else if c == UInt8(ascii: "\\") && q == UInt8(ascii: "\"") && i + 1 < bytes.count {
          i += 1
          word.append(bytes[i])
        } else {
          word.append(c)
        }
        i += 1
        continue
      }
      switch c {
      case UInt8(ascii: "'"), UInt8(ascii: "\""):
        quote = c
        inWord = true
      case UInt8(ascii: "\\"):
        if i + 1 < bytes.count {
          i += 1
          if bytes[i] != UInt8(ascii: "\n") {
            word.append(bytes[i])
            inWord = true
          }
        }
      case UInt8(ascii: " "), UInt8(ascii: "\t"):
        endWord()
      case UInt8(ascii: "\n"), UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "("),
        UInt8(ascii: ")"), UInt8(ascii: "`"):
        endCommand()
      default:
        word.append(c)
        inWord = true
      }
      i += 1
    }
    endCommand()
    return commands
  }

  /// The splitter on characters, for text with non-ASCII bytes or `\r`.
  static func characterCommands(_ text: String) -> [[String]] {
    var commands: [[String]] = []
    var words: [String] = []
    var word = ""
    var inWord = false
    var quote: Character?
    var chars = Array(text)
    if chars.count > maxCharacters { chars = Array(chars.prefix(maxCharacters)) }
    var i = 0
    func endWord() {
      if inWord { words.append(word) }
      word = ""
      inWord = false
    }
    func endCommand() {
      endWord()
      if !words.isEmpty { commands.append(words) }
      words = []
    }
    while i < chars.count {
      let c = chars[i]
      if let q = quote {
        if c == q {
          quote = nil
        } else if c == "\\" && q == "\"" && i + 1 < chars.count {
          i += 1
          word.append(chars[i])
        } else {
          word.append(c)
        }
        i += 1
        continue
      }
      switch c {
      case "'", "\"":
        quote = c
        inWord = true
      case "\\":
        if i + 1 < chars.count {
          i += 1
          if chars[i] != "\n" {
            word.append(chars[i])
            inWord = true
          }
        }
      case " ", "\t":
        endWord()
      case "\n", ";", "&", "|", "(", ")", "`":
        endCommand()
      default:
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

  /// Drops leading `VAR=value` assignments and wrappers (`sudo`, `env`, `exec`,
  /// `time`, `nice`) so the command name comes first.
  public static func strippingPrefixes(_ words: [String]) -> [String] {
    var w = words[...]
    while let first = w.first {
      if first.contains(Character("=")), !first.hasPrefix("-"),
        first.first?.isLetter == true || first.first == "_"
      {
        w = w.dropFirst()
      } else if wrappers.contains(first) {
        w = w.dropFirst()
      } else {
        break
      }
    }
    return Array(w)
  }
}
