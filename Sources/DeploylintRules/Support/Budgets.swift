import DeploylintCore

extension MemoryBudget {
  /// "0.5 GB (assumed: Railway's free plan…)" for messages.
  var described: String { "\(Bytes.format(bytes, .decimal)) (\(source))" }

  /// The budget as a related location, when a file states it.
  var related: [RelatedLocation] { span.map { [RelatedLocation($0, source)] } ?? [] }
}

extension Service {
  /// "Render `standard` (2 GB, $25/month)": the smallest plan of the
  /// service's platform with at least `bytes`, for fixes that say what to buy.
  func smallestPlanText(fitting bytes: Int64) -> String? {
    ServiceEstimates.smallestPlan(platform, fitting: bytes)?.described
  }
}

extension MemoryBudget {
  /// The severity policy (issue 14): an error needs a declared budget or the
  /// platform's documented default; an assumed budget gives a warning at most.
  func allowing(_ severity: Severity) -> Severity {
    assumed && severity == .error ? .warning : severity
  }

  /// "the 4 GiB this container gets (compose deploy.resources.limits.memory 4G)",
  /// worded conditionally when the budget is assumed.
  func gets(_ subject: String = "this service") -> String {
    let amount =
      bytes % Bytes.MiB == 0 || bytes % Bytes.MB != 0
      ? Bytes.format(bytes, .binary) : Bytes.format(bytes, .decimal)
    return assumed
      ? "the \(amount) \(subject) would get if the assumption holds (\(source))"
      : "the \(amount) \(subject) gets (\(source))"
  }

  /// How to state the real memory when deploylint assumed it: the exact
  /// `.deploylint.yml` lines.
  func declarationHelp(_ service: String) -> [String] {
    guard assumed else { return [] }
    return [
      "deploylint assumed this budget; declare the real one in .deploylint.yml: "
        + "`services: {\(yamlKey(service)): {memory: 1g}}` (or `plan: <plan>`)"
    ]
  }
}

/// A service name as a YAML key (quoted when it is not a plain word).
func yamlKey(_ name: String) -> String {
  let plain =
    !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
  return plain ? name : "\"\(name.replacingQuotes())\""
}

extension String {
  fileprivate func replacingQuotes() -> String { String(map { $0 == "\"" ? "'" : $0 }) }
}

extension Service {
  /// How to give the service more memory: the compose key it already uses,
  /// else the smallest plan of its platform with at least `bytes`.
  func raiseHelp(to bytes: Int64) -> String? {
    let rounded = Saturating.sum(bytes, 64 * Bytes.MiB - 1) / (64 * Bytes.MiB) * (64 * Bytes.MiB)
    if let limit = compose?.memLimit {
      return "or raise \(limit.key) to \(MemorySize.dockerText(rounded)) or more"
    }
    if let plan = smallestPlanText(fitting: bytes) { return "or move to \(plan)" }
    return nil
  }
}
