import DeploylintCore
import DeploylintParsers

/// Queue workers and how many jobs they run at once:
/// - Celery: `--concurrency`/`-c`, else `worker_concurrency` (also
///   `CELERY_WORKER_CONCURRENCY`, `CELERYD_CONCURRENCY`) in a settings module,
///   else one child per CPU the host reports; `--pool`/`-P` threads, gevent,
///   eventlet run in one process, `solo` runs one job;
/// - Airflow's Celery worker: `AIRFLOW__CELERY__WORKER_CONCURRENCY`, else
///   `airflow.cfg`, else 16;
/// - RQ: one job per worker (`rq worker`), `rq worker-pool -n N`;
/// - Dramatiq: `--processes` (default: one per CPU) × `--threads` (default 8);
/// - Sidekiq: `-c N`, else `config/sidekiq.yml`, else `RAILS_MAX_THREADS`, else 5;
/// - BullMQ and Bee-Queue: the `concurrency` of workers created in the
///   service's scripts (default 1).
enum JobRunnerAssembly {
  @Sendable static func enrich(_ service: inout Service, _ assembler: Assembler) {
    // Airflow images started as `worker` (the image's entrypoint runs the command).
    if let words = service.compose?.commandWords,
      words.first == "worker" || words.prefix(2) == ["celery", "worker"],
      service.imageReferences.contains(where: { ImageReference.repository($0).contains("airflow") })
    {
      let start =
        service.processCommand ?? StartCommand(text: "", span: service.span, source: "compose command")
      service.jobRunner = airflow(words, start, service, assembler)
      return
    }
    if let start = service.processCommand {
      for words in ShellWords.commands(start.text) {
        let command = Array(
          ShellWords.strippingPrefixes(words).drop {
            ["bundle", "exec", "python", "python3", "-m", "poetry", "run", "uv", "pipenv"].contains($0)
          })
        guard let first = command.first else { continue }
        let name = first.split(separator: "/").last.map(String.init) ?? first
        let args = Array(command.dropFirst())
        var found: JobRunnerFacts?
        switch name {
        case "celery" where args.contains("worker"): found = celery(args, start, service, assembler)
        case "airflow" where args.contains("worker"): found = airflow(args, start, service, assembler)
        case "rq" where args.first == "worker" || args.first == "worker-pool": found = rq(args, start)
        case "dramatiq": found = dramatiq(args, start, service, assembler)
        case "sidekiq": found = sidekiq(args, start, service, assembler)
        default: break
        }
        if let found {
          service.jobRunner = found
          return
        }
      }
    }
    scriptWorkers(&service, assembler)
  }

  // MARK: Celery

  static func celery(_ args: [String], _ start: StartCommand, _ service: Service, _ assembler: Assembler)
    -> JobRunnerFacts
  {
    var concurrency: Int?
    var source = ""
    var span = start.span
    var pool = "prefork"
    var autoscaleMax: Int?
    var i = 0
    while i < args.count {
      let a = args[i]
      let next = i + 1 < args.count ? args[i + 1] : nil
      if (a == "-c" || a == "--concurrency"), let next, let n = Saturating.parseCount(next) {
        concurrency = n
        source = "celery worker \(a) \(next)"
        span = assembler.locate(next, in: start.span) ?? span
        i += 1
      } else if a.hasPrefix("--concurrency="),
        let n = Saturating.parseCount(a.dropFirst("--concurrency=".count))
      {
        concurrency = n
        source = "celery worker \(a)"
        span = assembler.locate(a, in: start.span) ?? span
      } else if a.hasPrefix("-c"), a.count > 2, let n = Saturating.parseCount(a.dropFirst(2)) {
        concurrency = n
        source = "celery worker \(a)"
        span = assembler.locate(a, in: start.span) ?? span
      } else if (a == "-P" || a == "--pool"), let next {
        pool = next
        i += 1
      } else if a.hasPrefix("--pool=") {
        pool = String(a.dropFirst("--pool=".count))
      } else if a.hasPrefix("--autoscale") {
        let value = a.contains("=") ? String(a.split(separator: "=", maxSplits: 1).last ?? "") : (next ?? "")
        autoscaleMax = value.split(separator: ",").first.flatMap { Saturating.parseCount($0) }
        if !a.contains("=") { i += 1 }
      }
      i += 1
    }
    var origin = CountOrigin.declared
    var configSpan: Span?
    if let max = autoscaleMax, concurrency == nil {
      concurrency = max
      source = "celery worker --autoscale (at most \(max) children)"
    }
    if concurrency == nil {
      for (path, file) in settingsModules(service, assembler, format: .celery) {
        guard let c = file.config["concurrency"],
          let (n, why, o) = AppServerAssembly.resolve(file.config.resolved("concurrency"), service, assembler)
        else { continue }
        concurrency = n
        source = "`\(c.key) = \(c.value)` in \(assembler.workspace.displayPath(path))\(why)"
        origin = o
        configSpan = c.span
        if let p = file.config["pool"] { pool = p.value }
        break
      }
    }
    if concurrency == nil {
      if let cpus = PythonRuntimeAssembly.declaredHostCPUs(service, assembler) {
        concurrency = cpus
        source = "Celery's default: one child process per CPU the host reports (\(cpus))"
      } else {
        source = "Celery's default: one child process per CPU the host reports (`os.cpu_count()`)"
      }
      origin = .hostCPUs
    }
    if pool == "solo" {
      concurrency = 1
      source = "celery worker --pool solo: one job at a time"
      origin = .declared
    }
    let threaded = ["threads", "gevent", "eventlet"].contains(pool)
    var facts = JobRunnerFacts(
      runner: "Celery", pool: threaded ? .threads : .processes, concurrency: concurrency, span: span,
      source: source, origin: origin)
    facts.configSpan = configSpan
    return facts
  }

