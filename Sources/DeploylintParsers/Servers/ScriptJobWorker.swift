import DeploylintCore

/// A queue worker created in a JavaScript or TypeScript file: BullMQ's
/// `new Worker(name, processor, { concurrency: N })` or Bee-Queue's
/// `queue.process(N, handler)`. Read as text, never executed.
public struct ScriptJobWorker: Sendable, Hashable {
  /// "BullMQ" or "Bee-Queue".
  public var library: String
  /// The concurrency written, when one is (else the library's default of 1).
  public var concurrency: Located<Int>?
  /// Where the worker is created.
  public var span: Span

  public init(library: String, concurrency: Located<Int>?, span: Span) {
    self.library = library
    self.concurrency = concurrency
    self.span = span
  }

  /// The workers a file creates. BullMQ is recognised by its import; the
  /// `concurrency:` that follows `new Worker(` (within 40 lines) is its option.
  public static func scan(_ file: SourceFile) -> [ScriptJobWorker] {
    let text = file.text
    guard text.contains("bullmq") || text.contains("bee-queue") else { return [] }
    var result: [ScriptJobWorker] = []
    let lines = min(file.lineCount, 20_000)
    guard lines > 0 else { return [] }
    var line = 1
    while line <= lines {
      let content = file.line(line)
      if text.contains("bullmq"), let r = content.firstRange(of: "new Worker(") {
        let column = content[..<r.lowerBound].unicodeScalars.count + 1
        let span = Span(
          path: file.path, line: line, column: column, endLine: line,
          endColumn: column + "new Worker".unicodeScalars.count)
        var concurrency: Located<Int>?
        var l = line
        while l <= min(lines, line + 40) {
          let c = file.line(l)
          if l > line, c.contains("new Worker(") { break }
          if let k = c.firstRange(of: "concurrency:") {
            let after = c[k.upperBound...].drop { $0 == " " }
            let digits = after.prefix { $0.isASCII && $0.isNumber }
            if let n = Int(digits), digits.count <= 6 {
              let col = c[..<k.lowerBound].unicodeScalars.count + 1
              let end = c[..<after.startIndex].unicodeScalars.count + digits.unicodeScalars.count + 1
              concurrency = Located(
                n, span: Span(path: file.path, line: l, column: col, endLine: l, endColumn: end),
                text: "concurrency: \(digits)")
            }
            break
          }
          l += 1
        }
        result.append(ScriptJobWorker(library: "BullMQ", concurrency: concurrency, span: span))
      } else if text.contains("bee-queue"), let r = content.firstRange(of: ".process(") {
        let after = content[r.upperBound...].drop { $0 == " " }
        let digits = after.prefix { $0.isASCII && $0.isNumber }
        let column = content[..<r.lowerBound].unicodeScalars.count + 2
        let span = Span(
          path: file.path, line: line, column: column, endLine: line, endColumn: column + "process".count)
        let concurrency = Int(digits).flatMap { n -> Located<Int>? in
          guard digits.count <= 6 else { return nil }
          return Located(n, span: span, text: ".process(\(digits), …)")
        }
        result.append(ScriptJobWorker(library: "Bee-Queue", concurrency: concurrency, span: span))
      }
      line += 1
    }
    return result
  }
}
