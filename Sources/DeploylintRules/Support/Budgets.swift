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
    if platform == .fly {
      // Fly sets memory independently of the CPU preset, in 256 MB steps.
      let step = 256 * Bytes.MiB
      let steps = max(1, bytes / step + (bytes % step == 0 ? 0 : 1))
      return "`memory = \"\(steps * 256)mb\"` in the fly.toml [[vm]] block of this process group "
        + "(Fly sets memory independently of the CPU preset; a shared-cpu-1x takes up to 2 GB)"
    }
    return ServiceEstimates.smallestPlan(platform, fitting: bytes)?.described
  }
}
