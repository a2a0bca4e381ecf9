import DeploylintCore

/// The terminal view of the budget picture: one horizontal bar per estimate,
/// scaled to the side's budget (or to the estimate when it is bigger, with the
/// overshoot drawn past the budget mark), and compose hosts as stacked bars.
public struct BudgetTextRenderer {
  public var width: Int
  public var color: Bool

  public init(width: Int = 80, color: Bool = false) {
    self.width = max(60, min(width, 240))
    self.color = color
  }

  static let labelWidth = 26
  static let valueWidth = 10

  var barWidth: Int { width - 4 - Self.labelWidth - 1 - Self.valueWidth - 3 }

  public func render(_ analysis: BudgetAnalysis) -> String {
    var out = ""
    if analysis.services.isEmpty && analysis.hosts.isEmpty {
      return "no services found\n"
    }
    for service in analysis.services {
      out += render(service)
      out += "\n"
    }
    for host in analysis.hosts {
      out += render(host)
      out += "\n"
    }
    out += "Legend: █ estimate within the budget, ▒ beyond it (or unbounded), │ the budget, · room left.\n"
    return out
  }

  func paint(_ text: String, _ code: String) -> String {
    color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  func safe(_ text: String) -> String { VisibleText.make(text) }

  func render(_ service: ServiceBudget) -> String {
    var out = paint(safe(service.name), "1")
    var where_ = service.platform?.displayName ?? "unknown platform"
    if let plan = service.plan { where_ += " plan `\(safe(plan))`" }
    if let host = service.host { where_ += " on host `\(safe(host))`" }
    out += "  \(where_)\n"
    out += "  memory from: \(safe(service.planOrigin))\n"
    out += side("runtime", service.runtime)
    if !service.build.isEmpty {
      out += side("build", service.build)
    }
    if !service.findings.isEmpty {
      let ids = service.findings.map { "\($0.ruleID) (\($0.span.path):\($0.span.line))" }
      out += "  findings: \(safe(ids.joined(separator: ", ")))\n"
    }
    return out
  }

  func side(_ name: String, _ side: BudgetSide) -> String {
    var out = "  \(name)"
    if let budget = side.budget {
      out += ": \(Bytes.format(budget, .declared))"
      if let source = side.budgetSource { out += " (\(safe(source)))" }
    } else {
      out += ": memory unknown"
    }
    if let place = side.place, place != side.budgetSource { out += "\n    where: \(safe(place))" }
    out += "\n"
    guard !side.terms.isEmpty else {
      out += "    no estimate applies\n"
      return out
    }
    let scale = side.scale
    if let budget = side.budget {
      out += row(
        "budget", bar(budget, scale: scale, budget: budget, isBudget: true), Bytes.format(budget, .declared))
    }
    for term in side.terms {
      let value = Bytes.format(term.bytes, .declared) + (term.unbounded ? "+" : "")
      out += row(
        term.label, bar(term.bytes, scale: scale, budget: side.budget, unbounded: term.unbounded), value)
    }
    if side.terms.contains(where: \.unbounded) {
      out += "    " + paint("unbounded: it grows until the limit kills it", "31") + "\n"
    } else if let headroom = side.headroom, let percent = side.headroomPercent {
      let text =
        headroom >= 0
        ? "headroom \(Bytes.format(headroom, .megabytes)) (\(percent) %)"
        : "over by \(Bytes.format(-headroom, .megabytes)) (\(-percent) % of the budget)"
      out += "    " + paint(text, headroom >= 0 ? "32" : "31") + "\n"
    }
    if let plan = side.smallestFittingPlan {
      out += "    smallest plan that fits: \(BudgetFormat.plan(plan))\n"
    }
    return out
  }

  func row(_ label: String, _ bar: String, _ value: String) -> String {
    var l = safe(label)
    if l.count > Self.labelWidth { l = String(l.prefix(Self.labelWidth - 1)) + "…" }
    l += String(repeating: " ", count: Self.labelWidth - l.count)
    return "    \(l) \(bar) \(value)\n"
  }

  /// A bar of `barWidth` cells for `bytes` on `scale`, with the budget mark.
  func bar(_ bytes: Int64, scale: Int64, budget: Int64?, isBudget: Bool = false, unbounded: Bool = false)
    -> String
  {
    let cells = barWidth
    let filled = BudgetFormat.cells(bytes, of: scale, width: cells)
    let mark = budget.map { BudgetFormat.cells($0, of: scale, width: cells) }
    var inside = ""
    var over = ""
    var rest = ""
    for i in 0..<cells {
      if i < filled {
        if unbounded || (mark.map { i >= $0 } ?? false) && !isBudget { over += "▒" } else { inside += "█" }
      } else if let mark, i == mark {
        rest += "│"
      } else if let mark, i < mark {
        rest += "·"
      } else {
        rest += " "
      }
    }
    return paint(inside, isBudget ? "2" : "36") + paint(over, "31") + rest
  }

  func render(_ host: HostBudget) -> String {
    var out = paint("host \(safe(host.name))", "1")
    out +=
      "  \(Bytes.format(host.budget, .declared)) (\(safe(host.budgetSource))), stack \(safe(host.composeFile))\n"
    let scale = host.scale
    let glyphs: [Character] = ["█", "▓", "▒", "░", "▚", "▞"]
    func stacked(_ value: (HostSegment) -> Int64?) -> String {
      var cells = ""
      var used = 0
      var total: Int64 = 0
      for (i, segment) in host.segments.enumerated() {
        guard let bytes = value(segment) else { continue }
        total = Saturating.sum(total, bytes)
        let end = BudgetFormat.cells(total, of: scale, width: barWidth)
        if end > used {
          cells += String(repeating: glyphs[i % glyphs.count], count: end - used)
          used = end
        }
      }
      let mark = BudgetFormat.cells(host.budget, of: scale, width: barWidth)
      while used < barWidth {
        cells.append(used == mark ? "│" : (used < mark ? "·" : " "))
        used += 1
      }
      return cells
    }
    out += row(
      "host memory", bar(host.budget, scale: scale, budget: host.budget, isBudget: true),
      Bytes.format(host.budget, .declared))
    out += row("limits", stacked(\.limit), Bytes.format(host.limitTotal, .declared))
    out += row("reservations", stacked(\.reservation), Bytes.format(host.reservationTotal, .declared))
    if host.hasUnlimitedEstimates {
      out += row(
        "limits + estimates", stacked(\.limitOrEstimate), Bytes.format(host.committedTotal, .declared))
    }
    for (i, segment) in host.segments.enumerated() {
      var line = "      \(segment.unlimited ? "!" : glyphs[i % glyphs.count]) \(safe(segment.service)): "
      if let limit = segment.limit {
        line += "limit \(Bytes.format(limit, .declared))"
        if segment.replicas > 1 { line += " (\(segment.replicas) replicas)" }
      } else {
        line += paint("no limit", "33")
      }
      if let reservation = segment.reservation {
        line += ", reservation \(Bytes.format(reservation, .declared))"
      }
      if let need = segment.need { line += ", estimate \(Bytes.format(need, .declared))" }
      out += line + "\n"
    }
    let text =
      host.headroom >= 0
      ? "limits leave \(Bytes.format(host.headroom, .megabytes)) (\(host.headroomPercent) %)"
      : "limits overcommit the host by \(Bytes.format(-host.headroom, .megabytes)) (\(-host.headroomPercent) %)"
    out += "    " + paint(text, host.headroom >= 0 ? "32" : "31")
    if !host.unlimitedServices.isEmpty {
      out += "; without a limit: \(safe(host.unlimitedServices.joined(separator: ", ")))"
    }
    out += "\n"
    out += "    the host keeps \(host.reserve.description)"
    let what = host.hasUnlimitedEstimates ? "limits, estimates and reserve" : "limits and reserve"
    let left = host.leftAfterReserve
    out +=
      left >= 0
      ? "; \(what) leave \(Bytes.format(left, .megabytes))\n"
      : "; " + paint("\(what) exceed the host by \(Bytes.format(-left, .megabytes))", "31") + "\n"
    return out
  }
}

/// Number formats shared by the budget's text, JSON and HTML views.
public enum BudgetFormat {
  /// "Render `standard` (2 GB, $25/month)".
  public static func plan(_ plan: PlanFit) -> String {
    Plan.describe(plan.platform, plan.id, memory: plan.memory, monthlyUSD: plan.monthlyUSD, note: plan.note)
  }

  /// How many of `width` cells `bytes` fills on `scale`, rounded to nearest.
  public static func cells(_ bytes: Int64, of scale: Int64, width: Int) -> Int {
    guard scale > 0, bytes > 0 else { return 0 }
    let n = Saturating.int((Double(bytes) * Double(width) / Double(scale)).rounded())
    return min(width, max(bytes > 0 ? 1 : 0, n))
  }
}
