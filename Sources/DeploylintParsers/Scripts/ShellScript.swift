import DeploylintCore

/// A shell script of the repository as a start command runs it: its logical
/// lines (continuations and multi-line quotes joined; comments, blank lines
/// and heredoc bodies dropped), each located, with whether it runs on every
/// start at the top level. Nothing is executed or expanded.
public struct ShellScript: Sendable {
  public struct Line: Sendable, Hashable {
    /// The line's text, continuations joined, comment removed.
    public var text: String
    /// From the line's first character to its last (across continuations).
    public var span: Span
    /// Its simple commands, each as its words (quotes removed).
    public var commands: [[String]]
    /// Whether the line runs on every start: outside `if`/`case`/loops,
    /// `{ … }` groups and function bodies, and opening none of them.
    public var isTopLevel: Bool
  }

  public var lines: [Line] = []
  /// The `#!` line's interpreter and arguments (`/bin/sh`, `/usr/bin/env bash`).
  public var shebang: String?
  /// Whether lines past `maxLines` (or text past `maxCharacters`) were left unread.
  public var truncated = false

  /// Start scripts are small: a longer one is read only this far.
  public static let maxLines = 5000
  public static let maxCharacters = 512 * 1024

  public init() {}

  public static func parse(_ source: SourceFile) -> ShellScript {
    var script = ShellScript()
    var depth = 0
    var heredocEnd: (delimiter: String, stripTabs: Bool)?
    var pending = ""
    var pendingStart: Int?
    var pendingInQuote = false
    var quote: Character?
    let last = min(source.lineCount, maxLines)
    script.truncated = source.lineCount > maxLines
    var line = 0
    while line < last {
      line += 1
      if source.lineStarts[line - 1] >= maxCharacters {
        script.truncated = true
        break
      }
      let raw = source.line(line)
      if let end = heredocEnd {
        let candidate = end.stripTabs ? String(raw.drop { $0 == "\t" }) : raw
        if candidate == end.delimiter { heredocEnd = nil }
        continue
      }
      if line == 1, raw.hasPrefix("#!") {
        script.shebang = trimmed(String(raw.dropFirst(2)))
        continue
      }
      let piece = stripComment(raw, quote: quote)
      quote = piece.openQuote
      if pendingStart == nil {
        if trimmed(piece.kept).isEmpty && !piece.continues && piece.openQuote == nil { continue }
        pendingStart = line
        pending = piece.kept
      } else {
        // A continuation joins with one space; a quote spanning lines keeps its newline.
        pending = pendingInQuote ? pending + "\n" + piece.kept : trimmed(pending) + " " + trimmed(piece.kept)
      }
      pendingInQuote = piece.openQuote != nil
      if piece.continues || piece.openQuote != nil { continue }
      let first = pendingStart ?? line
      pendingStart = nil
      let text = trimmed(pending)
      let start = source.offset(line: first, column: 1) + leadingBlanks(source.line(first))
      let span = source.span(from: start, to: source.lineContentEnd(line))
      let commands = ShellWords.commands(text)
      let effect = blockEffect(commands)
      let before = max(0, depth - effect.leadingClosers)
      script.lines.append(
        Line(text: text, span: span, commands: commands, isTopLevel: before == 0 && !effect.opens))
      depth = max(0, depth + effect.net)
      if let here = heredoc(in: text) { heredocEnd = here }
    }
    if pendingStart != nil { script.truncated = true }
    return script
  }

  /// The line without its comment; whether it ends in a line continuation;
  /// the quote still open at its end (a string that spans lines).
  static func stripComment(_ line: String, quote: Character?) -> (
    kept: String, continues: Bool, openQuote: Character?
  ) {
    var quote = quote
    var kept = ""
    var previous: Character? = quote == nil ? nil : "x"
    var escaped = false
    for c in line {
      if escaped {
        kept.append(c)
        escaped = false
        previous = c
        continue
      }
      if let q = quote {
        if c == q {
          quote = nil
        } else if c == "\\", q == "\"" {
          escaped = true
        }
        kept.append(c)
        previous = c
        continue
      }
      switch c {
      case "'", "\"": quote = c
      case "\\": escaped = true
      case "#" where " \t;&|(".contains(previous ?? " "):
        return (kept, false, nil)
      default: break
      }
      kept.append(c)
      previous = c
    }
    if escaped {
      // A backslash at the end of the line continues it.
      kept.removeLast()
      return (kept, true, quote)
    }
    return (kept, false, quote)
  }

  /// How a line's commands open and close blocks: `if`, loops, `case`,
  /// `{`, `function name`; closed by `fi`, `done`, `esac`, `}`.
  static func blockEffect(_ commands: [[String]]) -> (opens: Bool, leadingClosers: Int, net: Int) {
    var opens = false
    var leading = 0
    var net = 0
    var sawOther = false
    for words in commands {
      guard let word = words.first else { continue }
      switch word {
      case "if", "for", "while", "until", "case", "select", "{", "function":
        opens = true
        net += 1
        sawOther = true
      case "fi", "done", "esac", "}":
        net -= 1
        if !sawOther { leading += 1 }
      default:
        sawOther = true
      }
    }
    return (opens, leading, net)
  }

  /// The delimiter of a heredoc the line starts (`<<EOF`, `<<-'END'`), not a
  /// here-string (`<<<`).
  static func heredoc(in text: String) -> (delimiter: String, stripTabs: Bool)? {
    let scalars = Array(text)
    guard
      let at = scalars.indices.first(where: {
        $0 + 1 < scalars.count && scalars[$0] == "<" && scalars[$0 + 1] == "<"
      })
    else { return nil }
    var rest = scalars[(at + 2)...]
    if rest.first == "<" { return nil }
    var stripTabs = false
    if rest.first == "-" {
      stripTabs = true
      rest = rest.dropFirst()
    }
    rest = rest.drop { $0 == " " || $0 == "\t" }
    let word = rest.prefix { !" \t;&|<>()".contains($0) }
    let delimiter = word.filter { $0 != "'" && $0 != "\"" && $0 != "\\" }
    return delimiter.isEmpty ? nil : (String(delimiter), stripTabs)
  }

  static func trimmed(_ s: String) -> String {
    var t = Substring(s)
    while let f = t.first, f == " " || f == "\t" { t = t.dropFirst() }
    while let l = t.last, l == " " || l == "\t" { t = t.dropLast() }
    return String(t)
  }

  static func leadingBlanks(_ s: String) -> Int {
    s.unicodeScalars.prefix { $0 == " " || $0 == "\t" }.count
  }
}
