import DeploylintCore

/// A file could not be read as the kind it claims to be. Parsers never throw
/// anything else past their boundary; the engine turns it into an
/// `unparseable-file` finding at `span` and the run goes on.
public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
  public var message: String
  /// Where the parser stopped.
  public var span: Span
  public init(_ message: String, at span: Span) {
    self.message = message
    self.span = span
  }
  public var description: String { "\(span): \(message)" }
}
