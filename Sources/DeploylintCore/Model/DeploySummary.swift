/// A service's resolved deploy path as `deploylint services`, the JSON report
/// and `budget` show it: the same facts the rules read (`Service`), reduced
/// to values that render (no Dockerfile syntax, no estimates).
public struct DeploySummary: Hashable, Sendable {
  public var name: String
  public var span: Span
  public var platform: Platform?
  public var platformEvidence: Evidence?
  public var plan: Located<String>?
  public var runtimeBudget: MemoryBudget?
  public var instances: Located<Int>?
  public var build: BuildSummary
  public var start: StartChain
  public var runEnvironment: Environment
  public var buildEnvironment: Environment
  public var files: [DeployFile]

  public init(_ service: Service) {
    name = service.name
    span = service.span
    platform = service.platform
    platformEvidence = service.platformEvidence
    plan = service.plan
    runtimeBudget = service.runtimeBudget
    instances = service.instances
    build = BuildSummary(service.build)
    start = service.start
    runEnvironment = service.environment
    buildEnvironment = service.buildEnvironment
    files = service.files
  }
}

/// How a service is built, as `DeploySummary` shows it.
public struct BuildSummary: Hashable, Sendable {
  /// `dockerfile`, `native`, `prebuilt` or `unknown`.
  public var kind: String
  /// The Dockerfile built, as shown to the user.
  public var dockerfile: String?
  /// The build context or native build folder, relative to the scanned root ("" for the root).
  public var context: String
  public var target: Located<String>?
  /// The prebuilt image pulled, when nothing is built.
  public var image: String?
  public var command: CommandFact?
  public var builder: NativeBuilder?
  public var choice: Evidence?
  public var location: BuildLocation?
  /// The memory the build gets (declared for the build, else the builder's).
  public var budget: MemoryBudget?

  public init(_ build: BuildPath) {
    switch build.kind {
    case .dockerfile: kind = "dockerfile"
    case .native: kind = "native"
    case .prebuilt(let image):
      kind = "prebuilt"
      self.image = image.isEmpty ? nil : image
    case .unknown: kind = "unknown"
    }
    dockerfile = build.recipe?.path
    context = build.contextPath
    target = build.target
    command = build.nativeCommand
    builder = build.builder
    choice = build.recipeChoice
    location = build.location
    budget = build.budget
  }
}

extension Project {
  /// Every service's deploy path, in report order.
  public var deploySummaries: [DeploySummary] { services.map(DeploySummary.init) }
}
