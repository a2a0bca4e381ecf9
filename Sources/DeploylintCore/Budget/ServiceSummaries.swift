extension BudgetAnalysis {
  /// The report's view of each service: the same budgets and estimates as
  /// `deploylint budget`, so the JSON output and the budget picture agree.
  public var summaries: [ServiceSummary] {
    services.map { s in
      ServiceSummary(
        name: s.name, platform: s.platform, plan: s.plan, runtimeBudget: Self.summary(s.runtime),
        buildBudget: Self.summary(s.build),
        estimates: s.runtime.terms.map { Self.summary($0, .runtime) }
          + s.build.terms.map { Self.summary($0, .build) })
    }
  }

  static func summary(_ side: BudgetSide) -> BudgetSummary? {
    guard let bytes = side.budget else { return nil }
    return BudgetSummary(
      bytes: bytes, source: side.budgetSource ?? "", span: side.budgetSpan, assumed: side.assumed)
  }

  static func summary(_ term: BudgetTerm, _ phase: EstimateSummary.Phase) -> EstimateSummary {
    EstimateSummary(
      term: term.kind, phase: phase, bytes: term.bytes, arithmetic: term.arithmetic, sources: term.sources)
  }
}
