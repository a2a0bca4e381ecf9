import ArgumentParser
import DeploylintCore

/// `deploylint plans`: the embedded plan catalog, with sources and dates, so a
/// user can see (and dispute) every figure a finding relies on.
struct PlansCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "plans", abstract: "Print the plan catalog: memory, CPU, price, source and date checked.")

  @Argument(help: "Only this platform (render, railway, fly, heroku).")
  var platform: String?

  func execute(_ console: Console) throws -> Int32 {
    var platforms = [Platform.render, .railway, .fly, .heroku]
    if let platform {
      guard let p = Platform(rawValue: platform.lowercased()), platforms.contains(p) else {
        throw UsageError("unknown platform `\(platform)`; expected render, railway, fly or heroku")
      }
      platforms = [p]
    }
    for p in platforms {
      console.out += "\(p.displayName)\n"
      let rows = PlanCatalog.plans.filter { $0.platform == p }.map { plan in
        [
          plan.id, plan.memory.map { Bytes.format($0, .decimal) } ?? "?",
          plan.cpus.map { Saturating.text($0) } ?? "?",
          plan.monthlyUSD.map { $0 == 0 ? "$0" : "$\(Int($0))" } ?? "-", plan.checked,
          (plan.current ? "" : "legacy; ") + (plan.note ?? ""),
        ]
      }
      console.out +=
        Table.render(header: ["PLAN", "MEMORY", "CPU", "PRICE/MO", "CHECKED", "NOTE"], rows: rows)
        .split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
      let sources = Set(PlanCatalog.plans.filter { $0.platform == p }.map(\.source)).sorted()
      console.out += "  sources: \(sources.joined(separator: ", "))\n"
      if let builder = PlanCatalog.builders[p] {
        console.out += "  builds: \(builder.description) (\(builder.source), checked \(builder.checked))\n"
      }
      for d in PlanCatalog.deprecations where d.platform == p {
        console.out += "  deprecated: \(d.subject) since \(d.announced)"
        if let cutoff = d.cutoff { console.out += ", stops working \(cutoff)" }
        console.out += "; use \(d.replacement) (\(d.source))\n"
      }
      console.out += "\n"
    }
    if platform == nil {
      console.out +=
        "Render also accepts CPU/RAM-encoded plans (`2c-4g`, `0.5c-512mb`: memory is the second part).\n"
    }
    return ExitStatus.clean
  }
}
