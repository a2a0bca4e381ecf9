import DeploylintCore

/// One module a Python file imports: its top-level package (`torch` for
/// `import torch.nn as nn`, `transformers` for `from transformers import pipeline`).
public struct PythonImport: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    /// `import x`, `from x import y`.
    case statement
    /// `python -m x` written in the file (a subprocess runs the module).
    case runsModule
  }
  /// The top-level module name as written.
  public var module: String
  public var span: Span
  public var kind: Kind = .statement
}

/// Reads the `import` statements of a Python file: `import a.b as c, d`,
/// `from a.b import x` (relative imports, `from . import x`, are the file's
/// own package and skipped), at any indentation (imports inside functions
/// and `try:` blocks load the module too when they run). Statements split
/// across lines with parentheses are read from their first line. A module
/// run in a subprocess (`["python", "-m", "kokoro", …]`, `"python -m kokoro"`)
/// counts too: it is loaded, in another process of the same container.
/// Line-based and linear; at most `maxImports` are kept per file.
public enum PythonImports {
  public static let maxImports = 1_000

  public static func read(_ file: SourceFile) -> [PythonImport] {
    var imports: [PythonImport] = []
    let s = file.scalars
    for start in file.lineStarts {
      guard imports.count < maxImports else { break }
      var i = start
      while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 }
      func word(_ text: String) -> Bool {
        let w = Array(text.unicodeScalars)
        guard i + w.count < s.count, Array(s[i..<i + w.count]) == w else { return false }
        return s[i + w.count] == " " || s[i + w.count] == "\t"
      }
      func skipBlanks() { while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 } }
      /// Reads a dotted name at `i`, returning the top-level part and its offsets.
      func dottedName() -> (String, Int, Int)? {
        let begin = i
        while i < s.count, s[i].properties.isXIDContinue || s[i] == "." { i += 1 }
        guard i > begin, s[begin].properties.isXIDStart || s[begin] == "_" else { return nil }
        var end = begin
        while end < i, s[end] != "." { end += 1 }
        return (file.text(from: begin, to: end), begin, end)
      }
      if i < s.count, s[i] == "#" { continue }
      runModules(file, from: i, into: &imports)
      if word("from") {
        i += 4
        skipBlanks()
        guard let (name, a, b) = dottedName() else { continue }
        skipBlanks()
        guard word("import") else { continue }
        imports.append(PythonImport(module: name, span: file.span(from: a, to: b)))
      } else if word("import") {
        i += 6
        while imports.count < maxImports {
          skipBlanks()
          if i < s.count, s[i] == "(" { i += 1 }
          skipBlanks()
          guard let (name, a, b) = dottedName() else { break }
          imports.append(PythonImport(module: name, span: file.span(from: a, to: b)))
          // ` as alias`, then `,` for the next module.
          while i < s.count, s[i] != ",", s[i] != "\n", s[i] != "\r", s[i] != "#", s[i] != ";" { i += 1 }
          guard i < s.count, s[i] == "," else { break }
          i += 1
        }
      }
    }
    return imports
  }

  /// `-m module` anywhere on the line starting at `start`, after a space,
  /// quote or bracket and followed by spaces, quotes or commas.
  static func runModules(_ file: SourceFile, from start: Int, into imports: inout [PythonImport]) {
    let s = file.scalars
    let separators: Set<Unicode.Scalar> = [" ", "\"", "'", ","]
    var j = start
    while j + 2 < s.count, s[j] != "\n", s[j] != "\r", imports.count < maxImports {
      defer { j += 1 }
      guard s[j] == "-", s[j + 1] == "m", separators.contains(s[j + 2]),
        j > 0 && (separators.contains(s[j - 1]) || s[j - 1] == "[")
      else { continue }
      var k = j + 2
      while k < s.count, separators.contains(s[k]) { k += 1 }
      let begin = k
      while k < s.count, s[k].properties.isXIDContinue { k += 1 }
      guard k > begin, s[begin].properties.isXIDStart || s[begin] == "_" else { continue }
      imports.append(
        PythonImport(
          module: file.text(from: begin, to: k), span: file.span(from: begin, to: k), kind: .runsModule))
      j = k - 1
    }
  }
}
