import DeploylintCore

/// A value read from a file together with where it was written.
public struct Located<T: Sendable>: Sendable {
  public var value: T
  public var span: Span

  public init(_ value: T, span: Span) {
    self.value = value
    self.span = span
  }
}
