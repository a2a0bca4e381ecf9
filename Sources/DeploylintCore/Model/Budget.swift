/// Where a service runs or is built.
public enum Platform: String, Sendable, Codable, CaseIterable {
  case render, railway, fly, heroku, compose, generic
  public var displayName: String {
    switch self {
    case .render: "Render"
    case .railway: "Railway"
    case .fly: "Fly.io"
    case .heroku: "Heroku"
    case .compose: "Docker Compose"
    case .generic: "container"
    }
  }
}

/// An amount of memory the service gets (to run or to be built), with the
/// reason deploylint believes it: every message that relies on a budget says
/// where it came from.
public struct MemoryBudget: Hashable, Sendable {
  public var bytes: Int64
  public var cpus: Double?
  /// "Render plan `free`: 512 MB", "assumed: Railway free plan (0.5 GB)".
  public var source: String
  /// Where the budget is set, when a file sets it.
  public var span: Span?
  /// True when nothing in the repository states it and deploylint assumed it.
  public var assumed: Bool

  public init(bytes: Int64, cpus: Double? = nil, source: String, span: Span? = nil, assumed: Bool = false) {
    self.bytes = bytes
    self.cpus = cpus
    self.source = source
    self.span = span
    self.assumed = assumed
  }

  public var megabytes: Int64 { bytes / 1_000_000 }
  public var mebibytes: Int64 { bytes / 1_048_576 }
}

/// Decimal byte quantities as the platforms write them ("512 MB" = 512 × 10⁶).
public enum Bytes {
  public static let kB: Int64 = 1_000
  public static let MB: Int64 = 1_000_000
  public static let GB: Int64 = 1_000_000_000
  public static let KiB: Int64 = 1_024
  public static let MiB: Int64 = 1_048_576
  public static let GiB: Int64 = 1_073_741_824

  /// "512 MB", "1.5 GB", "2 GB": the platforms' own unit style.
  public static func format(_ bytes: Int64) -> String {
    if bytes >= GB / 2, bytes % (GB / 10) == 0 {
      let tenths = bytes / (GB / 10)
      return tenths % 10 == 0 ? "\(tenths / 10) GB" : "\(tenths / 10).\(tenths % 10) GB"
    }
    if bytes >= MB { return "\((bytes + MB / 2) / MB) MB" }
    if bytes >= kB { return "\((bytes + kB / 2) / kB) kB" }
    return "\(bytes) B"
  }
}
