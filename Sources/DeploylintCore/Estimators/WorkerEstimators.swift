/// Memory floors of application-server processes and queue-worker jobs, with
/// their sources (DESIGN.md §3). Floors are what the processes need before any
/// request or job allocates anything; a team that knows its real figure sets
/// it (`worker-floor`, `services.<name>.job-memory`).
public enum WorkerEstimators {
  /// A Ruby (Rails) process: a simple Rails application measured 117 MB for
  /// Puma's master and each worker after the first request, and ~10 MB more
  /// per thread under load (thoughtbot/suspenders, "Reduce number of Puma
  /// processes and threads"). A real application is larger.
  public static let rubyProcessFloor: Int64 = 117 * Bytes.MB
  public static let rubyThreadBloat: Int64 = 10 * Bytes.MB
  public static let rubySource =
    "https://github.com/thoughtbot/suspenders/commit/bfd75f9f16f8557ddf91a069525d13f7bdc7ce8f"

  /// PHP's `memory_limit` default: each PHP-FPM child may grow to it.
  public static let phpDefaultMemoryLimit: Int64 = 128 * Bytes.MiB
  public static let phpSources = [
    "https://www.php.net/manual/en/ini.core.php#ini.memory-limit",
    "https://www.php.net/manual/en/install.fpm.configuration.php",
  ]

  /// Ruby application servers: the master (in Puma's cluster mode) plus
  /// every worker, each with its threads' share:
  /// master + workers × (process + threads × 10 MB).
  public static func ruby(_ workers: WorkerFacts, floor: Int64 = rubyProcessFloor) -> MemoryEstimate {
    let threads = max(1, workers.threads?.value ?? 1)
    let each = Saturating.sum(floor, Saturating.product(Int64(threads), rubyThreadBloat))
    let all = Saturating.product(Int64(workers.count), each)
    let master = workers.hasMaster ? floor : 0
    let total = Saturating.sum(all, master)
    var text = ""
    if workers.hasMaster { text += "master \(Bytes.format(floor, .decimal)) + " }
    text +=
      "\(workers.count) \(workers.server) worker\(workers.count == 1 ? "" : "s") × (\(Bytes.format(floor, .decimal))"
    if threads > 1 { text += " + \(threads) threads × \(Bytes.format(rubyThreadBloat, .decimal))" }
    text += ") = \(Bytes.format(total, .decimal))"
    return MemoryEstimate(bytes: total, arithmetic: text, sources: [rubySource])
  }

  /// PHP-FPM: every child may grow to `memory_limit` (128M by default).
  public static func php(_ workers: WorkerFacts) -> MemoryEstimate {
    let limit = workers.perProcessLimit?.value ?? phpDefaultMemoryLimit
    let limitText =
      workers.perProcessLimit.map { "memory_limit \($0.text)" } ?? "memory_limit 128M (PHP's default)"
    let total = Saturating.product(Int64(workers.count), limit)
    return MemoryEstimate(
      bytes: total,
      arithmetic: "\(workers.count) PHP-FPM children × \(limitText) = \(Bytes.format(total, .binary))",
      sources: phpSources)
  }

  /// A Sidekiq process: one Rails process whose jobs are its threads, so the
  /// process floor is paid once and each thread may hold its bloat at once —
  /// 117 MB + threads × 10 MB, the blank-app figures measured for Puma's
  /// processes (the same application loaded the same way). A real
  /// application, and each job's own data, come on top.
  public static func sidekiq(threads: Int) -> MemoryEstimate {
    let n = max(1, threads)
    let total = Saturating.sum(rubyProcessFloor, Saturating.product(Int64(n), rubyThreadBloat))
    return MemoryEstimate(
      bytes: total,
      arithmetic:
        "1 Sidekiq process × (\(Bytes.format(rubyProcessFloor, .decimal)) + \(n) thread\(n == 1 ? "" : "s") × "
        + "\(Bytes.format(rubyThreadBloat, .decimal))) = \(Bytes.format(total, .decimal))",
      sources: [rubySource] + JobRunnerDefaults.sources("Sidekiq"))
  }

  /// Jobs that run at once × what one job needs.
  public static func jobs(_ runner: JobRunnerFacts, count: Int, jobMemory: Located<Int64>) -> MemoryEstimate {
    let total = Saturating.product(Int64(count), jobMemory.value)
    return MemoryEstimate(
      bytes: total,
      arithmetic:
        "\(count) \(runner.runner) job\(count == 1 ? "" : "s") at once × \(Bytes.format(jobMemory.value, .declared)) "
        + "(job-memory \(jobMemory.text)) = \(Bytes.format(total, .declared))",
      sources: JobRunnerDefaults.sources(runner.runner))
  }
}

/// The documented concurrency defaults of queue workers, with their sources.
public enum JobRunnerDefaults {
  /// Sidekiq 7: 5 threads (`RAILS_MAX_THREADS` when set).
  public static let sidekiq = 5
  /// Airflow's Celery executor: `worker_concurrency` 16.
  public static let airflow = 16
  /// Dramatiq: `--threads` 8 per process, `--processes` one per CPU.
  public static let dramatiqThreads = 8
  /// BullMQ `Worker` and Bee-Queue `process()`: 1 job at a time.
  public static let bullmq = 1

  public static func sources(_ runner: String) -> [String] {
    switch runner {
    case "Celery": ["https://docs.celeryq.dev/en/stable/reference/cli.html#celery-worker"]
    case "Airflow (Celery)":
      [
        "https://airflow.apache.org/docs/apache-airflow-providers-celery/stable/configurations-ref.html#worker-concurrency"
      ]
    case "Sidekiq": ["https://github.com/sidekiq/sidekiq/wiki/Advanced-Options#concurrency"]
    case "Dramatiq": ["https://dramatiq.io/guide.html#workers"]
    case "RQ": ["https://python-rq.org/docs/workers/"]
    case "BullMQ": ["https://docs.bullmq.io/guide/workers/concurrency"]
    case "Bee-Queue": ["https://github.com/bee-queue/bee-queue#queueprocessconcurrency-handlerjob-done"]
    default: []
    }
  }
}
