/// How a byte count is written for a reader. One formatter, one rounding
/// (half up, in integer arithmetic); the style only picks the units.
public enum ByteStyle: Sendable, Hashable {
  /// The platforms' own style for plans: "512 MB", "0.5 GB", "1.5 GB" (GB
  /// only when exact to a tenth, else whole MB), "kB", "B".
  case decimal
  /// Estimates, computed in binary units: whole "KiB"/"MiB", tenths of
  /// "GiB"/"TiB" ("512 MiB", "1.5 GiB").
  case binary
  /// The units a figure was most likely declared in: binary when it is a
  /// whole number of MiB (Docker's `512m`, Node's heap), else decimal.
  case declared
  /// Whole decimal megabytes, for differences ("over by 500 MB").
  case megabytes
}

extension Bytes {
  /// `bytes` in `style`; negative amounts get a leading `-`.
  /// A saturated amount (`Saturating`) reads as beyond representation.
  public static func format(_ bytes: Int64, _ style: ByteStyle) -> String {
    if Saturating.isSaturated(bytes) { return Saturating.beyondText }
    if bytes < 0 { return "-" + format(-bytes, style) }
    switch style {
    case .declared:
      return format(bytes, bytes % MiB == 0 ? .binary : .decimal)
    case .megabytes:
      return "\(rounded(bytes, MB)) MB"
    case .decimal:
      if bytes >= GB / 2, bytes % (GB / 10) == 0 { return tenths(bytes, GB, "GB") }
      if bytes >= MB { return "\(rounded(bytes, MB)) MB" }
      if bytes >= kB { return "\(rounded(bytes, kB)) kB" }
      return "\(bytes) B"
    case .binary:
      if bytes >= GiB * 1_024 { return tenths(bytes, GiB * 1_024, "TiB") }
      if bytes >= GiB { return tenths(bytes, GiB, "GiB") }
      if bytes >= MiB - KiB / 2 { return "\(rounded(bytes, MiB)) MiB" }
      if bytes >= KiB { return "\(rounded(bytes, KiB)) KiB" }
      return "\(bytes) B"
    }
  }

  /// `bytes / unit`, rounded half up, without overflow.
  private static func rounded(_ bytes: Int64, _ unit: Int64) -> Int64 {
    bytes / unit + (bytes % unit >= unit - unit / 2 ? 1 : 0)
  }

  /// "1.5 GiB", "2 GB": tenths of `unit`, rounded half up, a zero tenth dropped.
  private static func tenths(_ bytes: Int64, _ unit: Int64, _ name: String) -> String {
    let t = bytes / unit * 10 + rounded(bytes % unit * 10, unit)
    return t % 10 == 0 ? "\(t / 10) \(name)" : "\(t / 10).\(t % 10) \(name)"
  }
}

/// CPU counts as plans and hosts state them: "1 CPU", "2 CPUs", "0.5 CPUs".
public enum CPUCount {
  public static func format(_ cpus: Double) -> String {
    cpus == 1 ? "1 CPU" : "\(Saturating.text(cpus)) CPUs"
  }
}
