import DeploylintCore
import DeploylintParsers

extension FileKind {
  /// Puma and Unicorn configurations (`config/puma.rb`, `config/unicorn.rb`).
  public static let rubyServerConfig = FileKind("rubyServerConfig")
  /// gunicorn's Python configuration (`gunicorn.conf.py`, `gunicorn_config.py`).
  public static let gunicornConfig = FileKind("gunicornConfig")
  /// PHP-FPM pools and `php.ini`.
  public static let phpConfig = FileKind("phpConfig")
  /// Sidekiq's `config/sidekiq.yml`.
  public static let sidekiqConfig = FileKind("sidekiqConfig")
  /// Celery settings modules (`celeryconfig.py`, `celery.py`, Django's `settings.py`).
  public static let celeryConfig = FileKind("celeryConfig")
  /// Airflow's `airflow.cfg`.
  public static let airflowConfig = FileKind("airflowConfig")
  /// Bundler's `Gemfile.lock`: which Puma the app runs.
  public static let gemfileLock = FileKind("gemfileLock")
  /// JavaScript and TypeScript queue workers (`worker.ts`, `queue.js`): BullMQ and Bee-Queue.
  public static let jobWorkerScript = FileKind("jobWorkerScript")
}

/// Which reader read a server configuration file.
enum ServerConfigFormat: Sendable {
  case ruby, gunicorn, php, sidekiq, celery, airflow, gemfileLock
}

/// A server configuration file as its reader saw it.
struct ServerConfigFile: Sendable {
  var format: ServerConfigFormat
  var config: ServerConfig
}

extension StoreKey {
  /// Server configuration files, by path.
  static var serverConfigs: StoreKey<ServerConfigFile> { .init("serverConfigs") }
  /// BullMQ / Bee-Queue workers found in scripts, by path.
  static var jobWorkerScripts: StoreKey<[ScriptJobWorker]> { .init("jobWorkerScripts") }
}

extension InputKind {
  static let rubyServerConfig = InputKind(
    kind: .rubyServerConfig,
    matches: { ($0.lower.hasPrefix("puma") || $0.lower.hasPrefix("unicorn")) && $0.lower.hasSuffix(".rb") }
  ) { source, file, store throws(ParseError) in
    store[.serverConfigs][file.relativePath] = ServerConfigFile(
      format: .ruby, config: ServerConfigReaders.ruby(source))
  }

  static let gunicornConfig = InputKind(
    kind: .gunicornConfig, matches: { $0.lower.contains("gunicorn") && $0.lower.hasSuffix(".py") }
  ) { source, file, store throws(ParseError) in
    store[.serverConfigs][file.relativePath] = ServerConfigFile(
      format: .gunicorn, config: ServerConfigReaders.gunicorn(source))
    store[.pythonImports][file.relativePath] = PythonImports.read(source)
  }

  static let phpConfig = InputKind(
    kind: .phpConfig,
    matches: {
      $0.lower == "www.conf" || ($0.lower.contains("fpm") && $0.lower.hasSuffix(".conf"))
        || ($0.lower.contains("php") && $0.lower.hasSuffix(".ini"))
    },
    hashComments: false
  ) { source, file, store throws(ParseError) in
    store[.serverConfigs][file.relativePath] = ServerConfigFile(
      format: .php, config: ServerConfigReaders.php(source))
  }

  static let sidekiqConfig = InputKind(
    kind: .sidekiqConfig,
    matches: { $0.lower.hasPrefix("sidekiq") && ($0.lower.hasSuffix(".yml") || $0.lower.hasSuffix(".yaml")) }
  ) { source, file, store throws(ParseError) in
    store[.serverConfigs][file.relativePath] = ServerConfigFile(
      format: .sidekiq, config: ServerConfigReaders.sidekiq(source))
  }

  static let celeryConfig = InputKind(
    kind: .celeryConfig,
    matches: { ($0.lower.hasPrefix("celery") && $0.lower.hasSuffix(".py")) || $0.lower == "settings.py" }
  ) { source, file, store throws(ParseError) in
    store[.serverConfigs][file.relativePath] = ServerConfigFile(
      format: .celery, config: ServerConfigReaders.celery(source))
    store[.pythonImports][file.relativePath] = PythonImports.read(source)
  }

  static let gemfileLock = InputKind(
    kind: .gemfileLock, matches: named(["gemfile.lock"]), hashComments: false
  ) {
    source, file, store throws(ParseError) in
    store[.serverConfigs][file.relativePath] = ServerConfigFile(
      format: .gemfileLock, config: ServerConfigReaders.gemfileLock(source))
  }

  static let airflowConfig = InputKind(kind: .airflowConfig, matches: named(["airflow.cfg"])) {
    source, file, store throws(ParseError) in
    store[.serverConfigs][file.relativePath] = ServerConfigFile(
      format: .airflow, config: ServerConfigReaders.airflow(source))
  }

  static let jobWorkerScript = InputKind(
    kind: .jobWorkerScript,
    matches: { name in
      [".js", ".mjs", ".cjs", ".ts", ".mts"].contains { name.lower.hasSuffix($0) }
        && ["worker", "queue", "job"].contains { name.lower.contains($0) }
        && !name.lower.hasSuffix(".d.ts") && !name.lower.contains(".test.") && !name.lower.contains(".spec.")
    },
    hashComments: false
  ) { source, file, store throws(ParseError) in
    let workers = ScriptJobWorker.scan(source)
    if !workers.isEmpty { store[.jobWorkerScripts][file.relativePath] = workers }
  }
}
