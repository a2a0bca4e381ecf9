/// Typed options of a rule, with defaults, set from the configuration's
/// `rules.<id>.options` as strings.
public protocol RuleOptionSet: Sendable {
  init()
  /// Applies one option; throws `RuleOptionError` for unknown names or bad values.
  mutating func set(_ name: String, to value: String) throws
}

public struct RuleOptionError: Error, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// The options of a rule that has none.
public struct NoOptions: RuleOptionSet {
  public init() {}
  public mutating func set(_ name: String, to value: String) throws {
    throw RuleOptionError("this rule has no option `\(name)`")
  }
}

/// A rule: its description is data, its check a pure function of the model.
/// Rules never see parser types, only `Project` and `Service`.
public protocol Rule: Sendable {
  associatedtype Options: RuleOptionSet = NoOptions
  static var description: RuleDescription { get }
  init(options: Options)
  func check(_ project: Project) -> [Finding]
}

extension Rule where Options == NoOptions {
  public init() { self.init(options: NoOptions()) }
}

extension Rule {
  public static var id: String { description.id }

  /// A finding of this rule at its default severity (the engine applies
  /// configured severities afterwards).
  public func finding(
    _ message: String, at span: Span, help: [String] = [], related: [RelatedLocation] = [],
    edits: [TextEdit] = [], service: String? = nil, severity: Severity? = nil
  ) -> Finding {
    Finding(
      ruleID: Self.description.id, severity: severity ?? Self.description.severity,
      message: message, span: span, help: help, related: related, edits: edits, service: service)
  }
}

/// A type-erased rule, as the registry and the engine hold them.
public struct AnyRule: Sendable {
  public let description: RuleDescription
  private let make: @Sendable ([String: String]) throws -> @Sendable (Project) -> [Finding]

  public init<R: Rule>(_ type: R.Type) {
    self.description = R.description
    self.make = { raw in
      var options = R.Options()
      for (name, value) in raw.sorted(by: { $0.key < $1.key }) {
        try options.set(name, to: value)
      }
      let rule = R(options: options)
      return { rule.check($0) }
    }
  }

  /// The rule's check with the given options applied.
  public func checker(options: [String: String] = [:]) throws -> @Sendable (Project) -> [Finding] {
    try make(options)
  }
}
