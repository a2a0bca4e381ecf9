import DeploylintCore

/// A value read from a file together with where it was written.
public struct Located<T: Sendable>: Sendable {
  public var value: T
  public var span: Span
}
