import DeploylintCore
import DeploylintParsers

extension Assembler {
  /// `.deploylint.yml` `platforms.<name>.plans` as catalog rows. A row that
  /// names an existing plan keeps the figures it does not set.
  var planOverrides: [Plan] {
    workspace.config.planOverrides.compactMap { row in
      guard let platform = Platform(rawValue: row.platform.value) else { return nil }
      let base = PlanCatalog.plan(platform, row.id.value)
      return Plan(
        platform, row.id.value.lowercased(), base?.displayName ?? row.id.value,
        memory: row.memory ?? base?.memory, cpus: row.cpus ?? base?.cpus,
        monthlyUSD: row.price ?? base?.monthlyUSD, current: true,
        note: "from \(row.platform.span.path)", source: "\(row.id.span)", checked: "")
    }
  }
}
