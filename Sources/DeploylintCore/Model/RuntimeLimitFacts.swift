/// Memory limits a language runtime is told to respect, from the service's
/// environment: Go's soft limit and .NET's GC heap hard limit. Each is
/// located at the variable that sets it.
public struct RuntimeLimitFacts: Sendable, Hashable {
  /// `GOMEMLIMIT` in bytes (nil when unset, `off`, or unreadable).
  public var goMemoryLimit: RuntimeLimitSetting<Int64>?
  /// `DOTNET_GCHeapHardLimit` (or `COMPlus_GCHeapHardLimit`) in bytes.
  public var dotnetHeapHardLimit: RuntimeLimitSetting<Int64>?
  /// `DOTNET_GCHeapHardLimitPercent` (or `COMPlus_…`) as a percentage.
  public var dotnetHeapHardLimitPercent: RuntimeLimitSetting<Int64>?

  public init() {}

  public var isEmpty: Bool {
    goMemoryLimit == nil && dotnetHeapHardLimit == nil && dotnetHeapHardLimitPercent == nil
  }
}

/// A runtime limit as its environment variable sets it: the variable (with
/// where and how it is set) and the value the runtime reads from it. Not a
/// `Setting`: the variable already carries its place and its source, and
/// messages quote it as the user wrote it (`GOMEMLIMIT=900MiB`).
public struct RuntimeLimitSetting<Value: Sendable & Hashable>: Sendable, Hashable {
  public var value: Value
  public var variable: EnvVar

  public init(value: Value, variable: EnvVar) {
    self.value = value
    self.variable = variable
  }

  /// The variable as written: `GOMEMLIMIT=900MiB`.
  public var written: String { "\(variable.key)=\(variable.value)" }
  /// Where the variable is set.
  public var span: Span { variable.span }
  /// "compose environment", "Dockerfile ENV".
  public var source: String { variable.source }
}

/// The units the runtimes read their limits in.
public enum RuntimeLimitUnits {
  /// `GOMEMLIMIT`: bytes with an optional `B`, `KiB`, `MiB`, `GiB` or `TiB`
  /// suffix (https://pkg.go.dev/runtime#hdr-Environment_Variables); nil for
  /// `off` and for anything else, which the runtime rejects.
  public static func goMemoryLimit(_ text: String) -> Int64? {
    let t = text.strippedOfSpaces
    let units: [(String, Int64)] = [
      ("TiB", Bytes.GiB * 1_024), ("GiB", Bytes.GiB), ("MiB", Bytes.MiB), ("KiB", Bytes.KiB), ("B", 1),
    ]
    for (suffix, multiplier) in units where t.hasSuffix(suffix) {
      guard let n = Int64(t.dropLast(suffix.count)), n >= 0 else { return nil }
      let (v, overflow) = n.multipliedReportingOverflow(by: multiplier)
      return overflow ? nil : v
    }
    guard let n = Int64(t), n >= 0 else { return nil }
    return n
  }

  /// .NET GC settings in environment variables are hexadecimal, with or
  /// without `0x` (https://learn.microsoft.com/dotnet/core/runtime-config/garbage-collector).
  public static func dotnetHex(_ text: String) -> Int64? {
    var t = Substring(text.strippedOfSpaces)
    if t.lowercased().hasPrefix("0x") { t = t.dropFirst(2) }
    guard !t.isEmpty, t.count <= 16, let n = UInt64(t, radix: 16), n <= UInt64(Int64.max) else { return nil }
    return Int64(n)
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  var strippedOfSpaces: String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
    return String(s)
  }
}
