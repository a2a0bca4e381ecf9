/// A rule: its description is data, its check a pure function of the model.
/// Rules never see parser types, only `Project` and `Service`.
public protocol Rule: Sendable {
  static var description: RuleDescription { get }
  /// The rule with its options (`RuleDescription.options`) set.
  init(options: RuleOptions)
  func check(_ project: Project) -> [Finding]
}

extension Rule {
  /// The rule with every option at its default.
  public init() { self.init(options: RuleOptions()) }
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
  /// The Swift type's name (`TorchWithoutThreadLimits`), for the registry test.
  public var typeName: String { name() }
  /// Described when read: describing a type looks up its protocol
  /// conformances, which for every rule at each start was a few milliseconds.
  private let name: @Sendable () -> String
  private let make: @Sendable ([String: String]) throws -> @Sendable (Project) -> [Finding]

  public init<R: Rule>(_ type: R.Type) {
    self.description = R.description
    self.name = { String(describing: R.self) }
    self.make = { raw in
      let rule = R(options: try RuleOptions(raw, declared: R.description.options))
      return { rule.check($0) }
    }
  }

  /// The rule's check with the given options applied.
  public func checker(options: [String: String] = [:]) throws -> @Sendable (Project) -> [Finding] {
    try make(options)
  }
}
