import DeploylintCore

/// Applies findings' `TextEdit`s to one file's text. Edits are applied from
/// the end so offsets stay valid; an edit overlapping one already accepted is
/// skipped (and reported), never merged. Identical edits count once, so two
/// findings proposing the same fix do not apply it twice.
public enum FixApplier {
  public struct Result: Sendable {
    public var text: String
    public var applied: [TextEdit]
    public var skipped: [TextEdit]
  }

  public static func apply(_ edits: [TextEdit], to source: SourceFile) -> Result {
    var unique: [TextEdit] = []
    for e in edits where !unique.contains(e) { unique.append(e) }
    let located = unique.map { edit -> (start: Int, end: Int, edit: TextEdit) in
      let start = source.offset(line: edit.span.line, column: edit.span.column)
      let end = max(start, source.offset(line: edit.span.endLine, column: edit.span.endColumn))
      return (start, end, edit)
    }.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
    var accepted: [(start: Int, end: Int, edit: TextEdit)] = []
    var skipped: [TextEdit] = []
    for e in located {
      if let last = accepted.last, e.start < last.end || (e.start == last.start && e.end == last.end) {
        skipped.append(e.edit)
      } else {
        accepted.append(e)
      }
    }
    var scalars = source.scalars
    for e in accepted.reversed() {
      scalars.replaceSubrange(e.start..<e.end, with: Array(e.edit.replacement.unicodeScalars))
    }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars)
    return Result(text: String(view), applied: accepted.map(\.edit), skipped: skipped)
  }
}

/// A unified diff (`diff -u` style, 3 lines of context) of two versions of a
/// file, for `deploylint fix --dry-run`. Common leading and trailing lines are
/// trimmed first; the middle is diffed by longest common subsequence, bounded
/// (a middle longer than 2,000 lines is shown as one replacement).
public enum UnifiedDiff {
  public static func make(path: String, old: String, new: String) -> String {
    let a = lines(old)
    let b = lines(new)
    guard a != b else { return "" }
    var prefix = 0
    while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < a.count - prefix, suffix < b.count - prefix,
      a[a.count - 1 - suffix] == b[b.count - 1 - suffix]
    {
      suffix += 1
    }
    let midA = Array(a[prefix..<(a.count - suffix)])
    let midB = Array(b[prefix..<(b.count - suffix)])
    var body: [String] = []
    if midA.count <= 2000, midB.count <= 2000 {
      body = lcsDiff(midA, midB)
    } else {
      body = midA.map { "-" + $0 } + midB.map { "+" + $0 }
    }
    let before = Array(a[max(0, prefix - 3)..<prefix]).map { " " + $0 }
    let afterEnd = min(a.count, a.count - suffix + 3)
    let after = Array(a[(a.count - suffix)..<afterEnd]).map { " " + $0 }
    let oldStart = prefix - before.count + 1
    let oldCount = before.count + midA.count + after.count
    let newCount = before.count + midB.count + after.count
    let shown = path.hasPrefix("/") ? String(path.dropFirst()) : path
    var out = "--- a/\(shown)\n+++ b/\(shown)\n"
    out +=
      "@@ -\(oldCount == 0 ? oldStart - 1 : oldStart),\(oldCount) +\(newCount == 0 ? oldStart - 1 : oldStart),\(newCount) @@\n"
    for line in before + body + after { out += line + "\n" }
    return out
  }

  static func lines(_ text: String) -> [String] {
    var out = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if out.last == "" { out.removeLast() }
    return out
  }

  static func lcsDiff(_ a: [String], _ b: [String]) -> [String] {
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
      for j in stride(from: b.count - 1, through: 0, by: -1) {
        table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
      }
    }
    var out: [String] = []
    var i = 0
    var j = 0
    while i < a.count || j < b.count {
      if i < a.count, j < b.count, a[i] == b[j] {
        out.append(" " + a[i])
        i += 1
        j += 1
      } else if i < a.count, j == b.count || table[i + 1][j] >= table[i][j + 1] {
        // Removed lines come before added ones, as diff and git print them.
        out.append("-" + a[i])
        i += 1
      } else {
        out.append("+" + b[j])
        j += 1
      }
    }
    return out
  }
}