  // MARK: Airflow

  static func airflow(_ args: [String], _ start: StartCommand, _ service: Service, _ assembler: Assembler)
    -> JobRunnerFacts
  {
    var facts = JobRunnerFacts(
      runner: "Airflow (Celery)", pool: .processes, concurrency: JobRunnerDefaults.airflow, span: start.span,
      source: "Airflow's default worker_concurrency of 16", origin: .documentedDefault)
    if let i = args.firstIndex(where: { $0 == "-c" || $0 == "--concurrency" }), i + 1 < args.count,
      let n = Saturating.parseCount(args[i + 1])
    {
      facts.concurrency = n
      facts.source = "airflow celery worker \(args[i]) \(n)"
      facts.origin = .declared
      return facts
    }
    if let v = service.environment["AIRFLOW__CELERY__WORKER_CONCURRENCY"],
      let n = Saturating.parseCount(v.value)
    {
      facts.concurrency = n
      facts.source = "AIRFLOW__CELERY__WORKER_CONCURRENCY=\(n) (\(v.source))"
      facts.span = v.span
      facts.origin = .declared
      return facts
    }
    for (path, file) in settingsModules(service, assembler, format: .airflow, anywhere: true) {
      guard let c = file.config["concurrency"], case .literal(let n) = c.expression else { continue }
      facts.concurrency = n
      facts.source = "worker_concurrency = \(n) in \(assembler.workspace.displayPath(path))"
      facts.configSpan = c.span
      facts.origin = .declared
      break
    }
    return facts
  }

  // MARK: RQ, Dramatiq

  static func rq(_ args: [String], _ start: StartCommand) -> JobRunnerFacts {
    var facts = JobRunnerFacts(
      runner: "RQ", pool: .processes, concurrency: 1, span: start.span,
      source: "rq worker: one job at a time (in a forked work horse)", origin: .documentedDefault)
    if args.first == "worker-pool" {
      facts.concurrency = 2
      facts.source = "rq worker-pool's default of 2 workers"
      if let i = args.firstIndex(where: { $0 == "-n" || $0 == "--num-workers" }), i + 1 < args.count,
        let n = Saturating.parseCount(args[i + 1])
      {
        facts.concurrency = n
        facts.source = "rq worker-pool \(args[i]) \(n)"
        facts.origin = .declared
      }
      facts.processes = facts.concurrency ?? 1
    }
    return facts
  }

  static func dramatiq(_ args: [String], _ start: StartCommand, _ service: Service, _ assembler: Assembler)
    -> JobRunnerFacts
  {
    var processes: Int?
    var threads = JobRunnerDefaults.dramatiqThreads
    var threadsSet = false
    for (i, a) in args.enumerated() where i + 1 < args.count {
      if a == "-p" || a == "--processes", let n = Saturating.parseCount(args[i + 1]) { processes = n }
      if a == "-t" || a == "--threads", let n = Saturating.parseCount(args[i + 1]) {
        threads = n
        threadsSet = true
      }
    }
    let cpus = processes == nil ? PythonRuntimeAssembly.declaredHostCPUs(service, assembler) : nil
    let p = processes ?? cpus
    var facts = JobRunnerFacts(
      runner: "Dramatiq", pool: .processes, concurrency: p.map { $0 * threads }, span: start.span,
      source:
        "dramatiq: \(processes.map { "--processes \($0)" } ?? "one process per CPU the host reports") × "
        + "\(threadsSet ? "--threads \(threads)" : "\(threads) threads (default)")",
      origin: processes == nil ? .hostCPUs : (threadsSet ? .declared : .documentedDefault))
    facts.processes = p ?? 1
    return facts
  }

