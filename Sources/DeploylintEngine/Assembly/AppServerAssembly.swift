import DeploylintCore
import DeploylintParsers

/// Ruby and PHP application servers and their worker processes: Puma
/// (`puma`, `rails server`; `-w`, `-t`, `config/puma.rb`, `WEB_CONCURRENCY`),
/// Unicorn (`worker_processes`), Passenger (`--max-pool-size`, default 6)
/// and PHP-FPM (`pm.max_children`, default 5 in the stock `www.conf`, each
/// child up to `memory_limit`). Python servers are read by `PythonRuntimeAssembly`.
enum AppServerAssembly {
  @Sendable static func enrich(_ service: inout Service, _ assembler: Assembler) {
    guard service.workers == nil else { return }
    if let start = service.processCommand {
      for words in ShellWords.commands(start.text) {
        let command = ShellWords.strippingPrefixes(words).drop { $0 == "bundle" || $0 == "exec" }
        guard let first = command.first else { continue }
        let name = first.split(separator: "/").last.map(String.init) ?? first
        let args = Array(command.dropFirst())
        var found: WorkerFacts?
        switch name {
        case "puma": found = puma(args, start: start, service, assembler)
        case "rails" where ["s", "server"].contains(args.first ?? ""):
          found = puma(Array(args.dropFirst()), start: start, service, assembler, viaRails: true)
        case "unicorn", "unicorn_rails": found = unicorn(args, start: start, service, assembler)
        case "passenger" where args.first == "start": found = passenger(args, start: start)
        case "php-fpm", "php-fpm8", "php-fpm7": found = phpFPM(start.span, service, assembler)
        default: break
        }
        if let found {
          service.workers = found
          return
        }
      }
    }
    // The official `php:*-fpm` images start php-fpm without a command.
    if service.imageReferences.contains(where: isPHPFPMImage) {
      service.workers = phpFPM(service.compose?.image?.span ?? service.span, service, assembler)
    }
  }

  static func isPHPFPMImage(_ reference: String) -> Bool {
    let repository = ImageReference.repository(reference)
    if repository == "bitnami/php-fpm" { return true }
    guard repository == "php", let tag = JVMAssembly.tag(of: reference) else { return false }
    return tag.contains("fpm")
  }

  // MARK: Puma

  static func puma(
    _ args: [String], start: StartCommand, _ service: Service, _ assembler: Assembler, viaRails: Bool = false
  ) -> WorkerFacts? {
    var count: Int?
    var source = ""
    var span = start.span
    var origin = CountOrigin.declared
    var threads: Located<Int>?
    var configPath = "config/puma.rb"
    var i = 0
    while i < args.count {
      let a = args[i]
      let next = i + 1 < args.count ? args[i + 1] : nil
      if a == "-w" || a == "--workers", let next, let n = Saturating.parseCount(next) {
        count = n
        source = "puma \(a) \(next)"
        span = assembler.locate(next, in: start.span) ?? span
        i += 1
      } else if a == "-t" || a == "--threads", let next {
        if let max = next.split(separator: ":").last.flatMap({ Saturating.parseCount($0) }) {
          threads = Located(
            max, span: assembler.locate(next, in: start.span) ?? start.span, text: "\(a) \(next)")
        }
        i += 1
      } else if a == "-C" || a == "--config", let next {
        configPath = next
        i += 1
      }
      i += 1
    }
    let config = rubyConfig(configPath, service, assembler)
    var configSpan: Span?
    if count == nil, let (display, file) = config, let w = file.config["workers"] {
      if let (n, why, o) = resolve(file.config.resolved("workers"), service, assembler) {
        count = n
        source = "`workers \(w.value)` in \(display)\(why)"
        origin = o
        configSpan = w.span
      }
    }
    if threads == nil, let (_, file) = config, let t = file.config["threads"],
      let (n, _, _) = resolve(file.config.resolved("threads"), service, assembler)
    {
      threads = Located(n, span: t.span, text: "threads \(t.value)")
    }
    if count == nil, let v = service.environment["WEB_CONCURRENCY"], let n = Saturating.parseCount(v.value) {
      // Puma reads WEB_CONCURRENCY as its worker count.
      count = n
      source = "WEB_CONCURRENCY=\(n) (\(v.source))"
      span = v.span
    }
    if threads == nil {
      // Puma's default: 5 threads on MRI (`PUMA_MAX_THREADS` or 5).
      threads = Located(5, span: start.span, text: "Puma's default of 5 threads")
    }
    let workers = count ?? 0
    var facts = WorkerFacts(
      count: max(1, workers), span: configSpan == nil ? span : start.span, server: "puma",
      preload: pumaPreloads(
        config?.1.config, workers: workers, workersOnCommandLine: source.hasPrefix("puma -"), service,
        assembler),
      source: workers >= 1
        ? source : "Puma in single mode (no `workers`): one process\(viaRails ? " (`rails server`)" : "")")
    facts.runtime = .ruby
    facts.origin = workers >= 1 ? origin : .documentedDefault
    facts.threads = threads
    facts.hasMaster = workers >= 1
    facts.configSpan = configSpan
    return facts
  }

