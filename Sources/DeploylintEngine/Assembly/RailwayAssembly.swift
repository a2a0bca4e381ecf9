import DeploylintCore
import DeploylintParsers

extension Assembler {
  /// One service per `railway.json`/`railway.toml`. Config-as-code has no
  /// memory field (replica limits are dashboard-only), so the budget comes
  /// from `.deploylint.yml` or is assumed to be the free plan's, and says so.
  func railwayServices() -> [Service] {
    var services: [Service] = []
    let nonRoots = Set(railwayNonRoots.map(\.path))
    for path in railwayConfigPaths where !nonRoots.contains(path) {
      let name = railwayServiceName(path)
      // The service builds from its Root Directory: the config's folder unless declared.
      let declared = declaredRoot(name)
      let folder = declared?.value ?? path.parentPath
      var service = Service(name: name, span: workspace.fileSpan(path), platform: .railway)
      if let declared {
        service.build.root = Evidence(
          .declared,
          "\(declared.value.isEmpty ? "the repository root" : declared.value): .deploylint.yml "
            + "`services.\(ConfigDeclaration.yamlKey(name)).root` (Railway's Root Directory setting)",
          span: declared.span)
      }
      service.platformEvidence = Evidence(
        .declared, "Railway config-as-code \(path)", span: workspace.fileSpan(path))
      guard let (facts, railway) = railwayConfigFacts(path) else { continue }
      service.platformConfig = facts
      if let cutoff = facts.notReadSince {
        service.files.note(
          deployFile(
            path, .ignored,
            "Railway has not read config-as-code since \(cutoff); it still shows the service is on Railway"))
      } else {
        service.files.note(deployFile(path, .read, "Railway config-as-code of the service"))
      }
      service.runtimeBudget = MemoryBudget(
        bytes: 500 * Bytes.MB, cpus: 1,
        source:
          "assumed: Railway's free plan (0.5 GB, 1 vCPU per service); set \(ConfigDeclaration(path: ["services", name, "plan"], value: "").dottedPath) in .deploylint.yml",
        span: nil, provenance: .assumed,
        declaration: ConfigDeclaration(
          path: ["services", name, "plan"], value: "hobby", choices: ["free", "trial", "hobby", "pro"]))
      if let replicas = railway.totalReplicas,
        let span = railway.numReplicas?.span ?? railway.regionReplicas.first?.numReplicas?.span
      {
        service.instances = Located(replicas, span: span)
      }
      // "Railway will always build with a Dockerfile if it finds one."
      let dockerfile = joinPath(folder, railway.dockerfilePath?.value ?? "Dockerfile")
      if linkDockerfile(&service, dockerfile: dockerfile, context: folder) {
        service.build.recipeChoice =
          railway.dockerfilePath.map { Evidence(.declared, "\(path.baseName) dockerfilePath", span: $0.span) }
          ?? Evidence(
            .documentedDefault,
            "Railway builds with a Dockerfile at the root of the service's source directory when there is one"
          )
        // Only Railpack and Nixpacks read these; Railway builds the Dockerfile instead.
        let reason = PlanCatalog.deployRule("railway-dockerfile-over-procfile").statement
        for other in ["Procfile", "railpack.json", "nixpacks.toml", "nixpacks.json"] {
          ignore(&service, joinPath(folder, other), reason)
        }
      } else {
        linkRailwayBuilder(&service, railway: railway, configPath: path, folder: folder)
      }
      service.build.location = platformBuilder(.railway)
      if let start = railway.startCommand {
        Self.start(
          &service, .platformCommand,
          StartCommand(text: start.value, span: start.span, source: "\(path.baseName) startCommand"))
      }
      services.append(service)
    }
    return services
  }

  /// The file's facts, and the settings Railway applies from it: past the
  /// cut-off none (the service is resolved without them; they are kept to be named).
  func railwayConfigFacts(_ path: String) -> (facts: PlatformConfigFacts, applied: RailwayConfig)? {
    guard let written = workspace[.railwayConfigs][path] else { return nil }
    var facts = PlatformConfigFacts(
      file: path, fileSpan: workspace.fileSpan(path),
      runtime: written.builderName.map { Setting(key: "builder", $0) })
    guard let cutoff = Self.railwayConfigCutoff, today >= cutoff else { return (facts, written) }
    facts.notReadSince = cutoff.description
    facts.notRead = written.settings
    return (facts, written.withoutSettings)
  }

  /// The day Railway stops reading `railway.json` / `railway.toml` (the catalog's deprecation).
  static let railwayConfigCutoff: CalendarDate? = PlanCatalog.deprecations.first {
    $0.platform == .railway && $0.subject.contains("config-as-code")
  }?.cutoff.flatMap(CalendarDate.init)
}

extension RailwayConfig {
  /// The build and deploy settings written, as `key value` for messages.
  var settings: [Setting<String>] {
    var out: [Setting<String>] = []
    if let b = builderName { out.append(Setting(key: "builder", b)) }
    if let d = dockerfilePath { out.append(Setting(key: "dockerfilePath", d)) }
    if let c = buildCommand { out.append(Setting(key: "buildCommand", c)) }
    if let c = startCommand { out.append(Setting(key: "startCommand", c)) }
    if let n = numReplicas { out.append(Setting(key: "numReplicas", Located(String(n.value), span: n.span))) }
    for region in regionReplicas {
      if let n = region.numReplicas {
        out.append(
          Setting(
            key: "multiRegionConfig.\(region.region.value).numReplicas",
            Located(String(n.value), span: n.span)))
      }
    }
    return out
  }

  /// The same file with no build or deploy setting: what Railway applies once it stops reading it.
  var withoutSettings: RailwayConfig {
    var c = self
    c.builderName = nil
    c.dockerfilePath = nil
    c.buildCommand = nil
    c.startCommand = nil
    c.numReplicas = nil
    c.regionReplicas = []
    return c
  }
}
