import DeploylintCore

/// Every rule deploylint has, in id order. Adding a rule is one file plus one
/// line here; the docs, `deploylint rules` and SARIF metadata follow.
public enum RuleRegistry {
  public static let all: [AnyRule] = [
    AnyRule(InPlatformRustBuild.self),
    AnyRule(RustBuildExceedsBuildMemory.self),
    AnyRule(NodeBuildExceedsBuildMemory.self),
    AnyRule(NodeHeapExceedsMemory.self),
    AnyRule(NodeHeapFlagOnWrapper.self),
    AnyRule(PM2HeapExceedsRestartThreshold.self),
    AnyRule(ComposeMemoryExceedsHost.self),
    AnyRule(IneffectiveEnvironmentVariable.self),
    AnyRule(InvalidComposeKey.self),
    AnyRule(PostgresMemoryExceedsLimit.self),
    AnyRule(RedisWithoutMaxmemory.self),
    AnyRule(ServiceWithoutMemoryLimit.self),
    AnyRule(CUDASettingWithoutGPU.self),
    AnyRule(CUDAWheelsOnCPUPlatform.self),
    AnyRule(DeprecatedPlatformConfig.self),
    AnyRule(InvalidPlatformSetting.self),
    AnyRule(ProcfileWithoutPlatform.self),
    AnyRule(MLRuntimeExceedsMemory.self),
    AnyRule(SuppressionWithoutReason.self),
    AnyRule(ImageExceedsPlatformLimit.self),
    AnyRule(ImageShipsBuildToolchain.self),
    AnyRule(ModelWeightsExceedMemory.self),
    AnyRule(TorchWithoutThreadLimits.self),
    AnyRule(UnparseableFile.self),
    AnyRule(UnusedSuppression.self),
    AnyRule(WorkersMultiplyMemory.self),
    AnyRule(JVMHeapExceedsMemory.self),
    AnyRule(JobConcurrencyExceedsMemory.self),
    AnyRule(RuntimeLimitExceedsMemory.self),
    AnyRule(SizesFromHostMemory.self),
  ].sorted { $0.description.id < $1.description.id }

  /// The rule with this id or alias.
  public static func rule(_ id: String) -> AnyRule? {
    all.first { $0.description.id == id || $0.description.aliases.contains(id) }
  }
}
