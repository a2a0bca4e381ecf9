import DeploylintCore
import DeploylintParsers
import DeploylintRules

/// The stage after check (DESIGN.md §1): drops findings covered by inline
/// suppression comments or by `.deploylint.yml` `ignore` entries, then reports
/// suppressions without a reason and suppressions that matched nothing.
struct SuppressionStage {
  var comments: [SuppressionComment]
  var ignores: [DeploylintConfig.IgnoreEntry]
  /// Rules that run (ids): meta notes are emitted only when their rule does.
  var enabled: Set<String>
  /// Rules turned off in the configuration: their suppressions are not "unused".
  var off: Set<String>
  var rules: [AnyRule]
  /// Display roots of the scan, so `ignore` paths are written relative to the root.
  var roots: [String]

  func run(_ findings: [Finding]) -> [Finding] {
    var used = comments.map { [Bool](repeating: false, count: $0.ids.count) }
    func suppressed(_ finding: Finding) -> Bool {
      if ignores.contains(where: { matches($0, finding) }) { return true }
      var hit = false
      for (c, comment) in comments.enumerated() where comment.covers(finding) {
        for (i, id) in comment.ids.enumerated() where canonical(id) == finding.ruleID {
          used[c][i] = true
          hit = true
        }
      }
      return hit
    }
    var kept = findings.filter { !suppressed($0) }
    var meta: [Finding] = []
    if enabled.contains(SuppressionWithoutReason.id) {
      for comment in comments where (comment.reason ?? "").isEmpty {
        meta.append(
          SuppressionWithoutReason().finding(
            "This suppression gives no reason; say why after `--` so the decision can be re-examined.",
            at: comment.span,
            help: ["append ` -- <why the finding is fine here>` to the comment"]))
      }
    }
    kept += meta.filter { !suppressed($0) }
    if enabled.contains(UnusedSuppression.id) {
      var unused: [Finding] = []
      for (c, comment) in comments.enumerated() {
        let idle = comment.ids.indices.filter {
          !used[c][$0] && !off.contains(canonical(comment.ids[$0]) ?? "")
        }
        guard !idle.isEmpty else { continue }
        unused.append(unusedFinding(comment, idle.map { comment.ids[$0] }))
      }
      kept += unused.filter { !suppressed($0) }
    }
    return kept.sorted(by: Finding.ordered)
  }

  func canonical(_ id: String) -> String? { RuleSettings.canonicalID(id, in: rules) }

  func unusedFinding(_ comment: SuppressionComment, _ ids: [String]) -> Finding {
    var parts: [String] = []
    var help: [String] = []
    for id in ids {
      if canonical(id) == nil {
        var text = "`\(id)` is not a rule"
        let known = RuleRegistry.all.map(\.description.id)
        if let guess = known.min(by: { DeploylintConfig.distance($0, id) < DeploylintConfig.distance($1, id) }
        ),
          DeploylintConfig.distance(guess, id) <= max(3, id.count / 3)
        {
          text += " (did you mean `\(guess)`?)"
        }
        parts.append(text)
      } else {
        parts.append(
          comment.fileWide ? "no `\(id)` finding in this file" : "no `\(id)` finding on this line or the next"
        )
      }
    }
    help.append(
      ids.count == comment.ids.count
        ? "remove the comment" : "remove \(ids.map { "`\($0)`" }.joined(separator: ", ")) from the comment")
    return UnusedSuppression().finding(
      "This suppression suppresses nothing: \(parts.joined(separator: "; ")).", at: comment.span, help: help)
  }

  func matches(_ entry: DeploylintConfig.IgnoreEntry, _ finding: Finding) -> Bool {
    if let rule = entry.rule, canonical(rule.value) != finding.ruleID, rule.value != finding.ruleID {
      return false
    }
    if let service = entry.service, finding.service != service.value { return false }
    if let path = entry.path {
      let candidates =
        [finding.span.path]
        + roots.compactMap { root -> String? in
          let prefix = root.hasSuffix("/") ? root : root + "/"
          return finding.span.path.hasPrefix(prefix) ? String(finding.span.path.dropFirst(prefix.count)) : nil
        }
      let glob = Glob(
        path.value.hasPrefix("./") ? String(path.value.dropFirst(2)) : path.value, syntax: .path)
      guard candidates.contains(where: glob.matches) else { return false }
    }
    return true
  }
}
