import DeploylintCore
import DeploylintParsers

extension Assembler {
  /// One service per `railway.json`/`railway.toml`. Config-as-code has no
  /// memory field (replica limits are dashboard-only), so the budget comes
  /// from `.deploylint.yml` or is assumed to be the free plan's, and says so.
  func railwayServices() -> [Service] {
    var services: [Service] = []
    for path in workspace.paths(of: .railwayJSON) + workspace.paths(of: .railwayTOML) {
      guard let railway = workspace[.railwayConfigs][path] else { continue }
      let folder = path.parentPath
      let name = folder.isEmpty ? rootName : folder.baseName
      var service = Service(name: name, span: workspace.fileSpan(path), platform: .railway)
      service.platformEvidence = Evidence(
        .declared, "Railway config-as-code \(path)", span: workspace.fileSpan(path))
      service.files.note(deployFile(path, .read, "Railway config-as-code of the service"))
      service.platformConfig = PlatformConfigFacts(
        file: path, fileSpan: workspace.fileSpan(path),
        runtime: railway.builderName.map { Setting(key: "builder", $0) })
      service.runtimeBudget = MemoryBudget(
        bytes: 500 * Bytes.MB, cpus: 1,
        source:
          "assumed: Railway's free plan (0.5 GB, 1 vCPU per service); set services.\(name).plan in .deploylint.yml",
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
      } else {
        linkNativeBuild(&service, folder: folder, command: railway.buildCommand)
        let builder = railway.builderName
        service.build.builder = NativeBuilder(
          name: builder?.value.uppercased() == "NIXPACKS" ? "Nixpacks" : "Railpack",
          evidence: builder.map { Evidence(.declared, "\(path.baseName) builder", span: $0.span) }
            ?? Evidence(.documentedDefault, "Railway builds new services with Railpack unless told otherwise")
        )
        if let build = railway.buildCommand {
          service.build.nativeCommand = BuildStep(
            text: build.value, span: build.span, source: "\(path.baseName) buildCommand")
        }
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

  /// One service per `fly.toml`: memory from `[[vm]]` (`memory`, `memory_mb`,
  /// then `size`), else Fly's default `shared-cpu-1x` with 256 MB.
  func flyServices() -> [Service] {
    var services: [Service] = []
    for path in workspace.paths(of: .flyTOML) {
      guard let fly = workspace[.flyConfigs][path] else { continue }
      let folder = path.parentPath
      let name = fly.app?.value ?? (folder.isEmpty ? rootName : folder.baseName)
      var service = Service(name: name, span: fly.app?.span ?? workspace.fileSpan(path), platform: .fly)
      service.platformEvidence = Evidence(.declared, "the Fly app of \(path)", span: fly.app?.span)
      service.files.note(deployFile(path, .read, "the Fly app configuration"))
      service.platformConfig = PlatformConfigFacts(file: path, fileSpan: workspace.fileSpan(path))
      service.runtimeBudget = flyBudget(fly, path: path, service: name)
      if let image = fly.image {
        service.build.kind = .prebuilt(image: image.value)
        service.imageReference = image.value
      } else {
        let dockerfile = joinPath(folder, fly.dockerfile?.value ?? "Dockerfile")
        if linkDockerfile(&service, dockerfile: dockerfile, context: folder) {
          service.build.recipeChoice =
            fly.dockerfile.map { Evidence(.declared, "fly.toml [build] dockerfile", span: $0.span) }
            ?? Evidence(.documentedDefault, "fly deploy builds the Dockerfile beside fly.toml")
        } else {
          linkNativeBuild(&service, folder: folder, command: nil)
        }
        service.build.location = platformBuilder(.fly)
      }
      overlay(
        &service,
        fly.env.map {
          EnvVar(key: $0.key.value, value: $0.value?.value ?? "", span: $0.key.span, source: "fly.toml [env]")
        })
      if let app = fly.processes.first(where: { $0.key.value == "app" || $0.key.value == "web" })
        ?? fly.processes.first,
        let command = app.value
      {
        Self.start(
          &service, .platformCommand,
          StartCommand(text: command.value, span: command.span, source: "fly.toml [processes]"))
      }
      services.append(service)
    }
    return services
  }

  func flyBudget(_ fly: FlyConfig, path: String, service: String) -> MemoryBudget {
    if let vm = fly.vms.first {
      let preset = vm.size.flatMap { PlanCatalog.plan(.fly, $0.value, overrides: planOverrides) }
      let cpus = vm.cpus.map { Double($0.value) } ?? preset?.cpus
      if let mb = vm.memoryMB {
        return MemoryBudget(
          bytes: Saturating.product(mb.value, Bytes.MiB), cpus: cpus,
          source: "fly.toml [[vm]] memory_mb = \(mb.value)",
          span: mb.span)
      }
      if let memory = vm.memory, let bytes = MemorySize.parse(memory.value, convention: .fly) {
        return MemoryBudget(
          bytes: bytes, cpus: cpus, source: "fly.toml [[vm]] memory = \"\(memory.value)\"", span: memory.span)
      }
      if let size = vm.size, let preset, let memory = preset.memory {
        return MemoryBudget(
          bytes: memory, cpus: cpus, source: "fly.toml [[vm]] size `\(size.value)`: \(memory / Bytes.MiB) MB",
          span: size.span)
      }
    }
    return MemoryBudget(
      bytes: 256 * Bytes.MiB, cpus: 1,
      source: "Fly's default VM when fly.toml sets no [[vm]]: shared-cpu-1x, 256 MB",
      span: workspace.fileSpan(path), provenance: .assumed,
      declaration: ConfigDeclaration(path: ["services", service, "memory"], value: "512m"))
  }

  /// Heroku: one service per `Procfile` process (or `app.json` formation
  /// entry); dyno size from `app.json` formation, else assumed 512 MB.
  func herokuServices() -> [Service] {
    var services: [Service] = []
    for path in workspace.paths(of: .procfile) {
      let folder = path.parentPath
      let app = workspace[.herokuApps][joinPath(folder, "app.json")]
      for entry in workspace[.procfiles][path] ?? [] where entry.process.value != "release" {
        var service = Service(
          name: entry.process.value == "web"
            ? (folder.isEmpty ? rootName : folder.baseName) : entry.process.value,
          span: entry.process.span, platform: .heroku)
        service.platformEvidence = Evidence(
          .assumed, "a Procfile process (\(path)), read as a Heroku dyno", span: entry.process.span)
        service.files.note(deployFile(path, .read, "the Procfile that starts the process"))
        service.platformConfig = PlatformConfigFacts(file: path, fileSpan: workspace.fileSpan(path))
        let formation = app?.formation.first { $0.process.value == entry.process.value }
        if let size = formation?.size {
          service.plan = size
          service.runtimeBudget = planBudget(.heroku, size)
        } else {
          service.runtimeBudget = MemoryBudget(
            bytes: 512 * Bytes.MB, cpus: nil,
            source:
              "assumed: a 512 MB dyno (Eco, Basic or Standard-1X); set the size in app.json formation or .deploylint.yml",
            span: nil, provenance: .assumed,
            declaration: ConfigDeclaration(
              path: ["services", service.name, "plan"], value: "standard-2x",
              choices: ["basic", "standard-1x", "standard-2x", "performance-m"]))
        }
        service.instances = formation?.quantity
        linkNativeBuild(&service, folder: folder, command: nil)
        service.build.location = platformBuilder(.heroku)
        service.build.builder = NativeBuilder(
          name: "Heroku buildpacks",
          evidence: Evidence(.assumed, "Heroku builds an app without heroku.yml with buildpacks"))
        if let app {
          service.buildEnvironment = Environment(
            app.env.compactMap { pair in
              pair.value.map {
                EnvVar(key: pair.key.value, value: $0.value, span: pair.key.span, source: "app.json env")
              }
            })
        }
        Self.start(
          &service, .procfile,
          StartCommand(
            text: entry.command.value, span: entry.command.span, source: "Procfile \(entry.process.value)"))
        services.append(service)
      }
    }
    return services
  }
}
