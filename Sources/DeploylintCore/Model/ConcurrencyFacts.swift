/// Worker processes of an application server (gunicorn `-w`, uvicorn
/// `--workers`, Puma `workers`, Unicorn `worker_processes`, Passenger's pool,
/// PHP-FPM `pm.max_children`): each process holds its own copy of the
/// application, so memory multiplies with their number.
public struct WorkerFacts: Sendable, Hashable {
  public var count: Int
  /// Where the count is set (or the start command when it is a default).
  public var span: Span
  /// "gunicorn", "uvicorn", "puma", "unicorn", "passenger", "php-fpm".
  public var server: String
  /// The app is loaded once before forking (gunicorn `--preload`, Puma
  /// `preload_app!`): pages are shared copy-on-write until written.
  public var preload: Bool
  /// How the count was found: "gunicorn -w 2", "WEB_CONCURRENCY=2 (render.yaml)".
  public var source: String
  /// The language the processes run, which decides the per-process floor.
  public var runtime: WorkerRuntime = .python
  /// Whether the count is written in the repository or a default.
  public var origin: CountOrigin = .declared
  /// Threads per process (gunicorn `--threads`, Puma `threads`), when set.
  public var threads: Located<Int>? = nil
  /// A master process beside the workers (Puma in cluster mode).
  public var hasMaster = false
  /// A per-process memory cap the server enforces (PHP `memory_limit`).
  public var perProcessLimit: Located<Int64>? = nil
  /// Where a configuration file the command names sets the count
  /// (`workers = …` in `gunicorn.conf.py`), when it does: the finding stays on
  /// the command the platform runs and points here too.
  public var configSpan: Span? = nil

  public init(count: Int, span: Span, server: String, preload: Bool, source: String) {
    self.count = count
    self.span = span
    self.server = server
    self.preload = preload
    self.source = source
  }
}

/// The runtime of worker processes.
public enum WorkerRuntime: String, Sendable, Hashable {
  case python, ruby, php
}

/// Where a process or job count comes from: the severity policy needs to know
/// whether the repository states it.
public enum CountOrigin: Sendable, Hashable {
  /// A file of the repository sets it.
  case declared
  /// The server's (or platform's) documented default applies.
  case documentedDefault
  /// One per CPU the host reports: unknown unless the host's CPUs are declared
  /// (`os.cpu_count()` and kin ignore the plan's CPU quota).
  case hostCPUs
}

/// A queue worker and how many jobs it runs at once: Celery, RQ, Dramatiq,
/// Sidekiq, BullMQ, Bee-Queue, Airflow's Celery worker. Jobs that run at once
/// need memory at once (seed 001: two book generations of 300–400 MB each on a
/// 512 MB instance).
public struct JobRunnerFacts: Sendable, Hashable {
  /// "Celery", "Sidekiq", "RQ", "Dramatiq", "BullMQ", "Bee-Queue", "Airflow (Celery)".
  public var runner: String
  /// Processes or threads: decides whether jobs share one process's memory.
  public var pool: JobPool
  /// Jobs at once; nil when it is one per CPU the host reports and the host's
  /// CPUs are not declared.
  public var concurrency: Int?
  /// Where the concurrency is set, or the command that starts the worker.
  public var span: Span
  /// "celery worker --concurrency 4", "Celery's default: one child process per CPU".
  public var source: String
  public var origin: CountOrigin
  /// Worker processes (Dramatiq `--processes`, RQ `worker-pool -n`); jobs run
  /// `concurrency` at once across them.
  public var processes: Int = 1
  /// Where a configuration file sets the concurrency, when one does.
  public var configSpan: Span? = nil

  public init(
    runner: String, pool: JobPool, concurrency: Int?, span: Span, source: String, origin: CountOrigin
  ) {
    self.runner = runner
    self.pool = pool
    self.concurrency = concurrency
    self.span = span
    self.source = source
    self.origin = origin
  }
}

/// How a queue worker runs jobs side by side.
public enum JobPool: String, Sendable, Hashable {
  /// One child process per concurrent job (Celery prefork, RQ, Dramatiq processes).
  case processes
  /// Threads (or green threads, or an event loop) in one process: the jobs'
  /// memory adds up in that process (Sidekiq, BullMQ, Celery `threads`/`gevent`).
  case threads
}
