import DeploylintCore

/// Go's and .NET's memory limits from the service's environment: `GOMEMLIMIT`
/// (bytes with an IEC suffix), `DOTNET_GCHeapHardLimit` and
/// `DOTNET_GCHeapHardLimitPercent` (hexadecimal, also with the older
/// `COMPlus_` prefix).
enum RuntimeLimitAssembly {
  @Sendable static func enrich(_ service: inout Service, _ assembler: Assembler) {
    let env = service.environment
    var limits = RuntimeLimitFacts()
    if let v = env["GOMEMLIMIT"], let bytes = RuntimeLimitUnits.goMemoryLimit(v.value) {
      limits.goMemoryLimit = RuntimeLimitSetting(value: bytes, variable: v)
    }
    for prefix in ["COMPlus_", "DOTNET_"] {
      if let v = env[prefix + "GCHeapHardLimit"], let bytes = RuntimeLimitUnits.dotnetHex(v.value) {
        limits.dotnetHeapHardLimit = RuntimeLimitSetting(value: bytes, variable: v)
      }
      if let v = env[prefix + "GCHeapHardLimitPercent"], let percent = RuntimeLimitUnits.dotnetHex(v.value) {
        limits.dotnetHeapHardLimitPercent = RuntimeLimitSetting(value: percent, variable: v)
      }
    }
    service.runtimeLimits = limits
  }
}
