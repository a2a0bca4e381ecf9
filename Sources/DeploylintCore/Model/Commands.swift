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
