/// A file that could not be read at all (permissions, a FIFO, too large…):
/// not a finding about the user's configuration, but something to tell them.
public struct ToolNotification: Hashable, Sendable, Codable {
  public var path: String
  public var message: String
  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }
}

/// The result of one run, as every reporter receives it. Reporters are pure
/// functions from a `Report` to bytes.
public struct Report: Sendable {
  /// The version of deploylint that produced it.
  public var toolVersion: String
  /// Findings after suppression, in `Finding.ordered` order.
  public var findings: [Finding]
  /// Descriptions of every registered rule (SARIF lists them all).
  public var rules: [RuleDescription]
  /// Rules turned off by the configuration: they did not run (the JUnit
  /// format lists a test case for each rule that did).
  public var disabledRuleIDs: Set<String> = []
  /// The scanned files' text, by relative path, for excerpts and fingerprints.
  public var sources: [String: SourceFile]
  /// Files that could not be read.
  public var notifications: [ToolNotification]
  /// Services found, by name, for summaries.
  public var serviceNames: [String]
  /// How many files were scanned.
  public var fileCount: Int
  /// Errors in deploylint's own configuration (`path:line:col: message`): the
  /// CLI prints them and exits with status 2.
  public var configurationErrors: [String] = []
  /// Set when the run compared findings with a baseline file (`--baseline`).
  public var baseline: BaselineSummary?
  /// Each service's platform, plan, budgets and the estimates used, in the
  /// order services were found (filled by `Analyzer.scanProject`).
  public var services: [ServiceSummary] = []

  public init(
    toolVersion: String, findings: [Finding], rules: [RuleDescription],
    sources: [String: SourceFile] = [:], notifications: [ToolNotification] = [],
    serviceNames: [String] = [], fileCount: Int = 0
  ) {
    self.toolVersion = toolVersion
    self.findings = findings.sorted(by: Finding.ordered)
    self.rules = rules
    self.sources = sources
    self.notifications = notifications
    self.serviceNames = serviceNames
    self.fileCount = fileCount
  }
}

/// What a baseline did to a run: findings it hid, and entries no finding matched.
public struct BaselineSummary: Hashable, Sendable, Codable {
  /// Findings present in the baseline, left out of the report.
  public var baselined: Int
  /// Baseline entries that no current finding matches (fixed, or moved past recognition).
  public var stale: Int
  public init(baselined: Int, stale: Int) {
    self.baselined = baselined
    self.stale = stale
  }
}
