import DeploylintCore

/// `deploylint budget --format json`: the numbers behind every bar, in bytes,
/// with keys in a fixed order (documented by this file).
public enum BudgetJSONRenderer {
  public static func render(_ analysis: BudgetAnalysis, toolVersion: String) -> String {
    JSONValue.object([
      ("version", .int(1)),
      ("toolVersion", .string(toolVersion)),
      ("services", .array(analysis.services.map(service))),
      ("hosts", .array(analysis.hosts.map(host))),
    ]).serialized()
  }

  static func bytes(_ value: Int64?) -> JSONValue { value.map { .int(Int($0)) } ?? .null }
  static func int(_ value: Int?) -> JSONValue { value.map { .int($0) } ?? .null }

  static func span(_ span: Span?) -> JSONValue {
    guard let span else { return .null }
    return .object([
      ("path", .string(span.path)), ("line", .int(span.line)), ("column", .int(span.column)),
    ])
  }

  static func service(_ s: ServiceBudget) -> JSONValue {
    .object([
      ("name", .string(s.name)),
      ("platform", .optional(s.platform?.rawValue)),
      ("plan", .optional(s.plan)),
      ("planSpan", span(s.planSpan)),
      ("memoryFrom", .string(s.planOrigin)),
      ("host", .optional(s.host)),
      ("runtime", side(s.runtime)),
      ("build", side(s.build)),
      (
        "findings",
        .array(
          s.findings.map { f in
            .object([
              ("ruleId", .string(f.ruleID)), ("severity", .string(f.severity.rawValue)),
              ("message", .string(f.message)), ("location", span(f.span)),
            ])
          })
      ),
    ])
  }

  static func side(_ side: BudgetSide) -> JSONValue {
    .object([
      ("budgetBytes", bytes(side.budget)),
      ("budgetSource", .optional(side.budgetSource)),
      ("budgetLocation", span(side.budgetSpan)),
      ("assumed", .bool(side.assumed)),
      ("place", .optional(side.place)),
      ("needBytes", bytes(side.need)),
      ("headroomBytes", bytes(side.headroom)),
      ("headroomPercent", int(side.headroomPercent)),
      ("scaleBytes", .int(Int(side.scale))),
      (
        "estimates",
        .array(
          side.terms.map { t in
            .object([
              ("kind", .string(t.kind)), ("label", .string(t.label)), ("bytes", .int(Int(t.bytes))),
              ("unbounded", .bool(t.unbounded)), ("arithmetic", .string(t.arithmetic)),
              ("sources", .array(t.sources.map(JSONValue.string))), ("location", span(t.span)),
            ])
          })
      ),
      (
        "smallestFittingPlan",
        side.smallestFittingPlan.map { p in
          .object([
            ("platform", .string(p.platform.rawValue)), ("id", .string(p.id)),
            ("name", .string(p.displayName)), ("memoryBytes", .int(Int(p.memory))),
            ("monthlyUSD", p.monthlyUSD.map { .int(Int($0)) } ?? .null), ("source", .string(p.source)),
          ])
        } ?? .null
      ),
    ])
  }

  static func host(_ h: HostBudget) -> JSONValue {
    .object([
      ("name", .string(h.name)),
      ("composeFile", .string(h.composeFile)),
      ("memoryBytes", .int(Int(h.budget))),
      ("memorySource", .string(h.budgetSource)),
      ("limitsBytes", .int(Int(h.limitTotal))),
      ("reservationsBytes", .int(Int(h.reservationTotal))),
      ("reserveBytes", .int(Int(h.reserve.bytes))),
      ("headroomBytes", .int(Int(h.headroom))),
      ("headroomPercent", .int(h.headroomPercent)),
      ("withoutLimit", .array(h.unlimitedServices.map(JSONValue.string))),
      (
        "services",
        .array(
          h.segments.map { s in
            .object([
              ("name", .string(s.service)), ("limitBytes", bytes(s.limit)),
              ("reservationBytes", bytes(s.reservation)), ("replicas", .int(s.replicas)),
              ("limitText", .optional(s.limitText)), ("estimateBytes", bytes(s.need)),
            ])
          })
      ),
      ("findings", .array(h.findings.map { .string($0.ruleID) })),
    ])
  }
}
