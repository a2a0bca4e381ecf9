/// A Python package a service installs, and where that is stated.
public struct PackageRef: Hashable, Sendable {
  /// Normalised name (lower case, `_` and `.` as `-`).
  public var name: String
  public var span: Span
  /// "requirements.txt", "Dockerfile RUN", "pyproject.toml".
  public var source: String
  /// Extras requested (`transformers[torch]` → `["torch"]`), lower-cased.
  public var extras: [String]
  /// True when the package is named on a Dockerfile `RUN` line (as opposed to
  /// listed in a manifest that some install reads).
  public var direct: Bool
  /// The `RUN` instruction that installs it, when known.
  public var installSpan: Span?
  public init(
    name: String, span: Span, source: String, extras: [String] = [], direct: Bool = false,
    installSpan: Span? = nil
  ) {
    self.name = PackageRef.normalize(name)
    self.span = span
    self.source = source
    self.extras = extras.map { $0.lowercased() }
    self.direct = direct
    self.installSpan = installSpan
  }

  public static func normalize(_ name: String) -> String {
    String(name.lowercased().map { $0 == "_" || $0 == "." ? "-" : $0 })
  }
}

/// How the service's deployable artefact is produced.
public enum BuildKind: Sendable {
  /// From a Dockerfile, built where `location` says.
  case dockerfile
  /// A platform-native build (`buildCommand`, buildpacks, Nixpacks/Railpack).
  case native(command: String?)
  /// A prebuilt image pulled from a registry: nothing is built on the platform.
  case prebuilt(image: String)
  case unknown
}

/// Where a build runs, which decides what memory bounds it.
public struct BuildLocation: Hashable, Sendable {
  public var description: String
  /// Memory of the builder when known (Render pipeline 8 GB, the compose host…).
  public var budget: MemoryBudget?
  /// True when the build runs on the platform after a git push (not in CI).
  public var onPlatform: Bool
  public init(description: String, budget: MemoryBudget?, onPlatform: Bool) {
    self.description = description
    self.budget = budget
    self.onPlatform = onPlatform
  }
}

/// A deployable unit: what runs, where, with how much memory, built how.
public struct Service: Sendable {
  public var name: String
  /// Where the service is declared (render.yaml entry, compose key, Dockerfile).
  public var span: Span
  public var platform: Platform?
  /// Plan name as written, with its span.
  public var plan: String?
  public var planSpan: Span?
  /// Memory the running service gets, if known.
  public var runtimeBudget: MemoryBudget?
  public var build: BuildKind
  public var buildLocation: BuildLocation?
  /// The Dockerfile's facts, when built from one.
  public var recipe: ImageRecipe?
  /// The environment the process runs with: final stage `ENV`s overlaid by the
  /// platform's variables.
  public var environment: Environment
  /// Python packages installed in the shipped image or listed in its context.
  public var pythonPackages: [PackageRef]
  public var instances: Int
  /// Where `instances` is set.
  public var instancesSpan: Span? = nil
  /// Memory the build gets when it is bounded by a declared amount (a
  /// `build-memory` override, the compose host): see also `buildLocation`.
  public var buildBudget: MemoryBudget? = nil
  public var startCommand: StartCommand? = nil
  public var workers: WorkerFacts? = nil
  public var node = NodeFacts()
  public var rust: RustFacts? = nil
  public var compose: ComposeFacts? = nil
  public var platformConfig: PlatformConfigFacts? = nil
  /// Python package indexes the build installs from (`--index-url`), for the
  /// CUDA-wheel check.
  public var pythonIndexURLs: [String] = []
  /// The build context folder, relative to the scan root ("" for the root).
  public var contextPath: String = ""
  /// A platform-native build command (`render.yaml buildCommand`, Railway `buildCommand`).
  public var nativeBuildCommand: BuildStep? = nil
  /// The image a platform pulls (`image.url`, compose `image:`), to link scanned images.
  public var image: ImageFacts? = nil
  public var imageReference: String? = nil

  public init(
    name: String, span: Span, platform: Platform? = nil, plan: String? = nil,
    planSpan: Span? = nil, runtimeBudget: MemoryBudget? = nil, build: BuildKind = .unknown,
    buildLocation: BuildLocation? = nil, recipe: ImageRecipe? = nil,
    environment: Environment = Environment(), pythonPackages: [PackageRef] = [], instances: Int = 1
  ) {
    self.name = name
    self.span = span
    self.platform = platform
    self.plan = plan
    self.planSpan = planSpan
    self.runtimeBudget = runtimeBudget
    self.build = build
    self.buildLocation = buildLocation
    self.recipe = recipe
    self.environment = environment
    self.pythonPackages = pythonPackages
    self.instances = instances
  }
}

/// Everything deploylint knows about the scanned tree, as rules see it.
public struct Project: Sendable {
  public var services: [Service]
  /// Problems met while reading files (`unparseable-file`), already findings.
  public var diagnostics: [Finding]
  /// Machines running compose stacks whose memory is declared.
  public var hosts: [HostFacts] = []
  /// Catalog rows from `.deploylint.yml` `platforms.<name>.plans`, consulted
  /// before the built-in catalog (passed down, never global state).
  public var planOverrides: [Plan] = []
  public init(services: [Service] = [], diagnostics: [Finding] = [], hosts: [HostFacts] = []) {
    self.services = services
    self.diagnostics = diagnostics
    self.hosts = hosts
  }
}
