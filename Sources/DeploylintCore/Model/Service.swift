/// A deployable unit as the platform deploys it (DESIGN.md §3, "the service
/// model is the deploy path"): where it runs and with how much memory, how it
/// is built and where, what it starts with which environment, and the facts
/// of each technology it uses. Assembly resolves it once; every rule, the
/// budget picture and the JSON report read it.
public struct Service: Sendable {
  public var name: String
  /// The name `.deploylint.yml` knows the service by (`services.<key>`):
  /// the name before a suffix told two services of the same name apart.
  public var configName: String? = nil
  /// `services.<key>.<setting>` as a valid `.deploylint.yml` path (quoted
  /// when YAML would misread the key), for help text.
  public func configPath(_ setting: String) -> String {
    ConfigDeclaration(path: ["services", configName ?? name, setting], value: "").dottedPath
  }
  /// Where the service is declared (render.yaml entry, compose key, Dockerfile).
  public var span: Span

  // MARK: Where it runs

  public var platform: Platform?
  /// Why deploylint believes the platform: the file that declares the
  /// service, the evidence of a Procfile host, `.deploylint.yml`.
  public var platformEvidence: Evidence? = nil
  /// The plan as written (`plan: free`, a dyno size, `.deploylint.yml`).
  public var plan: Located<String>?
  /// Memory the running service gets, if known, with its provenance.
  public var runtimeBudget: MemoryBudget?
  /// `numInstances`, `deploy.replicas`, a formation quantity, when written.
  public var instances: Located<Int>? = nil

  // MARK: How it is built

  public var build: BuildPath

  // MARK: What it runs

  /// The start command chain: what the platform invokes, down to the process.
  public var start = StartChain()
  /// The command the platform runs (the chain's first link).
  public var startCommand: StartCommand? { start.command }
  /// The command of the process the chain ends in: the script's `exec` line
  /// when the start command runs a script, else the start command itself.
  /// What the domain facts (workers, heap flags, job concurrency) are read from.
  public var processCommand: StartCommand? { start.links.last { $0.kind != .script }?.command }
  /// The environment the process runs with: final stage `ENV`s overlaid by the
  /// platform's variables.
  public var environment: Environment
  /// Variables the platform sets while it builds the service (Render
  /// `envVars`, Railway variables, build args). The Dockerfile's own `ARG` and
  /// `ENV` are in its recipe, stage by stage.
  public var buildEnvironment = Environment()

  // MARK: What the platform reads

  /// The repository's files the platform reads for this service, and those
  /// it ignores, with the reason.
  public var files: [DeployFile] = []

  // MARK: How many processes and jobs it runs

  /// Worker processes of its application server (gunicorn, uvicorn, Puma,
  /// Unicorn, Passenger, PHP-FPM).
  public var workers: WorkerFacts? = nil
  /// The queue worker it runs and how many jobs run at once.
  public var jobRunner: JobRunnerFacts? = nil
  /// Memory one job needs, as `.deploylint.yml` declares it (`services.<name>.job-memory`).
  public var jobMemory: Located<Int64>? = nil

  // MARK: Facts by technology

  public var python = PythonFacts()
  public var node = NodeFacts()
  public var rust: RustFacts? = nil
  /// The JVM it runs, when it runs one.
  public var jvm: JVMFacts? = nil
  /// Go and .NET memory limits set in its environment.
  public var runtimeLimits = RuntimeLimitFacts()
  public var compose: ComposeFacts? = nil
  /// Well-known servers it runs (Postgres, Redis) and their memory settings.
  public var servers = ServerFacts()
  /// The platform file that declares it, for settings rules judge.
  public var platformConfig: PlatformConfigFacts? = nil
  /// The scanned image it runs, when one was given.
  public var image: ImageFacts? = nil
  /// The image a platform pulls (`image.url`, compose `image:`), to link scanned images.
  public var imageReference: String? = nil

  public init(
    name: String, span: Span, platform: Platform? = nil, plan: Located<String>? = nil,
    runtimeBudget: MemoryBudget? = nil, build: BuildPath = BuildPath(),
    environment: Environment = Environment()
  ) {
    self.name = name
    self.span = span
    self.platform = platform
    self.plan = plan
    self.runtimeBudget = runtimeBudget
    self.build = build
    self.environment = environment
  }

  /// Processes the platform runs: `instances`, else one.
  public var instanceCount: Int { instances?.value ?? 1 }

  /// Platforms and plans deploylint models that run no GPU.
  public var runsWithoutGPU: Bool {
    switch platform {
    case .render, .railway, .heroku: return true
    case .fly: return !(plan?.value ?? "").contains("gpu")
    default: return false
    }
  }

