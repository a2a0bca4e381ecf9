/// What a rule is about, for grouping in `deploylint rules` and the docs.
public enum RuleCategory: String, Sendable, Codable, CaseIterable {
  /// Memory and time spent while an image or artefact is built.
  case build
  /// Memory a running service needs against what it gets.
  case runtime
  /// Platform configuration: plans, settings, deprecations.
  case platform
  /// Files deploylint could not read, suppressions, its own configuration.
  case meta
}

/// A source behind a rule's rationale.
public struct Reference: Hashable, Sendable, Codable {
  public var title: String
  public var url: String
  public init(_ title: String, _ url: String) {
    self.title = title
    self.url = url
  }
}

/// One file of an example project. `↓` in `content` marks where a finding must
/// start (the marker is removed before the example is scanned).
public struct ExampleFile: Hashable, Sendable {
  public var path: String
  public var content: String
  public init(_ path: String, _ content: String) {
    self.path = path
    self.content = content
  }
}

/// A small multi-file project that shows the rule at work; the test suite runs
/// every example of every rule.
public struct RuleExample: Hashable, Sendable {
  public enum Kind: String, Sendable { case triggering, nonTriggering }
  public var kind: Kind
  public var files: [ExampleFile]
  /// One line that says what the example shows, for the docs.
  public var title: String

  public static func triggering(_ title: String, _ files: [ExampleFile]) -> RuleExample {
    RuleExample(kind: .triggering, files: files, title: title)
  }
  public static func nonTriggering(_ title: String, _ files: [ExampleFile]) -> RuleExample {
    RuleExample(kind: .nonTriggering, files: files, title: title)
  }
}

/// Everything about a rule that is data: the registry, `deploylint rules`,
/// `deploylint explain`, the `Rules/` pages and SARIF metadata all come from it.
public struct RuleDescription: Sendable {
  /// Kebab-case, naming the flagged pattern (`torch-without-thread-limits`).
  public var id: String
  public var category: RuleCategory
  public var severity: Severity
  /// One sentence: what is flagged.
  public var summary: String
  /// Why it matters, in Markdown, citing `references`.
  public var rationale: String
  public var references: [Reference]
  /// How to fix it, in Markdown.
  public var fix: String
  /// Its typed options, each declared once (`RuleOption`).
  public var options: [any RuleOptionDeclaration]
  public var examples: [RuleExample]
  /// Earlier ids that stay valid in suppressions and configuration.
  public var aliases: [String]

  public init(
    id: String, category: RuleCategory, severity: Severity, summary: String, rationale: String,
    references: [Reference], fix: String, options: [any RuleOptionDeclaration] = [], examples: [RuleExample],
    aliases: [String] = []
  ) {
    self.id = id
    self.category = category
    self.severity = severity
    self.summary = summary
    self.rationale = rationale
    self.references = references
    self.fix = fix
    self.options = options
    self.examples = examples
    self.aliases = aliases
  }
}
