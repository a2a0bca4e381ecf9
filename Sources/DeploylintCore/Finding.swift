/// A location in another file (or elsewhere in the same file) that a finding
/// rests on: the plan line that sets the budget, the `RUN` that installs torch.
public struct RelatedLocation: Hashable, Sendable, Codable {
  public var span: Span
  public var message: String
  public init(_ span: Span, _ message: String) {
    self.span = span
    self.message = message
  }
}

/// A textual replacement: `span` is replaced by `replacement`. An insertion is a
/// span whose start equals its end.
public struct TextEdit: Hashable, Sendable, Codable {
  public var span: Span
  public var replacement: String
  public init(span: Span, replacement: String) {
    self.span = span
    self.replacement = replacement
  }
}

/// One problem found by one rule.
public struct Finding: Hashable, Sendable, Codable {
  public var ruleID: String
  public var severity: Severity
  public var message: String
  public var span: Span
  /// How to fix it, as the user would apply it (may span several lines).
  public var help: [String]
  public var related: [RelatedLocation]
  /// Safe textual edits that implement the fix, when one exists.
  public var edits: [TextEdit]
  /// The service the finding concerns, when there is one.
  public var service: String?

  public init(
    ruleID: String, severity: Severity, message: String, span: Span, help: [String] = [],
    related: [RelatedLocation] = [], edits: [TextEdit] = [], service: String? = nil
  ) {
    self.ruleID = ruleID
    self.severity = severity
    self.message = message
    self.span = span
    self.help = help
    self.related = related
    self.edits = edits
    self.service = service
  }

  /// The deterministic order of reports: path, line, column, rule, message.
  public static func ordered(_ a: Finding, _ b: Finding) -> Bool {
    (a.span.path, a.span.line, a.span.column, a.ruleID, a.message)
      < (b.span.path, b.span.line, b.span.column, b.ruleID, b.message)
  }
}
