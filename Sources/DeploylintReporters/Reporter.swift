import DeploylintCore

/// The output formats of `--format`.
public enum OutputFormat: String, CaseIterable, Sendable {
  /// Compiler-style text for a terminal or a log.
  case text
  /// The stable JSON schema documented in `JSONReporter.schemaDocumentation`.
  case json
  /// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
  case sarif
  /// GitHub Actions workflow commands (annotations).
  case github
  /// GitLab Code Quality (`artifacts:reports:codequality`).
  case gitlab
  /// JUnit XML (GitLab, Jenkins, Buildkite and Azure test reports).
  case junit
  /// Checkstyle XML (Jenkins Warnings NG, reviewdog, Bitbucket bridges).
  case checkstyle
}

/// What a reporter needs besides the report itself. Everything that depends on
/// the environment (a terminal, the CI, the absolute root) comes in here, so
/// that reporters stay pure functions.
public struct ReporterOptions: Sendable {
  /// ANSI colour in the text format (the CLI decides: a terminal, no `NO_COLOR`).
  public var color: Bool
  /// Width of the terminal, when known. Reserved: the text reporter does not
  /// wrap or truncate yet.
  public var terminalWidth: Int?
  /// SARIF `automationDetails.id` (GitHub uses it as the analysis category).
  public var automationID: String?
  /// Absolute path of the scanned root, for SARIF `originalUriBaseIds`.
  public var sourceRoot: String?
  /// Rule id -> the rule's documentation page in Markdown (SARIF `help.markdown`).
  public var ruleHelpMarkdown: [String: String]
  /// The `--fail-on` threshold, for reporters that say whether the run failed.
  public var failOn: FailThreshold
  /// The folder deploylint ran from, relative to the repository root (`""` at
  /// the root), for formats whose paths are relative to the repository (GitLab).
  public var repositoryPrefix: String

  public init(
    color: Bool = false, terminalWidth: Int? = nil, automationID: String? = nil,
    sourceRoot: String? = nil, ruleHelpMarkdown: [String: String] = [:],
    failOn: FailThreshold = .error, repositoryPrefix: String = ""
  ) {
    self.color = color
    self.terminalWidth = terminalWidth
    self.automationID = automationID
    self.sourceRoot = sourceRoot
    self.ruleHelpMarkdown = ruleHelpMarkdown
    self.failOn = failOn
    self.repositoryPrefix = repositoryPrefix
  }
}

/// A pure renderer from a report to the bytes of one format.
public protocol Reporter: Sendable {
  func render(_ report: Report, options: ReporterOptions) -> String
}

/// The reporter of a format.
public func reporter(for format: OutputFormat) -> any Reporter {
  switch format {
  case .text: TextReporter()
  case .json: JSONReporter()
  case .sarif: SARIFReporter()
  case .github: GitHubReporter()
  case .gitlab: GitLabReporter()
  case .junit: JUnitReporter()
  case .checkstyle: CheckstyleReporter()
  }
}
