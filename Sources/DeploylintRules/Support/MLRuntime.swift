import DeploylintCore

/// Which services run a heavy ML runtime, shared by the rules that care.
enum MLRuntime {
  /// TensorFlow distributions: like torch, they load a large native runtime.
  static let tensorflowPackages: Set<String> = [
    "tensorflow", "tensorflow-cpu", "tf-nightly", "keras-nightly",
  ]

  /// The package that makes this service an ML runtime (torch first), if any.
  static func runtimePackage(_ service: Service) -> PackageRef? {
    service.pythonPackages.first { TorchWithoutThreadLimits.torchPackages.contains($0.name) }
      ?? service.pythonPackages.first(where: TorchWithoutThreadLimits.pullsTorch)
      ?? service.pythonPackages.first { tensorflowPackages.contains($0.name) }
  }

  /// Platforms deploylint models that run no GPU for the plans it knows.
  static func isCPUOnly(_ service: Service) -> Bool {
    switch service.platform {
    case .render, .railway, .heroku: return true
    case .fly: return !(service.plan ?? "").contains("gpu")
    default: return false
    }
  }

  /// Human form of a package reference: "`kokoro` (requirements.txt:2)".
  static func describe(_ package: PackageRef) -> String { "`\(package.name)` at \(package.source)" }
}

extension MemoryBudget {
  /// "0.5 GB (assumed: Railway's free plan…)" for messages.
  var described: String { "\(Bytes.format(bytes)) (\(source))" }
}

/// The related location of a budget, when a file states it.
func budgetRelated(_ budget: MemoryBudget?) -> [RelatedLocation] {
  guard let budget, let span = budget.span else { return [] }
  return [RelatedLocation(span, budget.source)]
}

/// "Render `standard` (2 GB, $25/month)": the smallest plan of the service's
/// platform that fits, for fixes that say what to buy.
func smallestPlanText(_ service: Service, fitting bytes: Int64) -> String? {
  guard let platform = service.platform, let plan = PlanCatalog.smallestPlan(platform, fitting: bytes),
    let memory = plan.memory
  else { return nil }
  var text = "\(platform.displayName) `\(plan.id)` (\(Bytes.format(memory))"
  if let price = plan.monthlyUSD { text += price == 0 ? ", free" : ", $\(Int(price))/month" }
  if let note = plan.note { text += "; \(note)" }
  return text + ")"
}