  /// Whether Puma loads the app before forking: `preload_app!` (or
  /// `preload_app! false`) when written; else, in cluster mode without
  /// `fork_worker`, Puma 7+ preloads by default, and Puma 5–6 did so only
  /// for workers given on the command line (puma/puma#3044); the version is
  /// the one Gemfile.lock locks.
  static func pumaPreloads(
    _ config: ServerConfig?, workers: Int, workersOnCommandLine: Bool, _ service: Service,
    _ assembler: Assembler
  ) -> Bool {
    if let written = config?["preload"] { return written.expression == .literal(1) }
    guard workers >= 2, config?["fork_worker"] == nil,
      let lock = assembler.workspace[.serverConfigs][joinPath(service.build.contextPath, "Gemfile.lock")],
      lock.format == .gemfileLock, case .literal(let major)? = lock.config["puma"]?.expression
    else { return false }
    return major >= 7 || (major >= 5 && workersOnCommandLine)
  }

  // MARK: Unicorn

  static func unicorn(
    _ args: [String], start: StartCommand, _ service: Service, _ assembler: Assembler
  ) -> WorkerFacts? {
    var configPath: String?
    if let i = args.firstIndex(where: { $0 == "-c" || $0 == "--config-file" }), i + 1 < args.count {
      configPath = args[i + 1]
    }
    var facts = WorkerFacts(
      count: 1, span: start.span, server: "unicorn", preload: false,
      source: "Unicorn's default of 1 worker process")
    facts.origin = .documentedDefault
    if let path = configPath, let (display, file) = rubyConfig(path, service, assembler),
      let w = file.config["workers"],
      let (n, why, origin) = resolve(file.config.resolved("workers"), service, assembler)
    {
      facts.count = n
      facts.source = "`worker_processes \(w.value)` in \(display)\(why)"
      facts.origin = origin
      facts.configSpan = w.span
      facts.preload = file.config["preload"]?.expression == .literal(1)
    }
    facts.runtime = .ruby
    facts.hasMaster = true
    return facts
  }

  // MARK: Passenger

  static func passenger(_ args: [String], start: StartCommand) -> WorkerFacts? {
    var facts = WorkerFacts(
      count: 6, span: start.span, server: "passenger", preload: false,
      source: "Passenger's default max pool size of 6")
    facts.origin = .documentedDefault
    for (i, a) in args.enumerated() {
      var value: String?
      if a == "--max-pool-size", i + 1 < args.count { value = args[i + 1] }
      if a.hasPrefix("--max-pool-size=") { value = String(a.dropFirst("--max-pool-size=".count)) }
      if let value, let n = Saturating.parseCount(value) {
        facts.count = n
        facts.source = "passenger start --max-pool-size \(n)"
        facts.origin = .declared
        if let located = PythonRuntimeAssembly.locate("passenger --max-pool-size \(value)", in: start) {
          facts.span = located
        } else if let located = PythonRuntimeAssembly.locate("x --max-pool-size=\(value)", in: start) {
          facts.span = located
        }
      }
    }
    facts.runtime = .ruby
    return facts
  }

