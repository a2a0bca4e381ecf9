import DeploylintCore

/// Python web-server workers from the start command and environment:
/// gunicorn `-w N`/`--workers N`/`--workers=N`, `WEB_CONCURRENCY` (gunicorn's
/// default when set), uvicorn `--workers N`, and Heroku's buildpack default.
enum PythonRuntimeAssembly {
  static func enrich(_ service: inout Service, _ assembler: Assembler) {
    guard let start = service.startCommand else { return }
    for words in ShellWords.commands(start.text) {
      let command = ShellWords.strippingPrefixes(words)
      guard let tool = serverName(command) else { continue }
      let args = Array(command.drop { !$0.hasSuffix(tool) }.dropFirst())
      var count: Int?
      var countSource = ""
      var i = 0
      while i < args.count {
        let a = args[i]
        if a == "-w" || a == "--workers", i + 1 < args.count, let n = Saturating.parseCount(args[i + 1]) {
          count = n
          countSource = "\(tool) \(a) \(n)"
          i += 1
        } else if a.hasPrefix("--workers="), let n = Saturating.parseCount(a.dropFirst("--workers=".count)) {
          count = n
          countSource = "\(tool) \(a)"
        } else if a.hasPrefix("-w"), a.count > 2, let n = Saturating.parseCount(a.dropFirst(2)) {
          count = n
          countSource = "\(tool) \(a)"
        }
        i += 1
      }
      let preload = args.contains("--preload")
      var span = start.span
      if count == nil, tool == "gunicorn" {
        if let env = service.environment["WEB_CONCURRENCY"], let n = Saturating.parseCount(env.value) {
          count = n
          countSource = "WEB_CONCURRENCY=\(n) (\(env.source))"
          span = env.span
        } else if service.platform == .heroku,
          service.runtimeBudget.map({ $0.bytes <= 512 * Bytes.MB }) == true
        {
          // heroku-buildpack-python sets WEB_CONCURRENCY=2 on 512 MB dynos.
          count = 2
          countSource = "WEB_CONCURRENCY=2, set by Heroku's Python buildpack on 512 MB dynos"
        } else {
          count = 1
          countSource = "gunicorn's default of 1 worker"
        }
      }
      if let count {
        if let located = locate(countSource, in: start) { span = located }
        service.workers = WorkerFacts(
          count: count, span: span, server: tool, preload: preload, source: countSource)
      }
      return
    }
  }

  static func serverName(_ words: [String]) -> String? {
    for w in words.prefix(4) {
      let base = w.split(separator: "/").last.map(String.init) ?? w
      if base == "gunicorn" || base == "uvicorn" || base == "hypercorn" { return base }
    }
    return nil
  }

  /// The start command's span is the whole command; the worker flag inside a
  /// one-line command can be located exactly by column.
  static func locate(_ source: String, in start: StartCommand) -> Span? {
    guard start.span.line == start.span.endLine else { return nil }
    let flag = source.split(separator: " ").dropFirst().joined(separator: " ")
    guard !flag.isEmpty, let range = start.text.range(of: flag) else { return nil }
    // The span may include quotes around the command; find the text's offset.
    let offset = start.text.unicodeScalars.distance(
      from: start.text.unicodeScalars.startIndex,
      to: range.lowerBound.samePosition(in: start.text.unicodeScalars)!)
    let length = flag.unicodeScalars.count
    let textWidth = start.text.unicodeScalars.count
    let spanWidth = start.span.endColumn - start.span.column
    let lead = max(0, (spanWidth - textWidth) / 2)
    let column = start.span.column + lead + offset
    return Span(
      path: start.span.path, line: start.span.line, column: column, endLine: start.span.line,
      endColumn: column + length)
  }
}
