import DeploylintCore

/// Flags Python web servers whose worker processes, each importing the app,
/// add up to more memory than the service gets.
public struct WorkersMultiplyMemory: Rule {
  /// Memory floor of one plain Python worker.
  static let workerFloor: RuleOption<Int64> = .memory(
    "worker-floor", default: RuntimeEstimators.pythonWorkerFloor,
    summary: "Memory one plain Python worker needs (raise it to what one worker really uses).")

  public static let description = RuleDescription(
    id: "workers-multiply-memory",
    category: .runtime,
    severity: .warning,
    summary: "Application-server worker processes × the memory each needs exceed the service's memory",
    rationale: """
      gunicorn and uvicorn run each worker as a separate process that imports the application: \
      without `--preload`, every library and every model loaded at import time is loaded once \
      per worker (gunicorn settings: `workers`, `preload_app`). gunicorn's default is \
      `$WEB_CONCURRENCY` if set, else 1; Heroku's Python buildpack sets `WEB_CONCURRENCY` from \
      RAM / 256 MB, i.e. it assumes at least 256 MB per worker process. Concurrent requests and \
      background jobs add to each worker: in seed 001 two book generations of 300–400 MB each ran \
      at once on a 512 MB Render instance and the service was killed ("exceeded its memory limit"). \
      The estimate is workers × a per-worker floor: 256 MB for a plain Python app (option \
      `worker-floor`), 1 GB for a worker that imports PyTorch (see `ml-runtime-exceeds-memory`); \
      with `--preload` only the first worker pays for the imports. It is an error when a \
      PyTorch-class app's workers exceed the budget, a warning otherwise. gunicorn's configuration \
      file is read too (`-c FILE`, else `gunicorn.conf.py`: `workers`, `threads`, `preload_app`); \
      `workers = multiprocessing.cpu_count() * 2 + 1` counts the CPUs the host reports, not the \
      plan's share, so it is at least 3.

      Ruby and PHP servers fork the same way. Puma in cluster mode (`workers N`, `-w`, \
      `WEB_CONCURRENCY`; `config/puma.rb` is read, `rails server` starts Puma with it) runs a \
      master and N workers, each with its threads (`threads`, default 5); a blank Rails app \
      measured 117 MB per process and about 10 MB more per thread (thoughtbot/suspenders), so the \
      floor is master + N × (117 MB + threads × 10 MB). Unicorn runs a master and \
      `worker_processes` (default 1); Passenger's pool is `--max-pool-size` (default 6). PHP-FPM \
      runs up to `pm.max_children` children (5 in the stock `www.conf`), each allowed to grow to \
      `memory_limit` (128M by default), so that is their worst case. A Ruby count the \
      repository chose whose blank-app floor takes half the memory or more gets a note.

      A count that is the platform's or the server's own documented sizing is flagged only \
      when it exceeds the memory: Heroku sizes web processes at 256 MB each (its Python \
      buildpack sets `WEB_CONCURRENCY=2` on 512 MB dynos, and its Puma guide writes \
      `workers(ENV.fetch('WEB_CONCURRENCY') { 2 })`, so that fallback on Heroku is its sizing), \
      Passenger's pool of 6, Unicorn's single worker. Preloading (gunicorn `--preload` or \
      `preload_app = True` in its config file, also inside an `if`/`else`; Puma's \
      `preload_app!`, the default in cluster mode from Puma 7 on — the version Gemfile.lock \
      locks — and in Puma 5–6 only for `-w` on the command line, never with `fork_worker`) \
      shares the loaded app copy-on-write until a worker writes to it: a Python ML import is \
      then counted once; the Ruby floor is a measured process size and stays, and the note \
      says the pages are shared.
      """,
    references: [
      Reference("gunicorn settings: workers", "https://docs.gunicorn.org/en/stable/settings.html#workers"),
      Reference(
        "gunicorn settings: preload_app", "https://docs.gunicorn.org/en/stable/settings.html#preload-app"),
      Reference(
        "Heroku: WEB_CONCURRENCY defaults (256 MB per worker)",
        "https://devcenter.heroku.com/changelog-items/2846"),
      Reference("Render instance types", "https://render.com/pricing"),
      Reference(
        "gunicorn settings: config file", "https://docs.gunicorn.org/en/stable/settings.html#config-file"),
      Reference("Puma: workers, threads, preload_app! (DSL)", "https://puma.io/puma/Puma/DSL.html"),
      Reference(
        "thoughtbot/suspenders: Puma memory per process and per thread", WorkerEstimators.rubySource),
      Reference(
        "Heroku: Deploying Rails applications with Puma (WEB_CONCURRENCY default 2, preload_app!)",
        RuntimeEstimators.herokuPumaGuide),
      Reference(
        "Puma: preload_app defaulted only for workers given on the command line (Puma 6)",
        "https://github.com/puma/puma/issues/3044"),
      Reference(
        "Passenger: passenger_max_pool_size (default 6)",
        "https://www.phusionpassenger.com/library/config/nginx/reference/#passenger_max_pool_size"),
      Reference("PHP-FPM configuration: pm.max_children", WorkerEstimators.phpSources[1]),
      Reference("PHP: memory_limit (default 128M)", WorkerEstimators.phpSources[0]),
    ],
    fix: """
      Run fewer workers than the memory allows — often one worker with threads — and move long \
      jobs to a queue processed one at a time (seed 001's fix); add `--preload` so imports are \
      shared copy-on-write; or move to a plan with room for every worker (Render `standard`: \
      2 GB, $25/month; Render `starter` has the same 512 MB as `free`).
      """,
    options: [workerFloor],
    examples: examples + serverExamples, judges: .runtime)

