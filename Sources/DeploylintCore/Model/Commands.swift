/// A command line and where it is written: what a service starts
/// (`StartCommand`) or a build step worth knowing about (`BuildStep`).
public struct CommandFact: Sendable, Hashable {
  /// The command line (exec-form arrays joined with spaces).
  public var text: String
  public var span: Span
  /// Where it comes from, for messages: "render.yaml startCommand", "Dockerfile CMD",
  /// "Procfile web", "Dockerfile RUN", "package.json script `build`".
  public var source: String
  public init(text: String, span: Span, source: String) {
    self.text = text
    self.span = span
    self.source = source
  }
}

/// The command a service runs, as deploylint found it.
public typealias StartCommand = CommandFact

/// A build step worth knowing about (`next build`, a native `buildCommand`).
public typealias BuildStep = CommandFact

/// Worker processes of a web server (gunicorn `-w`, uvicorn `--workers`,
/// `WEB_CONCURRENCY`): each imports the app, so memory multiplies.
public struct WorkerFacts: Sendable, Hashable {
  public var count: Int
  /// Where the count is set (or the start command when it is a default).
  public var span: Span
  /// "gunicorn", "uvicorn".
  public var server: String
  /// gunicorn `--preload`: the app is imported once before forking.
  public var preload: Bool
  /// How the count was found: "gunicorn -w 2", "WEB_CONCURRENCY=2 (render.yaml)".
  public var source: String
  public init(count: Int, span: Span, server: String, preload: Bool, source: String) {
    self.count = count
    self.span = span
    self.server = server
    self.preload = preload
    self.source = source
  }
}
