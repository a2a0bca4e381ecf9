/// A value read from a file, where it is written and how: a finding points at
/// `mem_limit: 512m` and quotes `512m` as the user wrote it, whatever unit the
/// value was converted to. Facts carry one `Located` instead of a value with a
/// parallel span and text.
public struct Located<Value> {
  public var value: Value
  public var span: Span
  /// The value as written in the file (`512m`, `"1G"`, `max`), after
  /// interpolation where the format interpolates.
  public var text: String

  public init(_ value: Value, span: Span, text: String) {
    self.value = value
    self.span = span
    self.text = text
  }

  /// A located value whose text is its description (a whole number, a flag).
  public init(_ value: Value, span: Span) {
    self.init(value, span: span, text: String(describing: value))
  }

  /// Memberwise form, as the manifest parsers write it.
  public init(value: Value, span: Span) { self.init(value, span: span) }

  /// The same place and text holding a transformed value.
  public func map<U>(_ transform: (Value) -> U) -> Located<U> {
    Located<U>(transform(value), span: span, text: text)
  }
}

extension Located where Value == String {
  /// A located string: its text is itself.
  public init(_ value: String, span: Span) { self.init(value, span: span, text: value) }
  public init(value: String, span: Span) { self.init(value, span: span, text: value) }
}

extension Located: Sendable where Value: Sendable {}
extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}

/// A located value written under a configuration key (`mem_limit`,
/// `deploy.replicas`, Render's `runtime` or legacy `env`): messages name the
/// key the user wrote. Reads like the `Located` it wraps (`setting.value`,
/// `setting.span`, `setting.text`).
@dynamicMemberLookup
public struct Setting<Value> {
  /// The key as the file writes it: `mem_limit`, `deploy.resources.limits.memory`.
  public var key: String
  public var located: Located<Value>

  public init(key: String, _ located: Located<Value>) {
    self.key = key
    self.located = located
  }

  public subscript<T>(dynamicMember path: KeyPath<Located<Value>, T>) -> T { located[keyPath: path] }

  /// "mem_limit 512m": the setting as a message quotes it.
  public var written: String { "\(key) \(located.text)" }
}

extension Setting: Sendable where Value: Sendable {}
extension Setting: Equatable where Value: Equatable {}
extension Setting: Hashable where Value: Hashable {}
