import DeploylintCore

/// A value read from a file together with where it was written, so a finding
/// can point at `plan: free` rather than at the file.
public struct Located<T> {
  public var value: T
  public var span: Span
  public init(_ value: T, span: Span) {
    self.value = value
    self.span = span
  }

  /// The same location holding a transformed value.
  public func map<U>(_ transform: (T) -> U) -> Located<U> { Located<U>(transform(value), span: span) }
}

extension Located: Sendable where T: Sendable {}
extension Located: Equatable where T: Equatable {}
extension Located: Hashable where T: Hashable {}

extension Located {
  /// Memberwise form, as the manifest parsers write it.
  public init(value: T, span: Span) { self.init(value, span: span) }
}
