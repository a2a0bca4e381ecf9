import DeploylintCore

/// Compiler-style text:
///
/// ```
/// render.yaml:4:11: error[rule-id]: message
///   4 |     plan: free
///     |           ^~~~
/// help: first line of the fix
/// note: Dockerfile:12:1: related location
///
/// 1 error, 0 warnings, 0 notes in 2 files (1 service)
/// ```
///
/// Scanned text (paths, messages, excerpts) goes through `VisibleText`, so no
/// control character reaches the terminal raw. Colour only when asked.
public struct TextReporter: Reporter {
  /// A tab in an excerpt is shown as this many spaces; the caret line uses the
  /// same widths, so it stays under the span.
  public static let tabWidth = 4
  /// At most this many lines of a multi-line span are shown.
  public static let maxExcerptLines = 3
  /// At most this many cells of a line are shown (`…` marks what is cut).
  public static let maxExcerptCells = 200
  /// Cells shown before the span's start when a long line is cut.
  static let excerptLeadCells = 40

  public init() {}

  public func render(_ report: Report, options: ReporterOptions) -> String {
    let style = Style(enabled: options.color)
    var out = ""
    for finding in Canonical.findings(report) {
      out += header(finding, style)
      if let source = report.sources[finding.span.path] {
        out += excerpt(finding.span, source: source, severity: finding.severity, style)
      }
      for entry in finding.help {
        for (i, line) in lines(of: entry).enumerated() {
          out += (i == 0 ? style.bold("help:") + " " : "      ") + VisibleText.make(line) + "\n"
        }
      }
      for related in finding.related {
        out +=
          style.color(.cyan, style.bold("note:")) + " " + location(related.span) + ": "
          + VisibleText.make(related.message) + "\n"
      }
      out += "\n"
    }
    for note in Canonical.notifications(report) {
      out +=
        VisibleText.make(note.path) + ": " + style.color(.yellow, style.bold("warning"))
        + ": could not read: " + VisibleText.make(note.message) + "\n"
    }
    out += style.bold(Tally(report).sentence) + "\n"
    if let b = report.baseline {
      let stale = b.stale == 1 ? "1 stale entry" : "\(b.stale) stale entries"
      out += "baseline: \(plural(b.baselined, "finding")) baselined, \(stale) (fixed or changed)\n"
    }
    return out
  }

  private func header(_ f: Finding, _ style: Style) -> String {
    let severity = style.color(Style.color(of: f.severity), f.severity.rawValue)
    return style.bold(
      location(f.span) + ": " + severity + "[" + VisibleText.make(f.ruleID) + "]: "
        + VisibleText.make(f.message)) + "\n"
  }

  private func location(_ span: Span) -> String {
    VisibleText.make(span.path) + ":\(span.line):\(span.column)"
  }

  /// Splits at `\n`, `\r\n` and lone `\r`.
  private func lines(of text: String) -> [String] {
    text.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  /// The span's line(s) with a gutter, and a caret line under the first one.
  func excerpt(_ span: Span, source: SourceFile, severity: Severity, _ style: Style) -> String {
    guard span.line >= 1, span.line <= source.lineCount else { return "" }
    var lastLine = max(span.line, min(span.endLine, source.lineCount))
    // A span that ends at column 1 of a line does not touch that line.
    if lastLine > span.line, span.endLine == lastLine, span.endColumn <= 1 { lastLine -= 1 }
    lastLine = min(lastLine, span.line + TextReporter.maxExcerptLines - 1)
    let width = String(lastLine).count
    let blankGutter = "  " + String(repeating: " ", count: width) + " |"
    var out = ""
    for number in span.line...lastLine {
      let lineStart = source.offset(line: number, column: 1)
      let count = source.lineContentEnd(number) - lineStart
      let label = String(number)
      let gutter = "  " + String(repeating: " ", count: width - label.count) + label + " |"
      // Columns are 1-based scalar indices; clamp to the line (+1 for an
      // insertion point just past its end).
      let start = min(max(span.column, 1), count + 1) - 1
      let shown = TextReporter.window(count, around: number == span.line ? start : 0)
      // Only the shown scalars become cells: a long line costs its window.
      let cells = displayCells(
        source.scalars[(lineStart + shown.lowerBound)..<(lineStart + shown.upperBound)])
      let head = shown.lowerBound > 0 ? "…" : ""
      let tail = shown.upperBound < count ? "…" : ""
      let body = head + cells.joined() + tail
      out += style.dim(gutter) + (body.isEmpty ? "" : " " + body) + "\n"
      guard number == span.line else { continue }
      let end = span.endLine > span.line ? count : min(max(span.endColumn - 1, start), count)
      // Indices into `cells`, which begin at the window's start.
      let from = start - shown.lowerBound
      let to = max(from, min(end, shown.upperBound) - shown.lowerBound)
      let pad = head.count + cells[..<from].reduce(0) { $0 + $1.count }
      let length = max(1, cells[from..<to].reduce(0) { $0 + $1.count })
      let marks = "^" + String(repeating: "~", count: length - 1)
      out +=
        style.dim(blankGutter) + " " + String(repeating: " ", count: pad)
        + style.color(Style.color(of: severity), marks) + "\n"
    }
    return out
  }

  /// The cells of a line that an excerpt shows: all of a short line; of a long
  /// one (minified JSON, a 10 MB `RUN`), a window that starts a little before
  /// `start`, so that one hostile line cannot turn the report into megabytes.
  static func window(_ count: Int, around start: Int) -> Range<Int> {
    guard count > maxExcerptCells else { return 0..<count }
    let lower = max(0, min(start - excerptLeadCells, count - maxExcerptCells))
    return lower..<(lower + maxExcerptCells)
  }

  /// What each scalar of a line is shown as: itself, spaces for a tab, or its
  /// visible escape.
  private func displayCells(_ line: ArraySlice<Unicode.Scalar>) -> [String] {
    line.map { s in
      if s == "\t" { return String(repeating: " ", count: TextReporter.tabWidth) }
      if VisibleText.isUnsafe(s) { return VisibleText.escape(s) }
      return String(s)
    }
  }
}

extension String {
  /// `\r\n` and lone `\r` turned into `\n`.
  func replacingCRLF() -> String {
    var out = String.UnicodeScalarView()
    var previousCR = false
    for s in unicodeScalars {
      if s == "\r" {
        out.append("\n")
        previousCR = true
        continue
      }
      if s == "\n", previousCR {
        previousCR = false
        continue
      }
      previousCR = false
      out.append(s)
    }
    return String(out)
  }
}

/// ANSI styling that is a no-op when colour is off.
struct Style {
  enum Color: Int {
    case red = 31
    case yellow = 33
    case cyan = 36
  }
  var enabled: Bool

  static func color(of severity: Severity) -> Color {
    switch severity {
    case .error: .red
    case .warning: .yellow
    case .note: .cyan
    }
  }

  func bold(_ s: String) -> String { enabled ? "\u{1B}[1m" + s + "\u{1B}[0m" : s }
  func dim(_ s: String) -> String { enabled ? "\u{1B}[2m" + s + "\u{1B}[22m" : s }
  func color(_ c: Color, _ s: String) -> String {
    enabled ? "\u{1B}[\(c.rawValue)m" + s + "\u{1B}[39m" : s
  }
}
