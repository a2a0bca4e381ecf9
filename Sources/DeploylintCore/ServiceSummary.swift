/// What a report says about one service: where it runs, the memory it gets
/// while running and while built, and the estimates deploylint compared with
/// them. Carried by `Report.services` so the JSON output can show the numbers
/// behind the findings (and the absence of findings) without re-running the
/// analysis.
public struct ServiceSummary: Hashable, Sendable {
  public var name: String
  /// `render`, `railway`, `fly`, `heroku`, `compose`, `generic`, or nil when unknown.
  public var platform: Platform?
  /// The plan as written (`free`), when a file names one.
  public var plan: String?
  /// The memory the running service gets, when known.
  public var runtimeBudget: BudgetSummary?
  /// The memory its build gets, when known.
  public var buildBudget: BudgetSummary?
  /// Every estimate that applies, runtime ones first, then build ones.
  public var estimates: [EstimateSummary]

  public init(
    name: String, platform: Platform? = nil, plan: String? = nil, runtimeBudget: BudgetSummary? = nil,
    buildBudget: BudgetSummary? = nil, estimates: [EstimateSummary] = []
  ) {
    self.name = name
    self.platform = platform
    self.plan = plan
    self.runtimeBudget = runtimeBudget
    self.buildBudget = buildBudget
    self.estimates = estimates
  }
}

/// A memory budget and why deploylint believes it.
public struct BudgetSummary: Hashable, Sendable {
  public var bytes: Int64
  /// "Render plan `free`: 512 MB", "assumed: Railway free plan (0.5 GB)".
  public var source: String
  /// Where a file sets it; nil when it comes from the plan catalog or a default.
  public var span: Span?
  /// True when nothing in the repository states it.
  public var assumed: Bool

  public init(bytes: Int64, source: String, span: Span? = nil, assumed: Bool = false) {
    self.bytes = bytes
    self.source = source
    self.span = span
    self.assumed = assumed
  }
}

/// One estimate used for a service, with the arithmetic and the sources that
/// justify it, so a reader can check the figure rather than trust it.
public struct EstimateSummary: Hashable, Sendable {
  /// Whether the estimate is of the running service or of its build.
  public enum Phase: String, Hashable, Sendable, CaseIterable {
    case runtime, build
  }
  /// Stable machine name: `node-heap`, `workers`, `rust-build`…
  public var term: String
  public var phase: Phase
  public var bytes: Int64
  public var arithmetic: String
  public var sources: [String]

  public init(term: String, phase: Phase, bytes: Int64, arithmetic: String, sources: [String]) {
    self.term = term
    self.phase = phase
    self.bytes = bytes
    self.arithmetic = arithmetic
    self.sources = sources
  }
}
