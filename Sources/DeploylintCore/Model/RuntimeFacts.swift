/// The command a service runs, as deploylint found it.
public struct StartCommand: Sendable, Hashable {
  /// The command line (exec-form arrays joined with spaces).
  public var text: String
  public var span: Span
  /// "render.yaml startCommand", "Dockerfile CMD", "Procfile web".
  public var source: String
  public init(text: String, span: Span, source: String) {
    self.text = text
    self.span = span
    self.source = source
  }
}

/// Worker processes of a Python web server (gunicorn `-w`, uvicorn `--workers`,
/// `WEB_CONCURRENCY`): each imports the app, so memory multiplies.
public struct WorkerFacts: Sendable, Hashable {
  public var count: Int
  /// Where the count is set (or the start command when it is a default).
  public var span: Span
  /// "gunicorn", "uvicorn".
  public var server: String
  /// gunicorn `--preload`: the app is imported once before forking.
  public var preload: Bool
  /// How the count was found: "gunicorn -w 2", "WEB_CONCURRENCY=2 (render.yaml)".
  public var source: String
  public init(count: Int, span: Span, server: String, preload: Bool, source: String) {
    self.count = count
    self.span = span
    self.server = server
    self.preload = preload
    self.source = source
  }
}

/// A Node.js `--max-old-space-size` flag that applies to the service.
public struct HeapFlag: Sendable, Hashable {
  public var mebibytes: Int
  public var span: Span
  /// "NODE_OPTIONS (render.yaml)", "package.json script `start`", "pm2 node_args".
  public var source: String
  public init(mebibytes: Int, span: Span, source: String) {
    self.mebibytes = mebibytes
    self.span = span
    self.source = source
  }
}

/// One pm2 app of an ecosystem file the service starts.
public struct PM2AppFacts: Sendable, Hashable {
  public var name: String
  public var span: Span
  /// Resolved process count (`max` → the plan's CPUs when known), nil if unknown.
  public var instances: Int?
  public var instancesText: String?
  public var instancesSpan: Span?
  public var isCluster: Bool
  public var heap: HeapFlag?
  public var maxMemoryRestart: Int64?
  public var maxMemoryRestartSpan: Span?
  /// `max_memory_restart` as written (`"1G"`).
  public var maxMemoryRestartText: String? = nil
  /// The ecosystem file (or package.json script) that declares the app.
  public var file: String? = nil
  public init(
    name: String, span: Span, instances: Int? = nil, instancesText: String? = nil, instancesSpan: Span? = nil,
    isCluster: Bool = false, heap: HeapFlag? = nil, maxMemoryRestart: Int64? = nil,
    maxMemoryRestartSpan: Span? = nil
  ) {
    self.name = name
    self.span = span
    self.instances = instances
    self.instancesText = instancesText
    self.instancesSpan = instancesSpan
    self.isCluster = isCluster
    self.heap = heap
    self.maxMemoryRestart = maxMemoryRestart
    self.maxMemoryRestartSpan = maxMemoryRestartSpan
  }
}

/// A build step worth knowing about (`next build`, `cargo build --release`).
public struct BuildStep: Sendable, Hashable {
  public var text: String
  public var span: Span
  /// "Dockerfile RUN", "render.yaml buildCommand", "package.json script `build`".
  public var source: String
  public init(text: String, span: Span, source: String) {
    self.text = text
    self.span = span
    self.source = source
  }
}

/// What the service's Node.js side does, when it has one.
public struct NodeFacts: Sendable, Hashable {
  /// Heap flags reached by the real start command or set in its environment.
  public var runtimeHeap: [HeapFlag] = []
  /// Heap flags that apply while building.
  public var buildHeap: [HeapFlag] = []
  /// Heavy build steps (`next build`, `nuxt build`, webpack, vite…).
  public var heavyBuilds: [BuildStep] = []
  /// Heavy builds the start command itself runs (`npm run build && npm start`):
  /// they run on the instance, bounded by the runtime budget.
  public var startBuilds: [BuildStep] = []
  public var pm2Apps: [PM2AppFacts] = []
  public init() {}
}

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
  /// `-j N` / `--jobs N` / `CARGO_BUILD_JOBS`, when set.
  public var jobs: Int?
  public var jobsSpan: Span?
  public var release: Bool
  /// False for `cargo install <tool>`: it compiles a tool from crates.io, not
  /// the graph of the service's Cargo.lock.
  public var buildsProject = true
  /// The `RUN` mounts a BuildKit cache (`--mount=type=cache`), so `target/`
  /// may survive between builds on a builder that keeps its cache.
  public var usesCacheMount = false
  public init(
    text: String, span: Span, source: String, jobs: Int? = nil, jobsSpan: Span? = nil, release: Bool
  ) {
    self.text = text
    self.span = span
    self.source = source
    self.jobs = jobs
    self.jobsSpan = jobsSpan
    self.release = release
  }
}

