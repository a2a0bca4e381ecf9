import DeploylintCore

/// Every rule deploylint has, in id order. Adding a rule is one file plus one
/// line here; the docs, `deploylint rules` and SARIF metadata follow.
public enum RuleRegistry {
  public static let all: [AnyRule] = [
    AnyRule(ImageExceedsPlatformLimit.self),
    AnyRule(ImageShipsBuildToolchain.self),
    AnyRule(ImageShipsCudaLibraries.self),
    AnyRule(ModelWeightsExceedMemory.self),
    AnyRule(TorchWithoutThreadLimits.self),
    AnyRule(UnparseableFile.self),
  ].sorted { $0.description.id < $1.description.id }

  /// The rule with this id or alias.
  public static func rule(_ id: String) -> AnyRule? {
    all.first { $0.description.id == id || $0.description.aliases.contains(id) }
  }
}