  let workerFloor: Int64
  public init(options: RuleOptions) { workerFloor = options[Self.workerFloor] }

  public func check(_ project: Project) -> [Finding] {
    project.services.compactMap(check)
  }

  func check(_ service: Service) -> Finding? {
    guard let workers = service.workers, workers.count + (workers.hasMaster ? 1 : 0) >= 2,
      let budget = service.runtimeBudget
    else {
      return nil
    }
    let ml = workers.runtime == .python ? service.python.mlRuntimePackage : nil
    guard let estimate = ServiceEstimates.workers(service, plainFloor: workerFloor) else {
      return nil
    }
    // A count that is the platform's or server's own documented sizing is
    // flagged only when it does not fit at all (Heroku sets WEB_CONCURRENCY=2
    // on 512 MB dynos because it budgets 256 MB per worker).
    let fits =
      workers.origin == .documentedDefault
      // Heroku writes "512 MB" and sizes 256 MB per worker in one unit; the
      // floor is in MiB, so compare in MiB too (2 × 256 MiB fits "512 MB").
      ? Saturating.product(estimate.bytes / Bytes.MiB, Bytes.MB) <= budget.bytes
      : estimate.bytes < budget.bytes
    if fits {
      // The platform's or server's own sizing that fits says nothing more.
      guard workers.runtime == .ruby, workers.origin != .documentedDefault else { return nil }
      return rubyNote(service, workers, estimate, budget)
    }
    let over = estimate.bytes > budget.bytes
    let severity: Severity = ml != nil && over ? budget.allowing(.error) : .warning
    var message: String
    var help: [String]
    switch workers.runtime {
    case .python:
      message =
        "\(workers.count) \(workers.server) worker processes (\(workers.source)) each import the app: "
        + "\(estimate.arithmetic), which \(over ? "exceeds" : "uses all of") the "
        + "\(budget.described), before any request or background job allocates anything."
      help = [
        "run one worker (`\(workers.server) -w 1 --threads 4`) and send long jobs to a queue processed one at a time"
      ]
      if !workers.preload && workers.server == "gunicorn" {
        help.append("add `--preload` so imports are shared copy-on-write")
      }
    case .ruby:
      message =
        "\(workers.count) \(workers.server) worker process\(workers.count == 1 ? "" : "es") (\(workers.source)) each hold "
        + "a copy of the app: \(estimate.arithmetic) for a blank Rails app, which \(over ? "exceeds" : "uses all of") "
        + "the \(budget.described); a real application is larger."
      let fit = max(
        1,
        Int(
          (budget.bytes - WorkerEstimators.rubyProcessFloor)
            / (WorkerEstimators.rubyProcessFloor + 5 * WorkerEstimators.rubyThreadBloat)))
      help = [
        workers.server == "passenger"
          ? "lower the pool: `passenger start --max-pool-size \(fit)` (Passenger sizes it as memory × 75 % ÷ one process's memory)"
          : "run fewer processes (`WEB_CONCURRENCY=\(min(fit, max(1, workers.count - 1)))`) and serve concurrency with threads; measure one worker's memory and size the count to the plan"
      ]
    case .php:
      let limit = workers.perProcessLimit?.value ?? WorkerEstimators.phpDefaultMemoryLimit
      message =
        "\(workers.count) PHP-FPM children (\(workers.source)) may each grow to their memory_limit: "
        + "\(estimate.arithmetic), which \(over ? "exceeds" : "uses all of") the \(budget.described)."
      help = [
        "set pm.max_children = \(max(1, Int(budget.bytes / 4 * 3 / max(1, limit)))) in the pool configuration (75 % of the "
          + "memory ÷ memory_limit), or lower memory_limit"
      ]
    }
    if let plan = service.smallestPlanText(fitting: Saturating.sum(estimate.bytes, estimate.bytes / 4)) {
      help.append("or move to \(plan)")
    }
    help += budget.declarationHelp(service.name)
    var related = budget.related
    if let config = workers.configSpan {
      related.append(RelatedLocation(config, "the worker count is set here"))
    }
    if let ml { related.append(RelatedLocation(ml.span, "`\(ml.name)` is imported by every worker")) }
    return finding(
      message, at: workers.span, help: help, related: related, service: service.name, severity: severity)
  }

  /// Ruby processes whose blank-app floor fits but takes half the memory or
  /// more: a real application's workers are larger than a blank one, so the
  /// count is worth measuring (a note: the floor is all deploylint knows).
  func rubyNote(
    _ service: Service, _ workers: WorkerFacts, _ estimate: MemoryEstimate, _ budget: MemoryBudget
  )
    -> Finding?
  {
    guard workers.count >= 2, estimate.bytes >= budget.bytes / 2 else { return nil }
    let percent = Saturating.int((Double(estimate.bytes) * 100 / Double(max(1, budget.bytes))).rounded())
    var related = budget.related
    if let config = workers.configSpan {
      related.append(RelatedLocation(config, "the worker count is set here"))
    }
    return finding(
      "\(workers.count) \(workers.server) worker processes (\(workers.source)) take \(estimate.arithmetic) "
        + "for a blank Rails app, \(percent) % of the \(budget.described); "
        + (workers.preload
          ? "preloaded pages stay shared only until a worker writes them, and each worker of a real application "
            + "grows with use, so the count may not fit."
          : "each worker of a real application holds its own copy of it and grows with use, so the count may not fit."),
      at: workers.span,
      help: [
        "measure one worker's memory (`ps -o rss` on the VM, or the platform's metrics) and set "
          + "WEB_CONCURRENCY to what the memory holds: memory ÷ one worker, less the master",
        "or run fewer workers with more threads each",
      ] + budget.declarationHelp(service.name),
      related: related, service: service.name, severity: .note)
  }
}
