/// A minimal POSIX-shell word splitter for `RUN` lines and start commands:
/// enough to find `pip install x` or `gunicorn -w 4` inside `a && b; c | d`.
/// It never executes or expands anything.
enum ShellWords {
  /// The simple commands of a shell string, each as its words (quotes removed).
  static func commands(_ text: String) -> [[String]] {
    var commands: [[String]] = []
    var words: [String] = []
    var word = ""
    var inWord = false
    var quote: Character?
    var chars = Array(text)
    if chars.count > 1_000_000 { chars = Array(chars.prefix(1_000_000)) }
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

  /// Drops leading `VAR=value` assignments and wrappers (`sudo`, `env`, `exec`,
  /// `time`, `nice`) so the command name comes first.
  static func strippingPrefixes(_ words: [String]) -> [String] {
    var w = words[...]
    while let first = w.first {
      if first.contains("="), !first.hasPrefix("-"), first.first?.isLetter == true || first.first == "_" {
        w = w.dropFirst()
      } else if ["sudo", "env", "exec", "time", "nice", "nohup", "command"].contains(first) {
        w = w.dropFirst()
      } else {
        break
      }
    }
    return Array(w)
  }
}
