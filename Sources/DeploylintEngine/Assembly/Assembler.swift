import DeploylintCore
import DeploylintParsers

/// Links the parsed artefacts of one root into services (DESIGN.md §1
/// "assemble"): each platform service to its Dockerfile and build context, and
/// every Dockerfile no platform points at as a service of its own. Then each
/// domain adds its facts (Python workers, Node heap, Rust graph…), and the
/// configuration's overrides apply last.
struct Assembler {
  let workspace: Workspace
  let rootName: String
  var hostMemoryOverride: Int64? = nil
  /// Today (dates decide which configuration a platform still reads).
  var today = Analyzer.defaultToday

  /// Scanned files by the path spans carry, to locate tokens inside a region.
  let sourcesBySpanPath: [String: SourceFile]
  /// Railway config files that are no service root, with the reason: found
  /// once, read by the Railway services, the files ignored and the deprecations.
  private(set) var railwayNonRoots: [(path: String, reason: String)] = []

  init(workspace: Workspace, rootName: String, hostMemoryOverride: Int64? = nil) {
    self.workspace = workspace
    self.rootName = rootName
    self.hostMemoryOverride = hostMemoryOverride
    self.sourcesBySpanPath = Dictionary(
      workspace.sources.values.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
    self.railwayNonRoots = findRailwayNonRoots()
  }

  /// The span of `token` as a whole word inside `region` (the first one at or
  /// after `after` when given), or nil when it is not written there.
  func locate(_ token: String, in region: Span, after: Span? = nil) -> Span? {
    guard let file = sourcesBySpanPath[region.path] else { return nil }
    var from = file.offset(line: region.line, column: region.column)
    if let after, after.path == region.path {
      from = max(from, file.offset(line: after.endLine, column: after.endColumn))
    }
    let to =
      region.endLine == region.line && region.endColumn <= region.column
      ? file.scalars.count : file.offset(line: region.endLine, column: region.endColumn)
    return TokenLocator.find(token, in: file, from: from, to: to)
  }

  func project() -> Project {
    var assembly = Assembly()
    for source in Self.serviceSources {
      let before = assembly.services.count
      source.assemble(self, &assembly)
      // Start commands that run a script of the repository are followed into
      // it before later sources (pm2) look at what the services start.
      for index in before..<assembly.services.count { followStartScripts(&assembly.services[index]) }
    }
    let services = assembly.services.map { service in
      var s = service
      applyConfiguration(&s)
      for enrich in Self.enrichers { enrich(&s, self) }
      return s
    }
    let named = uniqueNames(services)
    // Each host with the services it starts by default, and their sums.
    let hosts = assembly.hosts.map { host in
      host.running(
        named.compactMap { s in
          guard let c = s.compose, c.file == host.composeFile, c.activeByDefault else { return nil }
          return HostMember(service: s.name, span: s.span, compose: c)
        })
    }
    var project = Project(services: named, diagnostics: workspace.diagnostics, hosts: hosts)
    project.planOverrides = planOverrides
    project.ignoredFiles = ignoredDeployFiles()
    project.unclaimedProcfiles = unclaimedProcfiles()
    project.serviceLessConfigs = railwayNonRoots.compactMap { railwayConfigFacts($0.path)?.facts }
    return project
  }

  /// What the service sources have declared so far.
  struct Assembly {
    var services: [Service] = []
    var hosts: [HostFacts] = []
  }

  /// An assembly that declares services (a platform's configuration, pm2
  /// apps, Dockerfiles): it sees the services declared before it.
  struct ServiceSource: Sendable {
    let name: String
    let assemble: @Sendable (Assembler, inout Assembly) -> Void
  }

  /// The service sources, in the order their services are listed.
  static let serviceSources: [ServiceSource] = [
    ServiceSource(name: "render") { a, out in out.services += a.renderServices() },
    ServiceSource(name: "railway") { a, out in out.services += a.railwayServices() },
    ServiceSource(name: "fly") { a, out in out.services += a.flyServices() },
    ServiceSource(name: "heroku") { a, out in out.services += a.herokuServices() },
    ServiceSource(name: "compose") { a, out in
      let compose = a.composeServices()
      out.services += compose.services
      out.hosts += compose.hosts
    },
    ServiceSource(name: "pm2") { a, out in out.services += a.pm2Services(claimed: out.services) },
    ServiceSource(name: "dockerfiles") { a, out in out.services += a.unclaimedDockerfileServices(out.services)
    },
  ]

  /// Domain facts every service gets, whatever declared it, after the
  /// configuration's overrides.
  static let enrichers: [@Sendable (inout Service, Assembler) -> Void] = [
    PythonRuntimeAssembly.enrich, NodeAssembly.enrich, RustAssembly.enrich, ServerAssembly.enrich,
    JVMAssembly.enrich, RuntimeLimitAssembly.enrich, AppServerAssembly.enrich, JobRunnerAssembly.enrich,
    PythonImportEvidence.enrich,
  ]

  /// A Dockerfile no platform points at is still a service (budget unknown).
  func unclaimedDockerfileServices(_ claimedBy: [Service]) -> [Service] {
    let claimed = Set(claimedBy.compactMap { $0.build.recipe?.path })
    var services: [Service] = []
    for path in workspace.paths(of: .dockerfile) {
      guard let recipe = workspace[.recipes][path], !claimed.contains(recipe.path) else { continue }
      var service = Service(
        name: DockerfileAssembly.serviceName(forDockerfile: path, rootName: rootName),
        span: recipe.finalStage?.fromSpan ?? Span.file(recipe.path))
      linkDockerfile(&service, dockerfile: path, context: path.parentPath)
      service.build.recipeChoice = Evidence(
        .assumed, "a Dockerfile no platform configuration points at, built with its folder as the context")
      services.append(service)
    }
    return services
  }

  /// Two services may not share a name in reports: suffix duplicates with the
  /// file that declares them.
  func uniqueNames(_ services: [Service]) -> [Service] {
    var counts: [String: Int] = [:]
    for s in services { counts[s.name, default: 0] += 1 }
    return services.map { s in
      guard counts[s.name, default: 0] > 1 else { return s }
      var copy = s
      copy.configName = s.name
      copy.name = "\(s.name) (\(s.span.path))"
      return copy
    }
  }

  /// The budget a plan of the catalog gives, with where it is written.
  func planBudget(_ platform: Platform, _ plan: Located<String>) -> MemoryBudget? {
    guard let entry = PlanCatalog.plan(platform, plan.value, overrides: planOverrides),
      let memory = entry.memory
    else { return nil }
    var source = "\(platform.displayName) plan `\(plan.value)`: \(Bytes.format(memory, .decimal))"
    if let cpus = entry.cpus { source += ", \(CPUCount.format(cpus))" }
    if let note = entry.note, !entry.current { source += " (\(note))" }
    return MemoryBudget(bytes: memory, cpus: entry.cpus, source: source, span: plan.span)
  }

  /// Where the platform builds, as the catalog knows it.
  func platformBuilder(_ platform: Platform) -> BuildLocation? {
    guard let builder = PlanCatalog.builders[platform] else { return nil }
    let budget = builder.memory.map {
      MemoryBudget(bytes: $0, cpus: builder.cpus, source: builder.description, provenance: .documentedDefault)
    }
    return BuildLocation(description: builder.description, budget: budget, onPlatform: true)
  }

  /// A file of the deploy path, shown as the user named the scanned root.
  func deployFile(_ path: String, _ role: DeployFile.Role, _ reason: String, span: Span? = nil) -> DeployFile
  {
    DeployFile(workspace.displayPath(path), role, reason, span: span)
  }

  /// Render-side environment variables overlay the image's.
  func overlay(_ service: inout Service, _ variables: [EnvVar]) {
    service.environment = service.environment.overlaid(by: Environment(variables))
  }

  /// Deployment files no platform reads, with the reason (platforms.md §10).
  func ignoredDeployFiles() -> [DeployFile] {
    var files: [DeployFile] = []
    for path in workspace.paths(of: .renderBlueprintCopy) {
      files.append(
        deployFile(
          path, .ignored, "named like a Render Blueprint, but Render reads only `render.yaml` at the root"))
    }
    for path in workspace.paths(of: .renderBlueprint) where path.contains("/") {
      files.append(
        deployFile(path, .ignored, "Render reads only the `render.yaml` at the root of the repository"))
    }
    for (path, reason) in railwayNonRoots { files.append(deployFile(path, .ignored, reason)) }
    for path in workspace.paths(of: .procfile) {
      if let reason = procfileShadowedByDockerfile(folder: path.parentPath), !procfileOwned(path) {
        files.append(deployFile(path, .ignored, reason))
      }
    }
    for procfile in unclaimedProcfiles() {
      files.append(
        deployFile(
          procfile.path, .ignored,
          "no platform is evidenced for this Procfile (Heroku, Railway, Dokku and others read Procfiles): "
            + "deploylint does not invent one; add `app.json` or `heroku.yml` for Heroku, `DOKKU_SCALE` for Dokku"
        ))
    }
    for (path, reason) in composeStacks().ignored { files.append(deployFile(path, .ignored, reason)) }
    return files
  }

  /// A Procfile beside Railway's, Fly's or Render's configuration, or in the
  /// declared root of a Railway service, belongs to that platform.
  func procfileOwned(_ path: String) -> Bool {
    let folder = path.parentPath
    return ["railway.json", "railway.toml", "fly.toml", "render.yaml"].contains {
      workspace.sources[joinPath(folder, $0)] != nil
    }
      || railwayConfigPaths.contains { declaredRoot(railwayServiceName($0))?.value == folder }
  }

  /// Procfiles that no platform owns or is evidenced for (platforms.md §4,
  /// §10): a Procfile beside Railway's, Fly's or Render's configuration
  /// belongs to that platform, and one with Heroku or Dokku evidence is an app.
  func unclaimedProcfiles() -> [UnclaimedProcfile] {
    workspace.paths(of: .procfile).compactMap { path in
      let folder = path.parentPath
      guard !procfileOwned(path), procfileShadowedByDockerfile(folder: folder) == nil,
        procfilePlatform(folder: folder, app: workspace[.herokuApps][joinPath(folder, "app.json")]) == nil
      else { return nil }
      let entries = (workspace[.procfiles][path] ?? []).filter { $0.process.value != "release" }
      guard let first = entries.first else { return nil }
      return UnclaimedProcfile(
        path: workspace.displayPath(path), span: first.process.span, processes: entries.map(\.process.value),
        webServiceName: procfileServiceName(process: "web", folder: folder))
    }
  }
}
