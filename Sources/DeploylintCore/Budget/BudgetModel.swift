/// One estimate that applies to a service (a Node heap, workers × a floor, a
/// Postgres worst case, a Rust build peak…), drawn as one bar.
public struct BudgetTerm: Sendable, Hashable {
  /// Stable machine name: `node-heap`, `workers`, `ml-runtime`, `postgres`,
  /// `redis-maxmemory`, `redis-unbounded`, `jvm`, `jobs`, `job-processes`, `job-process`,
  /// `runtime-limit`, `node-build`, `node-build-heap`, `rust-build`.
  public var kind: String
  /// What the bar is, for a reader: "Node heap + overhead".
  public var label: String
  public var bytes: Int64
  public var arithmetic: String
  public var sources: [String]
  /// Where the setting behind the estimate is written, when a file writes it.
  public var span: Span?
  /// True when nothing bounds it (Redis without maxmemory): `bytes` is then
  /// the limit it will grow to.
  public var unbounded: Bool = false

  public init(
    kind: String, label: String, estimate: MemoryEstimate, span: Span? = nil, unbounded: Bool = false
  ) {
    self.kind = kind
    self.label = label
    self.bytes = estimate.bytes
    self.arithmetic = estimate.arithmetic
    self.sources = estimate.sources
    self.span = span
    self.unbounded = unbounded
  }
}

/// A plan of the catalog, as the budget names it.
public struct PlanFit: Sendable, Hashable {
  public var platform: Platform
  public var id: String
  public var displayName: String
  public var memory: Int64
  public var monthlyUSD: Double?
  public var note: String?
  public var source: String
}

/// One side of a service's memory: while it runs, or while it is built.
public struct BudgetSide: Sendable, Hashable {
  /// The memory this side gets, when known.
  public var budget: Int64?
  /// Where that figure comes from ("Render plan `free`: 512 MB").
  public var budgetSource: String?
  public var budgetSpan: Span?
  /// True when deploylint assumed the budget (nothing in the repository says it).
  public var assumed: Bool = false
  /// Where it happens, for the build ("Render's build pipeline…").
  public var place: String?
  public var terms: [BudgetTerm] = []
  /// The cheapest plan of the same platform with at least `need`, when the
  /// catalog has one (runtime side of a PaaS service only).
  public var smallestFittingPlan: PlanFit?

  public init() {}

  /// The largest estimate: each term is a floor for the same process(es), so
  /// the memory needed is at least the largest of them.
  public var need: Int64? { terms.map(\.bytes).max() }

  /// Budget − need: negative is an overshoot.
  public var headroom: Int64? {
    guard let budget, let need else { return nil }
    return Saturating.difference(budget, need)
  }

  /// Headroom as a whole percent of the budget (negative when over).
  public var headroomPercent: Int? {
    guard let budget, budget > 0, let headroom else { return nil }
    return Saturating.int((Double(headroom) * 100 / Double(budget)).rounded())
  }

  /// What the bars of this side are scaled to: the budget, or the largest
  /// estimate when it is bigger (so an overshoot shows past the budget mark).
  public var scale: Int64 { max(budget ?? 0, need ?? 0, 1) }

  public var isEmpty: Bool { budget == nil && terms.isEmpty }
}

/// Everything the budget picture shows about one service.
public struct ServiceBudget: Sendable {
  public var name: String
  public var span: Span
  public var platform: Platform?
  /// The plan as written (`free`), and where.
  public var plan: String?
  public var planSpan: Span?
  /// Where the platform/plan came from: the runtime budget's source, or why
  /// it is unknown.
  public var planOrigin: String
  public var runtime: BudgetSide
  public var build: BudgetSide
  /// The compose host that runs it, when it is in a declared stack.
  public var host: String?
  /// The report's findings about this service.
  public var findings: [Finding]
}

/// One service's share of a compose host.
public struct HostSegment: Sendable, Hashable {
  public var service: String
  /// `mem_limit` (or `deploy.resources.limits.memory`) × replicas.
  public var limit: Int64?
  public var reservation: Int64?
  public var replicas: Int
  /// "mem_limit 512m" as written.
  public var limitText: String?
  public var limitSpan: Span?
  /// The largest estimate for the service (its runtime `need`), when any.
  public var need: Int64?
  public var unlimited: Bool { limit == nil }
  /// The limit, or for a service without one its estimate (× replicas).
  public var limitOrEstimate: Int64? { limit ?? need.map { Saturating.product(Int64(replicas), $0) } }
}

/// A machine running a compose stack: one bar stacked by service.
public struct HostBudget: Sendable {
  public var name: String
  public var composeFile: String
  public var budget: Int64
  public var budgetSource: String
  public var budgetSpan: Span?
  public var segments: [HostSegment]
  /// The host's sums (`HostFacts`): Σ limit × replicas, Σ reservation × replicas.
  public var limitTotal: Int64
  public var reservationTotal: Int64
  /// Findings about the stack as a whole (`compose-memory-exceeds-host`).
  public var findings: [Finding]
  /// What the host keeps for the OS and the container runtime.
  public var reserve: HostReserveAmount

  /// Host memory − the sum of the limits (negative when the limits overcommit it).
  public var headroom: Int64 { Saturating.difference(budget, limitTotal) }
  public var headroomPercent: Int {
    budget > 0 ? Saturating.int((Double(headroom) * 100 / Double(budget)).rounded()) : 0
  }
  public var unlimitedServices: [String] { segments.filter(\.unlimited).map(\.service) }
  /// True when a service without a limit has an estimate: the picture then
  /// stacks the limits with those estimates.
  public var hasUnlimitedEstimates: Bool { segments.contains { $0.unlimited && $0.need != nil } }
  /// Σ limits, with the estimate of each service that has no limit.
  public var committedTotal: Int64 {
    segments.reduce(Int64(0)) { Saturating.sum($0, $1.limitOrEstimate ?? 0) }
  }
  /// What the limits, the unlimited services' estimates and the reserve leave
  /// of the host (negative when they exceed it).
  public var leftAfterReserve: Int64 {
    Saturating.difference(Saturating.difference(budget, committedTotal), reserve.bytes)
  }
  public var scale: Int64 {
    max(budget, limitTotal, reservationTotal, Saturating.sum(committedTotal, reserve.bytes), 1)
  }
}
