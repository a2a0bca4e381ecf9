import DeploylintCore
import DeploylintParsers

/// Python web-server workers from the start command, gunicorn's configuration
/// file and the environment. gunicorn's precedence: the command line
/// (`-w N`, `--workers N`), then the config file it reads (`-c FILE`, else
/// `gunicorn.conf.py` in its working directory), then `WEB_CONCURRENCY`, then
/// Heroku's buildpack default, then 1. uvicorn and hypercorn read `--workers`.
enum PythonRuntimeAssembly {
  static func enrich(_ service: inout Service, _ assembler: Assembler) {
    guard let start = service.processCommand else { return }
    for words in ShellWords.commands(start.text) {
      let command = ShellWords.strippingPrefixes(words)
      guard let tool = serverName(command) else { continue }
      let args = Array(command.drop { !$0.hasSuffix(tool) }.dropFirst())
      var count: Int?
      var countSource = ""
      var origin = CountOrigin.declared
      var threads: Located<Int>?
      var configPath: String?
      var i = 0
      while i < args.count {
        let a = args[i]
        let next = i + 1 < args.count ? args[i + 1] : nil
        if a == "-w" || a == "--workers", let next, let n = Saturating.parseCount(next) {
          count = n
          countSource = "\(tool) \(a) \(n)"
          i += 1
        } else if a.hasPrefix("--workers="), let n = Saturating.parseCount(a.dropFirst("--workers=".count)) {
          count = n
          countSource = "\(tool) \(a)"
        } else if a.hasPrefix("-w"), a.count > 2, let n = Saturating.parseCount(a.dropFirst(2)) {
          count = n
          countSource = "\(tool) \(a)"
        } else if a == "--threads", let next, let n = Int(next) {
          threads = Located(
            n, span: locate("--threads \(next)", in: start, assembler) ?? start.span, text: "--threads \(n)")
          i += 1
        } else if a == "-c" || a == "--config", let next {
          configPath = next
          i += 1
        } else if a.hasPrefix("--config=") {
          configPath = String(a.dropFirst("--config=".count))
        }
        i += 1
      }
      var preload = args.contains("--preload")
      var span = start.span
      var configSpan: Span?
      // gunicorn's configuration file: `-c FILE`, else ./gunicorn.conf.py.
      if tool == "gunicorn", let (path, file) = gunicornConfig(configPath, service, assembler) {
        let config = file.config
        if config["preload"] != nil { preload = true }
        if threads == nil, let t = config["threads"], case .literal(let n)? = config.resolved("threads") {
          threads = Located(n, span: t.span, text: "threads = \(t.value)")
        }
        if count == nil, let w = config["workers"], let e = config.resolved("workers") {
          let display = assembler.workspace.displayPath(path)
          switch e {
          case .literal(let n):
            count = n
            countSource = "workers = \(w.value) in \(display)"
            configSpan = w.span
          case .environment(let name, let fallback):
            if let v = service.environment[name], let n = Int(v.value) {
              count = n
              countSource = "\(name)=\(n) (\(v.source)), read by `workers = \(w.value)` in \(display)"
              configSpan = w.span
            } else if let fallback, name != "WEB_CONCURRENCY" || service.platform != .heroku {
              count = fallback
              countSource = "workers = \(w.value) in \(display) (\(name) unset: \(fallback))"
              configSpan = w.span
            }
          case .cpuCount(let multiplier, let add):
            let cpus = declaredHostCPUs(service, assembler)
            count = multiplier * max(1, cpus ?? 1) + add
            origin = .hostCPUs
            countSource =
              cpus.map { "workers = \(w.value) in \(display), with the host's \($0) CPUs" }
              ?? "workers = \(w.value) in \(display): at least \(multiplier + add), one CPU or more reported by the host"
            configSpan = w.span
          case .variable, .unknown:
            break
          }
        }
        if let located = locate("\(configPath ?? "")", in: start, assembler), configPath != nil {
          span = located
        }
      }
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
          origin = .documentedDefault
        } else {
          count = 1
          countSource = "gunicorn's default of 1 worker"
          origin = .documentedDefault
        }
      }
      if let count {
        if configSpan == nil, let located = locate(countSource, in: start, assembler) { span = located }
        var workers = WorkerFacts(
          count: count, span: span, server: tool, preload: preload, source: countSource)
        workers.origin = origin
        workers.threads = threads
        workers.configSpan = configSpan
        service.workers = workers
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

  /// The gunicorn configuration file the command reads: the one `-c` names
  /// (relative to the service's folder, else by base name there), else
  /// `gunicorn.conf.py` in that folder.
  static func gunicornConfig(_ named: String?, _ service: Service, _ assembler: Assembler) -> (
    String, ServerConfigFile
  )? {
    let folder = service.build.contextPath
    let configs = assembler.workspace[.serverConfigs]
    var candidates: [String] = []
    if let named, !named.hasPrefix("python:") {
      candidates = [joinPath(folder, named), joinPath(folder, named.baseName)]
    } else {
      candidates = [joinPath(folder, "gunicorn.conf.py")]
    }
    for path in candidates {
      if let file = configs[path], file.format == .gunicorn { return (path, file) }
    }
    return nil
  }

  /// The CPU count the host reports, when `.deploylint.yml` declares the host
  /// (`host.cpus`) and the service runs on it.
  static func declaredHostCPUs(_ service: Service, _ assembler: Assembler) -> Int? {
    guard service.platform == .compose || service.platform == .generic || service.platform == nil,
      let cpus = assembler.workspace.config.host?.cpus?.value
    else { return nil }
    return max(1, Int(cpus.rounded(.up)))
  }

  /// The start command's span is the whole command; a flag inside a one-line
  /// command can be located exactly by column.
  static func locate(_ source: String, in start: StartCommand, _ assembler: Assembler? = nil) -> Span? {
    let flag = source.split(separator: " ").dropFirst().joined(separator: " ")
    let needle = flag.isEmpty ? source : flag
    // Where the flag is written in the file, when it is (a command inside a
    // `sh -c` string, or one that spans lines).
    if !needle.isEmpty, let found = assembler?.locate(needle, in: start.span) { return found }
    guard start.span.line == start.span.endLine else { return nil }
    guard !needle.isEmpty, let range = start.text.firstRange(of: needle) else { return nil }
    // The span may include quotes around the command; find the text's offset.
    let offset = start.text.unicodeScalars.distance(
      from: start.text.unicodeScalars.startIndex,
      to: range.lowerBound.samePosition(in: start.text.unicodeScalars)!)
    let length = needle.unicodeScalars.count
    let textWidth = start.text.unicodeScalars.count
    let spanWidth = start.span.endColumn - start.span.column
    let lead = max(0, (spanWidth - textWidth) / 2)
    let column = start.span.column + lead + offset
    return Span(
      path: start.span.path, line: start.span.line, column: column, endLine: start.span.line,
      endColumn: column + length)
  }
}