public struct RustProfileFacts: Sendable, Hashable {
  public var debugInfo = false
  public var debugSpan: Span?
  /// "fat", "thin", nil when off/unset.
  public var lto: String?
  public var ltoSpan: Span?
  public var codegenUnits: Int?
  public var codegenUnitsSpan: Span?
  public init() {}
}

/// Compose settings of a service (`mem_limit`, `deploy.resources`, replicas…).
public struct ComposeFacts: Sendable, Hashable {
  public var file: String
  public var memLimit: Int64?
  public var memLimitSpan: Span?
  public var memReservation: Int64?
  public var memReservationSpan: Span?
  public var replicas: Int = 1
  public var replicasSpan: Span?
  /// A service-level `replicas:` key, which the compose schema rejects.
  public var misplacedReplicasSpan: Span?
  public var image: String?
  public var imageSpan: Span?
  /// The `command:` words, and where the command is written.
  public var command: [String] = []
  public var commandSpan: Span?
  public var profiles: [String] = []
  /// False for services behind a profile that is not active by default.
  public var activeByDefault = true
  public var builds = false
  /// The service's key under `services:` (the report name may be suffixed).
  public var serviceName: String = ""
  /// Override files merged onto `file` (`compose.override.yml`), in order.
  public var overrideFiles: [String] = []
  /// The `services:` key of the file, where stack-wide findings land.
  public var servicesKeySpan: Span?
  /// How the effective limit is written: "mem_limit 512m",
  /// "deploy.resources.limits.memory 1G".
  public var memLimitText: String?
  /// `mem_limit` and `deploy.resources.limits.memory` separately (both may
  /// be set; compose-go rejects distinct values).
  public var serviceMemLimit: Int64?
  public var serviceMemLimitSpan: Span?
  public var serviceMemLimitText: String?
  public var deployMemLimit: Int64?
  public var deployMemLimitSpan: Span?
  public var deployMemLimitText: String?
  /// `mem_reservation` and `deploy.resources.reservations.memory` separately.
  public var serviceMemReservation: Int64?
  public var serviceMemReservationSpan: Span?
  public var serviceMemReservationText: String?
  public var deployMemReservation: Int64?
  public var deployMemReservationSpan: Span?
  public var deployMemReservationText: String?
  /// "deploy.replicas", "scale", when set.
  public var replicasKey: String?
  /// The misplaced `replicas:` value as written (`2`).
  public var misplacedReplicasValue: String?
  /// Span of each word of `command` (same count), or `commandSpan` when the
  /// word could not be located.
  public var commandWordSpans: [Span] = []
  /// The image's final-stage base when `build:` points at a Dockerfile
  /// (`postgres:16`), so image rules see built images too.
  public var builtFrom: String?
  public init(file: String) { self.file = file }
}

/// A machine that runs a compose stack, when its memory is declared.
public struct HostFacts: Sendable, Hashable {
  public var name: String
  public var budget: MemoryBudget
  /// Names of the services the host runs (default profile).
  public var services: [String]
  public var composeFile: String
  public var composeSpan: Span
  public init(name: String, budget: MemoryBudget, services: [String], composeFile: String, composeSpan: Span)
  {
    self.name = name
    self.budget = budget
    self.services = services
    self.composeFile = composeFile
    self.composeSpan = composeSpan
  }
}

/// Platform configuration a rule may judge: the runtime or builder named, the
/// config file kind (for deprecations).
public struct PlatformConfigFacts: Sendable, Hashable {
  /// The config file that declares the service (`render.yaml`, `railway.json`).
  public var file: String
  public var fileSpan: Span
  /// Render `runtime`/`env`, Railway `builder`, as written.
  public var runtime: String?
  public var runtimeSpan: Span?
  /// The key the runtime was written under (`runtime`, `env`, `builder`).
  public var runtimeKey: String?
  public init(file: String, fileSpan: Span) {
    self.file = file
    self.fileSpan = fileSpan
  }
}