  // MARK: PHP-FPM

  /// PHP-FPM with the pool configuration and `memory_limit` found in the
  /// service's build context.
  static func phpFPM(_ span: Span, _ service: Service, _ assembler: Assembler) -> WorkerFacts {
    var facts = WorkerFacts(
      count: 5, span: span, server: "php-fpm", preload: false,
      source: "pm.max_children = 5 of the stock www.conf")
    facts.origin = .documentedDefault
    facts.runtime = .php
    let folder = service.build.contextPath
    for (path, file) in assembler.workspace[.serverConfigs].sorted(by: { $0.key < $1.key })
    where file.format == .php && (folder.isEmpty || path.hasPrefix(folder + "/")) {
      let display = assembler.workspace.displayPath(path)
      if let m = file.config["max_children"], case .literal(let n)? = file.config.resolved("max_children") {
        facts.count = n
        facts.source = "pm.max_children = \(m.value) in \(display)"
        facts.origin = .declared
        facts.span = m.span
      }
      if let limit = file.config["memory_limit"],
        let bytes = MemorySize.parse(limit.value, convention: .docker)
      {
        facts.perProcessLimit = Located(bytes, span: limit.span, text: limit.value)
      }
    }
    if facts.perProcessLimit == nil, let v = service.environment["PHP_MEMORY_LIMIT"],
      let bytes = MemorySize.parse(v.value, convention: .docker)
    {
      facts.perProcessLimit = Located(bytes, span: v.span, text: v.value)
    }
    return facts
  }

  // MARK: Helpers

  /// A Ruby server configuration at `path` relative to the service's folder.
  static func rubyConfig(_ path: String, _ service: Service, _ assembler: Assembler) -> (
    String, ServerConfigFile
  )? {
    let full = joinPath(service.build.contextPath, path)
    guard let file = assembler.workspace[.serverConfigs][full], file.format == .ruby else { return nil }
    return (assembler.workspace.displayPath(full), file)
  }

  /// A count expression's value for this service, why, and its origin.
  static func resolve(_ e: CountExpression?, _ service: Service, _ assembler: Assembler) -> (
    Int, String, CountOrigin
  )? {
    switch e {
    case .literal(let n)?: return (n, "", .declared)
    case .environment(let name, let fallback)?:
      if let v = service.environment[name], let n = Saturating.parseCount(v.value) {
        return (n, " with \(name)=\(n) (\(v.source))", .declared)
      }
      guard let fallback else { return nil }
      // Heroku sizes web processes at 256 MB each (RAM / 256 MB: 2 on a
      // 512 MB dyno), and its Puma guide writes `workers(ENV.fetch('WEB_CONCURRENCY') { 2 })`:
      // a fallback within that sizing is the platform's documented one.
      if name == "WEB_CONCURRENCY", service.platform == .heroku, let budget = service.runtimeBudget?.bytes,
        fallback <= RuntimeEstimators.herokuWebConcurrency(memory: budget)
      {
        return (
          fallback,
          " (WEB_CONCURRENCY unset: within Heroku's sizing of \(RuntimeEstimators.herokuWebConcurrency(memory: budget)) "
            + "on \(Bytes.format(budget, .decimal)))",
          .documentedDefault
        )
      }
      return (fallback, " (\(name) unset)", .declared)
    case .cpuCount(let multiplier, let add)?:
      let cpus = PythonRuntimeAssembly.declaredHostCPUs(service, assembler)
      let n = multiplier * max(1, cpus ?? 1) + add
      return (
        n, cpus == nil ? ": at least \(n), one per CPU the host reports" : " with \(cpus!) CPUs", .hostCPUs
      )
    default: return nil
    }
  }
}
