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

  /// Platforms whose services never get a GPU.
  public static let withoutGPUs: Set<Platform> = [.render, .railway, .heroku]
}

/// An amount of memory the service gets (to run or to be built), with the
/// reason deploylint believes it: every message that relies on a budget says
/// where it came from.
public struct MemoryBudget: Hashable, Sendable {
  /// Why deploylint believes a budget (DESIGN.md §3): only a declared budget
  /// or the platform's documented default can support an error.
  public typealias Provenance = DeploylintCore.Provenance

  public var bytes: Int64
  public var cpus: Double?
  /// "Render plan `free`: 512 MB", "assumed: Railway free plan (0.5 GB)".
  public var source: String
  /// Where the budget is set, when a file sets it.
  public var span: Span?
  public var provenance: Provenance
  /// For a budget that is not declared: the `.deploylint.yml` lines that
  /// declare the real one (`services:` / `  api:` / `    plan: hobby`).
  public var declaration: ConfigDeclaration?

  public init(
    bytes: Int64, cpus: Double? = nil, source: String, span: Span? = nil, provenance: Provenance = .declared,
    declaration: ConfigDeclaration? = nil
  ) {
    self.bytes = bytes
    self.cpus = cpus
    self.source = source
    self.span = span
    self.provenance = provenance
    self.declaration = declaration
  }

  /// True when nothing in the repository states it and deploylint assumed it.
  public var assumed: Bool { provenance == .assumed }

  public var megabytes: Int64 { bytes / 1_000_000 }
  public var mebibytes: Int64 { bytes / 1_048_576 }
}

/// Byte quantities as the platforms (decimal) and estimates (binary) write them.
public enum Bytes {
  public static let kB: Int64 = 1_000
  public static let MB: Int64 = 1_000_000
  public static let GB: Int64 = 1_000_000_000
  public static let KiB: Int64 = 1_024
  public static let MiB: Int64 = 1_048_576
  public static let GiB: Int64 = 1_073_741_824
}