  // MARK: Sidekiq

  static func sidekiq(_ args: [String], _ start: StartCommand, _ service: Service, _ assembler: Assembler)
    -> JobRunnerFacts
  {
    var facts = JobRunnerFacts(
      runner: "Sidekiq", pool: .threads, concurrency: JobRunnerDefaults.sidekiq, span: start.span,
      source: "Sidekiq's default concurrency of 5", origin: .documentedDefault)
    var configPath = "config/sidekiq.yml"
    var i = 0
    while i < args.count {
      let a = args[i]
      if (a == "-c" || a == "--concurrency"), i + 1 < args.count, let n = Saturating.parseCount(args[i + 1]) {
        facts.concurrency = n
        facts.source = "sidekiq \(a) \(n)"
        facts.origin = .declared
        facts.span = assembler.locate(args[i + 1], in: start.span) ?? start.span
        return facts
      }
      if (a == "-C" || a == "--config"), i + 1 < args.count { configPath = args[i + 1] }
      i += 1
    }
    let full = joinPath(service.build.contextPath, configPath)
    if let file = assembler.workspace[.serverConfigs][full], file.format == .sidekiq,
      let c = file.config["concurrency"],
      let (n, why, origin) = AppServerAssembly.resolve(
        file.config.resolved("concurrency"), service, assembler)
    {
      facts.concurrency = n
      facts.source = "concurrency: \(c.value) in \(assembler.workspace.displayPath(full))\(why)"
      facts.origin = origin
      facts.configSpan = c.span
      return facts
    }
    if let v = service.environment["RAILS_MAX_THREADS"], let n = Saturating.parseCount(v.value) {
      facts.concurrency = n
      facts.source = "RAILS_MAX_THREADS=\(n) (\(v.source)), Sidekiq's concurrency when set"
      facts.origin = .declared
      facts.span = v.span
    }
    return facts
  }

  // MARK: Scripts (BullMQ, Bee-Queue)

  /// A Node service whose scripts create BullMQ or Bee-Queue workers runs
  /// their jobs in its own process.
  static func scriptWorkers(_ service: inout Service, _ assembler: Assembler) {
    guard
      service.processCommand.map({
        $0.text.contains("node") || $0.text.contains("npm") || $0.text.contains("yarn")
      }) ?? false
        || assembler.workspace[.packageJSONs][joinPath(service.build.contextPath, "package.json")] != nil
    else { return }
    let folder = service.build.contextPath
    var total = 0
    var first: ScriptJobWorker?
    var declared = true
    for (path, workers) in assembler.workspace[.jobWorkerScripts].sorted(by: { $0.key < $1.key })
    where folder.isEmpty || path.hasPrefix(folder + "/") {
      for w in workers {
        total = Saturating.sum(total, w.concurrency?.value ?? JobRunnerDefaults.bullmq)
        if w.concurrency == nil { declared = false }
        if first == nil || (w.concurrency?.value ?? 1) > (first?.concurrency?.value ?? 1) { first = w }
      }
    }
    guard let first else { return }
    service.jobRunner = JobRunnerFacts(
      runner: first.library, pool: .threads, concurrency: total, span: first.concurrency?.span ?? first.span,
      source: first.concurrency.map { "`\($0.text)` of a \(first.library) worker" }
        ?? "\(first.library)'s default concurrency of 1",
      origin: declared ? .declared : .documentedDefault)
  }

  /// Settings modules of a format in the service's folder (or anywhere).
  static func settingsModules(
    _ service: Service, _ assembler: Assembler, format: ServerConfigFormat, anywhere: Bool = false
  ) -> [(String, ServerConfigFile)] {
    let folder = service.build.contextPath
    return assembler.workspace[.serverConfigs].filter {
      $0.value.format == format && (anywhere || folder.isEmpty || $0.key.hasPrefix(folder + "/"))
    }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }
}