  /// The image references the service runs: compose `image:`, the base of the
  /// Dockerfile it builds, the image a platform pulls.
  public var imageReferences: [String] {
    (compose?.imageReferences ?? []) + [imageReference].compactMap { $0 }
  }
}

/// How the service's deployable artefact is produced.
public enum BuildKind: Sendable {
  /// From a Dockerfile (`BuildPath.recipe`).
  case dockerfile
  /// A platform-native build (`buildCommand`, buildpacks, Nixpacks/Railpack).
  case native(command: String?)
  /// A prebuilt image pulled from a registry: nothing is built on the platform.
  case prebuilt(image: String)
  case unknown
}

/// How a service is built and where: the recipe, the folder it reads, the
/// command a native build runs, the machine that builds it and its memory.
public struct BuildPath: Sendable {
  public var kind: BuildKind = .unknown
  /// The Dockerfile's facts, when built from one.
  public var recipe: ImageRecipe? = nil
  /// The build context folder, relative to the scan root ("" for the root).
  public var contextPath: String = ""
  /// The service's root directory when it is not the folder of the file that
  /// declares the service (Railway's dashboard Root Directory, declared in
  /// `.deploylint.yml` `services.<name>.root`), with where it is declared.
  public var root: Evidence? = nil
  /// A platform-native build command (`render.yaml buildCommand`, Railway `buildCommand`).
  public var nativeCommand: BuildStep? = nil
  /// Why this recipe: the line that chose the Dockerfile (`dockerfilePath`,
  /// `runtime: docker`) or the platform rule that did.
  public var recipeChoice: Evidence? = nil
  /// The Dockerfile stage built (compose `build.target`, Fly `build-target`);
  /// nil for the last stage.
  public var target: Located<String>? = nil
  /// The platform's builder of a native build (Railpack, Nixpacks, a Render
  /// native runtime, Heroku's buildpacks) and its configuration file.
  public var builder: NativeBuilder? = nil
  /// Where the build runs (the platform's builder, the compose host…).
  public var location: BuildLocation? = nil
  /// Memory stated for the build itself (a `build-memory` override, the
  /// compose host), which wins over the builder's.
  public var declaredBudget: MemoryBudget? = nil

  public init(kind: BuildKind = .unknown) { self.kind = kind }

  /// The memory the build gets: the declared amount, else the builder's.
  public var budget: MemoryBudget? { declaredBudget ?? location?.budget }
}

/// A platform's own builder of a native build.
public struct NativeBuilder: Hashable, Sendable {
  /// "Railpack", "Nixpacks", "Render native runtime `python`", "Heroku buildpacks".
  public var name: String
  /// Its configuration file (`railpack.json`, `nixpacks.toml`), relative to the scanned root.
  public var config: String?
  public var evidence: Evidence
  public init(name: String, config: String? = nil, evidence: Evidence) {
    self.name = name
    self.config = config
    self.evidence = evidence
  }
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

/// Platform configuration a rule may judge: the runtime or builder named, the
/// config file kind (for deprecations).
public struct PlatformConfigFacts: Sendable, Hashable {
  /// The config file that declares the service (`render.yaml`, `railway.json`).
  public var file: String
  public var fileSpan: Span
  /// Render `runtime` (or legacy `env`), Railway `builder`, as written.
  public var runtime: Setting<String>?
  /// The day after which the platform stopped reading the file (Railway
  /// config-as-code, 2026-12-01), when today is past it; nil while it is read.
  public var notReadSince: String? = nil
  /// The file's settings that no longer apply since `notReadSince`, as written.
  public var notRead: [Setting<String>] = []
  public init(file: String, fileSpan: Span, runtime: Setting<String>? = nil) {
    self.file = file
    self.fileSpan = fileSpan
    self.runtime = runtime
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
  /// Deployment files no service reads, with the reason (a `render.yaml`
  /// copy, a nested `render.yaml`): `deploylint services` lists them.
  public var ignoredFiles: [DeployFile] = []
  /// Procfiles nothing says which platform starts: no service comes from them.
  public var unclaimedProcfiles: [UnclaimedProcfile] = []
  /// Platform configuration files that make no service (a `railway.json`
  /// whose folder is no service root): rules about the file itself (its
  /// deprecation) still apply to them.
  public var serviceLessConfigs: [PlatformConfigFacts] = []
  public init(services: [Service] = [], diagnostics: [Finding] = [], hosts: [HostFacts] = []) {
    self.services = services
    self.diagnostics = diagnostics
    self.hosts = hosts
  }
}
