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
