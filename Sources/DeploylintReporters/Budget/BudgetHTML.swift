import DeploylintCore

/// `deploylint budget --html FILE`: one self-contained page (inline CSS and
/// SVG, no script, nothing loaded from anywhere) with the same bars as the
/// terminal view. The output is well-formed XML (XHTML-compatible) so tests
/// can parse it; links to rule pages and estimate sources are plain `<a href>`
/// the reader clicks, and links to scanned files are relative.
public struct BudgetHTMLRenderer {
  /// Prepended to scanned paths so links work from where the file is written
  /// ("../" when the HTML goes into a sub-folder of the scan's working folder).
  public var linkPrefix: String
  public var sources: [String: SourceFile]
  public var toolVersion: String

  public init(linkPrefix: String = "", sources: [String: SourceFile] = [:], toolVersion: String) {
    self.linkPrefix = linkPrefix
    self.sources = sources
    self.toolVersion = toolVersion
  }

  /// SVG bars are drawn on a 1000-unit-wide box stretched to the column.
  static let barUnits = 1000

  public func render(_ analysis: BudgetAnalysis) -> String {
    var out = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>deploylint budget</title>
      <style>\(Self.css)</style>
      </head>
      <body>
      <header><h1>Memory budget</h1><p class="sub">What each service gets and what each estimate says it needs, \
      while it runs and while it is built. Bars are scaled to the budget, or to the estimate when it is larger; \
      the dark line is the budget.</p></header>
      <main>

      """
    if analysis.services.isEmpty && analysis.hosts.isEmpty { out += "<p>No services found.</p>\n" }
    for host in analysis.hosts { out += render(host) }
    for service in analysis.services { out += render(service) }
    out += """
      </main>
      <footer><p>deploylint \(Self.escape(toolVersion)). Estimates are floors with their arithmetic and sources; \
      set what you measured in .deploylint.yml or the rules' options.</p></footer>
      </body>
      </html>

      """
    return out
  }

  // MARK: services

  func render(_ service: ServiceBudget) -> String {
    let id = "service-" + Self.anchor(service.name)
    var out = "<section class=\"service\" id=\"\(id)\">\n"
    out += "<h2>\(Self.escape(service.name))</h2>\n<dl class=\"facts\">"
    out += "<dt>Platform</dt><dd>\(Self.escape(service.platform?.displayName ?? "unknown"))"
    if let plan = service.plan {
      out += ", plan <code>\(Self.escape(plan))</code>"
      if let span = service.planSpan { out += " (\(fileLink(span)))" }
    }
    if let host = service.host { out += ", on host <code>\(Self.escape(host))</code>" }
    out += "</dd><dt>Memory from</dt><dd>\(Self.escape(service.planOrigin))</dd></dl>\n"
    out += side("Runtime", service.runtime, service: service.name)
    if !service.build.isEmpty { out += side("Build", service.build, service: service.name) }
    if !service.findings.isEmpty { out += findings(service.findings) }
    out += "</section>\n"
    return out
  }

  func side(_ title: String, _ side: BudgetSide, service: String) -> String {
    var out = "<div class=\"side\"><h3>\(title)"
    if let budget = side.budget {
      out += ": \(Bytes.format(budget, .declared))"
      if side.assumed { out += " <span class=\"tag\">assumed</span>" }
    } else {
      out += ": memory unknown"
    }
    out += "</h3>\n"
    if let source = side.budgetSource {
      out += "<p class=\"from\">\(Self.escape(source))"
      if let span = side.budgetSpan { out += " (\(fileLink(span)))" }
      out += "</p>\n"
    }
    if let place = side.place, place != side.budgetSource {
      out += "<p class=\"from\">Where: \(Self.escape(place))</p>\n"
    }
    guard !side.terms.isEmpty else {
      return out + "<p class=\"none\">No estimate applies.</p></div>\n"
    }
    out += "<div class=\"bars\">\n"
    let scale = side.scale
    if let budget = side.budget {
      out += barRow(
        label: "budget", value: Bytes.format(budget, .declared),
        svg: barSVG(
          bytes: budget, scale: scale, budget: budget, isBudget: true,
          description: "\(service) \(title.lowercased()) budget: \(Bytes.format(budget, .declared))"))
    }
    for term in side.terms {
      var description =
        "\(service) \(title.lowercased()) estimate, \(term.label): \(Bytes.format(term.bytes, .declared))"
      if let budget = side.budget {
        let percent = Saturating.int((Double(term.bytes) * 100 / Double(max(budget, 1))).rounded())
        description += ", \(percent) % of the \(Bytes.format(budget, .declared)) budget"
      }
      if term.unbounded { description += " (unbounded: grows to the limit)" }
      out += barRow(
        label: term.label, value: Bytes.format(term.bytes, .declared) + (term.unbounded ? "+" : ""),
        svg: barSVG(
          bytes: term.bytes, scale: scale, budget: side.budget, unbounded: term.unbounded,
          description: description))
      out += "<details class=\"math\"><summary>How: \(Self.escape(term.label))</summary>"
      out += "<p><code>\(Self.escape(term.arithmetic))</code></p>"
      if let span = term.span { out += "<p>Set at \(fileLink(span))</p>" }
      if !term.sources.isEmpty {
        out += "<p>Sources: "
        out += term.sources.map { "<a href=\"\(Self.escape($0))\">\(Self.escape($0))</a>" }.joined(
          separator: ", ")
        out += "</p>"
      }
      out += "</details>\n"
    }
    out += "</div>\n"
    if side.terms.contains(where: \.unbounded) {
      out += "<p class=\"verdict over\">Unbounded: it grows until the limit kills it</p>\n"
    } else if let headroom = side.headroom, let percent = side.headroomPercent {
      out +=
        headroom >= 0
        ? "<p class=\"verdict ok\">Headroom \(Bytes.format(headroom, .megabytes)) (\(percent) %)</p>\n"
        : "<p class=\"verdict over\">Over by \(Bytes.format(-headroom, .megabytes)) (\(-percent) % of the budget)</p>\n"
    }
    if let plan = side.smallestFittingPlan {
      out += "<p class=\"plan\">Smallest plan that fits: \(Self.escape(BudgetFormat.plan(plan)))</p>\n"
    }
    return out + "</div>\n"
  }

  func barRow(label: String, value: String, svg: String) -> String {
    "<div class=\"row\"><span class=\"label\">\(Self.escape(label))</span>\(svg)"
      + "<span class=\"value\">\(Self.escape(value))</span></div>\n"
  }

  func units(_ bytes: Int64, _ scale: Int64) -> Int {
    guard scale > 0 else { return 0 }
    return min(
      Self.barUnits, Saturating.int((Double(max(0, bytes)) * Double(Self.barUnits) / Double(scale)).rounded())
    )
  }

  func barSVG(
    bytes: Int64, scale: Int64, budget: Int64?, isBudget: Bool = false, unbounded: Bool = false,
    description: String
  )
    -> String
  {
    let label = Self.escape(description)
    var svg =
      "<svg class=\"bar\" role=\"img\" aria-label=\"\(label)\" viewBox=\"0 0 \(Self.barUnits) 20\" "
      + "preserveAspectRatio=\"none\"><title>\(label)</title>"
    svg += "<rect class=\"track\" x=\"0\" y=\"2\" width=\"\(Self.barUnits)\" height=\"16\" />"
    let total = units(bytes, scale)
    if isBudget {
      svg += "<rect class=\"budget\" x=\"0\" y=\"2\" width=\"\(total)\" height=\"16\" />"
    } else {
      let within = budget.map { min(total, units($0, scale)) } ?? total
      if within > 0 {
        svg +=
          "<rect class=\"\(unbounded ? "over" : "fill")\" x=\"0\" y=\"2\" width=\"\(within)\" height=\"16\" />"
      }
      if total > within {
        svg += "<rect class=\"over\" x=\"\(within)\" y=\"2\" width=\"\(total - within)\" height=\"16\" />"
      }
    }
    if let budget {
      let x = min(Self.barUnits - 2, units(budget, scale))
      svg += "<rect class=\"mark\" x=\"\(x)\" y=\"0\" width=\"3\" height=\"20\" />"
    }
    return svg + "</svg>"
  }

  func findings(_ findings: [Finding]) -> String {
    var out = "<div class=\"findings\"><h3>Findings</h3><ul>\n"
    for f in findings {
      out += "<li class=\"\(f.severity.rawValue)\"><span class=\"sev\">\(f.severity.rawValue)</span> "
      out +=
        "<a href=\"\(Self.escape(SARIFReporter.helpURI(ruleID: f.ruleID)))\">\(Self.escape(f.ruleID))</a> "
      out += "at \(fileLink(f.span))"
      let line = sources[f.span.path].map { $0.line(f.span.line) } ?? ""
      if !line.isEmpty {
        out += "<pre class=\"src\"><span class=\"ln\">\(f.span.line) |</span> \(Self.escape(line))</pre>"
      }
      out += "<p>\(Self.escape(f.message))</p></li>\n"
    }
    return out + "</ul></div>\n"
  }

  func fileLink(_ span: Span) -> String {
    let href = linkPrefix + URIEncoding.path(span.path)
    return "<a class=\"file\" href=\"\(Self.escape(href))\">\(Self.escape("\(span.path):\(span.line)"))</a>"
  }

  // MARK: hosts

  static let segmentClasses = ["s0", "s1", "s2", "s3", "s4", "s5"]

  func render(_ host: HostBudget) -> String {
    var out = "<section class=\"host\" id=\"host-\(Self.anchor(host.name))\">\n"
    out += "<h2>Host <code>\(Self.escape(host.name))</code>: \(Bytes.format(host.budget, .declared))</h2>\n"
    out += "<p class=\"from\">\(Self.escape(host.budgetSource))"
    if let span = host.budgetSpan { out += " (\(fileLink(span)))" }
    out += "; stack \(Self.escape(host.composeFile))</p>\n<div class=\"bars\">\n"
    let scale = host.scale
    out += barRow(
      label: "host memory", value: Bytes.format(host.budget, .declared),
      svg: barSVG(
        bytes: host.budget, scale: scale, budget: host.budget, isBudget: true,
        description: "host \(host.name): \(Bytes.format(host.budget, .declared))"))
    out += barRow(
      label: "limits", value: Bytes.format(host.limitTotal, .declared),
      svg: stackedSVG(host, scale: scale, value: \.limit, what: "limits"))
    out += barRow(
      label: "reservations", value: Bytes.format(host.reservationTotal, .declared),
      svg: stackedSVG(host, scale: scale, value: \.reservation, what: "reservations"))
    if host.hasUnlimitedEstimates {
      out += barRow(
        label: "limits + estimates", value: Bytes.format(host.committedTotal, .declared),
        svg: stackedSVG(host, scale: scale, value: \.limitOrEstimate, what: "limits and estimates"))
    }
    out +=
      "</div>\n<table class=\"legend\"><thead><tr><th scope=\"col\">Service</th><th scope=\"col\">Limit</th>"
    out += "<th scope=\"col\">Reservation</th><th scope=\"col\">Estimate</th></tr></thead><tbody>\n"
    for (i, s) in host.segments.enumerated() {
      let cls = Self.segmentClasses[i % Self.segmentClasses.count]
      out += "<tr><td><svg class=\"swatch\" role=\"img\" aria-label=\"colour of \(Self.escape(s.service))\" "
      out += "viewBox=\"0 0 10 10\"><title>\(Self.escape(s.service))</title>"
      out += "<rect class=\"\(cls)\" x=\"0\" y=\"0\" width=\"10\" height=\"10\" /></svg> "
      out += "<a href=\"#service-\(Self.anchor(s.service))\">\(Self.escape(s.service))</a></td><td>"
      if let limit = s.limit {
        out += Bytes.format(limit, .declared)
        if s.replicas > 1 { out += " (\(s.replicas) replicas)" }
        if let span = s.limitSpan { out += " <span class=\"at\">\(fileLink(span))</span>" }
      } else {
        out += "<strong class=\"nolimit\">no limit</strong>"
      }
      out += "</td><td>\(s.reservation.map { Bytes.format($0, .declared) } ?? "–")</td>"
      out += "<td>\(s.need.map { Bytes.format($0, .declared) } ?? "–")</td></tr>\n"
    }
    out += "</tbody></table>\n"
    let verdict =
      host.headroom >= 0
      ? "<p class=\"verdict ok\">Limits leave \(Bytes.format(host.headroom, .megabytes)) (\(host.headroomPercent) %)"
      : "<p class=\"verdict over\">Limits overcommit the host by \(Bytes.format(-host.headroom, .megabytes)) (\(-host.headroomPercent) %)"
    out += verdict
    if !host.unlimitedServices.isEmpty {
      out += "; without a limit: \(Self.escape(host.unlimitedServices.joined(separator: ", ")))"
    }
    out += "</p>\n"
    let left = host.leftAfterReserve
    out +=
      "<p class=\"verdict \(left >= 0 ? "ok" : "over")\">The host keeps \(Self.escape(host.reserve.description)); "
      + (host.hasUnlimitedEstimates ? "limits, estimates and reserve " : "limits and reserve ")
      + (left >= 0
        ? "leave \(Bytes.format(left, .megabytes))" : "exceed the host by \(Bytes.format(-left, .megabytes))")
      + "</p>\n"
    if !host.findings.isEmpty { out += findings(host.findings) }
    return out + "</section>\n"
  }

  func stackedSVG(_ host: HostBudget, scale: Int64, value: KeyPath<HostSegment, Int64?>, what: String)
    -> String
  {
    var parts: [String] = []
    for s in host.segments {
      if let v = s[keyPath: value] {
        parts.append("\(s.service) \(Bytes.format(v, .declared))")
      } else {
        parts.append("\(s.service) none")
      }
    }
    let total = Saturating.sum(host.segments.compactMap { $0[keyPath: value] })
    let description =
      "host \(host.name) \(what) stacked by service: \(parts.joined(separator: ", ")); "
      + "total \(Bytes.format(total, .declared)) of \(Bytes.format(host.budget, .declared))"
    let label = Self.escape(description)
    var svg =
      "<svg class=\"bar\" role=\"img\" aria-label=\"\(label)\" viewBox=\"0 0 \(Self.barUnits) 20\" "
      + "preserveAspectRatio=\"none\"><title>\(label)</title>"
    svg += "<rect class=\"track\" x=\"0\" y=\"2\" width=\"\(Self.barUnits)\" height=\"16\" />"
    var running: Int64 = 0
    for (i, s) in host.segments.enumerated() {
      guard let v = s[keyPath: value] else { continue }
      let x = units(running, scale)
      running = Saturating.sum(running, v)
      let end = units(running, scale)
      guard end > x else { continue }
      let cls = Self.segmentClasses[i % Self.segmentClasses.count]
      svg += "<rect class=\"\(cls)\" x=\"\(x)\" y=\"2\" width=\"\(end - x)\" height=\"16\" />"
    }
    let x = min(Self.barUnits - 2, units(host.budget, scale))
    svg += "<rect class=\"mark\" x=\"\(x)\" y=\"0\" width=\"3\" height=\"20\" />"
    return svg + "</svg>"
  }

  // MARK: text

  /// XML-escaped text with control characters made visible (`VisibleText`).
  static func escape(_ text: String) -> String {
    var out = ""
    for c in VisibleText.make(text).unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t": out += " "
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }

  /// An id fragment: letters, digits and `-` only.
  static func anchor(_ name: String) -> String {
    String(
      name.unicodeScalars.map { s -> Character in
        let c = Character(s)
        return (c.isASCII && (c.isLetter || c.isNumber)) ? c : "-"
      })
  }

  static let css = """

    :root { color-scheme: light dark; --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --track: #eaeef2;
      --fill: #2f81f7; --over: #cf222e; --budget: #8c959f; --mark: #1b1f24; --ok: #1a7f37; --card: #f6f8fa;
      --s0: #2f81f7; --s1: #8250df; --s2: #bf8700; --s3: #1a7f37; --s4: #e16f24; --s5: #57606a; }
    @media (prefers-color-scheme: dark) {
      :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --track: #21262d; --fill: #4493f8;
        --over: #f85149; --budget: #6e7681; --mark: #e6edf3; --ok: #3fb950; --card: #161b22;
        --s0: #4493f8; --s1: #ab7df8; --s2: #d29922; --s3: #3fb950; --s4: #f0883e; --s5: #9198a1; } }
    body { background: var(--bg); color: var(--fg); font: 15px/1.45 system-ui, sans-serif; margin: 0 auto;
      max-width: 1100px; padding: 16px 24px; }
    h1 { font-size: 1.5em; margin: 0.2em 0; } h2 { font-size: 1.2em; margin: 0 0 0.3em; }
    h3 { font-size: 1em; margin: 0.8em 0 0.2em; }
    .sub, .from, footer { color: var(--muted); } .from { margin: 0.1em 0; font-size: 0.9em; }
    section { background: var(--card); border-radius: 8px; padding: 12px 16px; margin: 14px 0;
      break-inside: avoid; }
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
    .facts dt { color: var(--muted); } .facts dd { margin: 0; }
    .row { display: grid; grid-template-columns: 15em 1fr 6em; align-items: center; gap: 10px; }
    .label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .value { text-align: right; font-variant-numeric: tabular-nums; }
    svg.bar { width: 100%; height: 20px; display: block; }
    svg.swatch { width: 12px; height: 12px; vertical-align: -1px; }
    .track { fill: var(--track); } .fill { fill: var(--fill); } .over { fill: var(--over); }
    .budget { fill: var(--budget); } .mark { fill: var(--mark); }
    .s0 { fill: var(--s0); } .s1 { fill: var(--s1); } .s2 { fill: var(--s2); } .s3 { fill: var(--s3); }
    .s4 { fill: var(--s4); } .s5 { fill: var(--s5); }
    details.math { margin: 0 0 4px 15.6em; font-size: 0.85em; color: var(--muted); }
    details.math p { margin: 0.2em 0; } code, pre { font-family: ui-monospace, monospace; font-size: 0.92em; }
    .verdict { font-weight: 600; margin: 0.4em 0 0.1em; } .ok { color: var(--ok); } .over.verdict, p.over { color: var(--over); }
    .tag { font-size: 0.75em; border: 1px solid var(--muted); border-radius: 4px; padding: 0 4px; color: var(--muted); }
    .nolimit { color: var(--over); }
    table.legend { border-collapse: collapse; margin: 8px 0; } .legend th, .legend td { text-align: left;
      padding: 2px 14px 2px 0; } .at { font-size: 0.85em; }
    .findings ul { padding-left: 1.2em; } .findings li { margin: 0.4em 0; } .findings p { margin: 0.2em 0; }
    .sev { font-weight: 600; text-transform: uppercase; font-size: 0.8em; }
    li.error .sev { color: var(--over); } li.warning .sev { color: #bf8700; }
    pre.src { margin: 0.2em 0; padding: 4px 8px; background: var(--bg); border-radius: 4px; overflow-x: auto; }
    .ln { color: var(--muted); }
    a { color: var(--fill); }
    @media print {
      :root { --bg: #ffffff; --fg: #000000; --card: #ffffff; --track: #e5e5e5; --muted: #444444; }
      body { max-width: none; padding: 0; font-size: 11pt; }
      section { border: 1px solid #999999; }
      details.math > summary { list-style: none; }
      svg.bar rect { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
      a { color: inherit; text-decoration: none; }
    }

    """
}
