/// One environment variable a service runs with, and where it was set.
public struct EnvVar: Hashable, Sendable {
  public var key: String
  public var value: String
  /// Where the variable is set (the `ENV` argument, the render.yaml entry…).
  public var span: Span
  /// Human name of the source: "Dockerfile ENV", "render.yaml envVars".
  public var source: String
  /// Where the value alone is written, when the parser knows (a YAML block
  /// value on the lines below its key); facts inside the value are located in it.
  public var valueSpan: Span? = nil
  public init(key: String, value: String, span: Span, source: String, valueSpan: Span? = nil) {
    self.key = key
    self.value = value
    self.span = span
    self.source = source
    self.valueSpan = valueSpan
  }

  /// The region to search for a token of the value: the value's own span when
  /// known, else the whole variable's.
  public var valueRegion: Span { valueSpan ?? span }
}

/// An ordered environment: later entries override earlier ones with the same key.
public struct Environment: Hashable, Sendable {
  public private(set) var entries: [EnvVar] = []
  public init(_ entries: [EnvVar] = []) {
    for e in entries { set(e) }
  }

  public mutating func set(_ variable: EnvVar) {
    entries.removeAll { $0.key == variable.key }
    entries.append(variable)
  }

  public subscript(key: String) -> EnvVar? { entries.last { $0.key == key } }

  public func setsAny(of keys: [String]) -> Bool { keys.contains { self[$0] != nil } }

  /// This environment with `other`'s variables set on top (the platform's
  /// variables override the image's).
  public func overlaid(by other: Environment) -> Environment {
    var result = self
    for e in other.entries { result.set(e) }
    return result
  }
}
