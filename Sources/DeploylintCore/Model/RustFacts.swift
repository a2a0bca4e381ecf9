/// Rust facts: the dependency graph and how (and where) it is compiled.
public struct RustFacts: Sendable, Hashable {
  public var lockPath: String
  public var packageCount: Int
  /// Span of the lock file (first line), for related locations.
  public var lockSpan: Span
  public var heavyCrates: [HeavyCrate] = []
  /// `cargo build`/`cargo install` steps that run during the service's build.
  public var buildSteps: [CargoBuildStep] = []
  /// The release profile's settings, when Cargo.toml sets them.
  public var profile = RustProfileFacts()
  /// The Dockerfile that runs the build steps, relative to the scanned root
  /// (for the CI workflow a fix proposes).
  public var dockerfilePath: String? = nil
  public init(lockPath: String, packageCount: Int, lockSpan: Span) {
    self.lockPath = lockPath
    self.packageCount = packageCount
    self.lockSpan = lockSpan
  }
}

public struct HeavyCrate: Sendable, Hashable {
  public var name: String
  public var span: Span
  public var reason: String
  public init(name: String, span: Span, reason: String) {
    self.name = name
    self.span = span
    self.reason = reason
  }
}

public struct CargoBuildStep: Sendable, Hashable {
  public var text: String
  public var span: Span
  public var source: String
  /// `-j N` / `--jobs N` / `CARGO_BUILD_JOBS`, where it is set.
  public var jobs: Located<Int>?
  public var release: Bool
  /// False for `cargo install <tool>`: it compiles a tool from crates.io, not
  /// the graph of the service's Cargo.lock.
  public var buildsProject = true
  /// The `RUN` mounts a BuildKit cache (`--mount=type=cache`), so `target/`
  /// may survive between builds on a builder that keeps its cache.
  public var usesCacheMount = false
  public init(text: String, span: Span, source: String, jobs: Located<Int>? = nil, release: Bool) {
    self.text = text
    self.span = span
    self.source = source
    self.jobs = jobs
    self.release = release
  }
}

/// The settings of the cargo profile the build uses.
public struct RustProfileFacts: Sendable, Hashable {
  /// Cargo's default for the profile: full debug info for `dev` and `test`.
  public var defaultDebugInfo = false
  /// The `debug = …` that decides, when Cargo.toml sets it (true: full debug info).
  public var debug: Located<Bool>?
  /// `fat` or `thin` LTO, where set; nil when off or unset.
  public var lto: Located<String>?
  public var codegenUnits: Located<Int>?
  public init() {}

  /// Whether the build emits full debug info.
  public var debugInfo: Bool { debug?.value ?? defaultDebugInfo }
}
