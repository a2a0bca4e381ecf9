import DeploylintCore
import Foundation

/// What the engine does to every rule's findings, whatever the rule
/// (issue 14 items 3 and 5): an error that rests on an assumed budget becomes
/// a conditional warning naming the `.deploylint.yml` lines that declare the
/// real one, and a finding several services share (the same rule at the same
/// place) is reported once, naming each of them.
enum FindingPolicy {
  static func apply(_ findings: [Finding], project: Project, rules: [RuleDescription]) -> [Finding] {
    let judges = Dictionary(
      rules.compactMap { r in r.judges.map { (r.id, $0) } }, uniquingKeysWith: { a, _ in a })
    let services = Dictionary(project.services.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    let capped = findings.map { finding -> Finding in
      guard let side = judges[finding.ruleID], let name = finding.service, let service = services[name],
        let budget = side == .runtime ? service.runtimeBudget : service.build.budget
      else { return finding }
      return cap(finding, budget: budget)
    }
    return merged(capped.map { StartScripts.attributed($0, services: services) })
  }

  /// At most a warning on an assumed budget, said as a condition, with the
  /// lines that make the budget declared.
  static func cap(_ finding: Finding, budget: MemoryBudget) -> Finding {
    guard budget.assumed else { return finding }
    var f = finding
    if f.severity == .error {
      f.severity = .warning
      // The condition states the assumption once: a rule that quoted the
      // budget's source ("(assumed: Railway's free plan …; set …)") loses
      // that clause, and the help below names the lines to declare.
      f.message =
        "If the service runs on \(assumption(of: budget)), which deploylint assumes because nothing in the "
        + "repository declares its plan: "
        + f.message.replacingOccurrences(of: " (\(budget.source))", with: "")
    }
    if let declaration = budget.declaration,
      !f.help.contains(where: { $0.contains(declaration.dottedPath) })
    {
      f.help.append(
        "declare the real plan in .deploylint.yml (`\(declaration.dottedPath)`), and deploylint judges against it:\n"
          + declaration.lines.joined(separator: "\n"))
    }
    return f
  }

  /// What was assumed, in words: "Railway's free plan (0.5 GB, 1 vCPU per
  /// service)" from the source "assumed: Railway's free plan (…); set …".
  static func assumption(of budget: MemoryBudget) -> String {
    var text = Substring(budget.source)
    if text.hasPrefix("assumed: ") { text = text.dropFirst("assumed: ".count) }
    if let end = text.firstIndex(of: ";") { text = text[..<end] }
    let words = text.trimmingCharacters(in: .whitespaces)
    return words.isEmpty ? Bytes.format(budget.bytes, .decimal) : words
  }

  /// One finding per rule, place and text for the services that share a
  /// file: the first (most severe) is kept and names every service it
  /// concerns. Findings that say different things at one place (a service's
  /// heap and the stack's sum) stay apart.
  static func merged(_ findings: [Finding]) -> [Finding] {
    struct Key: Hashable {
      var rule: String
      var span: Span
      var message: String
      var service: String?
    }
    var order: [Key] = []
    var groups: [Key: [Finding]] = [:]
    for finding in findings {
      // Without a service a finding is about the whole tree: never merged.
      let key = Key(
        rule: finding.ruleID, span: finding.span, message: finding.message,
        service: finding.service == nil ? "" : nil)
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(finding)
    }
    return order.map { key in
      let group = groups[key]!
      guard group.count > 1 else { return group[0] }
      let top = group.map(\.severity).max() ?? group[0].severity
      var best = group.first { $0.severity == top } ?? group[0]
      let names = group.compactMap(\.service).reduce(into: [String]()) {
        if !$0.contains($1) { $0.append($1) }
      }
      if names.count > 1 {
        let others = names.filter { $0 != best.service }.map { "`\($0)`" }.joined(separator: ", ")
        best.message += " The same holds for \(others), which read the same file."
      }
      return best
    }
  }

  /// Paths in texts relative to the scanned root, however the root was
  /// named on the command line (an absolute path never reaches a message).
  static func relative(_ findings: [Finding], roots: [String]) -> [Finding] {
    let prefixes = roots.filter { !$0.isEmpty && $0 != "." }.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
      .sorted { $0.count > $1.count }
    guard !prefixes.isEmpty else { return findings }
    func strip(_ text: String) -> String {
      prefixes.reduce(text) { $0.replacing($1, with: "") }
    }
    return findings.map { finding in
      var f = finding
      f.message = strip(f.message)
      f.help = f.help.map(strip)
      f.related = f.related.map { RelatedLocation($0.span, strip($0.message)) }
      return f
    }
  }
}
