import DeploylintCore
import DeploylintParsers

extension Assembler {
  /// One service per process group of each `fly.toml` (one for the app when
  /// `[processes]` names at most one): each group runs on its own Machines,
  /// sized by the `[[vm]]` block whose `processes` names it, else by the one
  /// without `processes`, else Fly's default `shared-cpu-1x` with 256 MB.
  /// Memory is set independently of the CPU preset (platforms.md §3).
  func flyServices() -> [Service] {
    var services: [Service] = []
    for path in workspace.paths(of: .flyTOML) {
      guard let fly = workspace[.flyConfigs][path] else { continue }
      let folder = path.parentPath
      let app = fly.app?.value ?? (folder.isEmpty ? rootName : folder.baseName)
      // The web group (`app` or `web`, else the first) keeps the app's name;
      // the others are `<app>-<group>`.
      let web = fly.processes.first { $0.key.value == "app" || $0.key.value == "web" } ?? fly.processes.first
      let groups: [LocatedPair?] = fly.processes.count > 1 ? fly.processes.map { $0 } : [web]
      for group in groups {
        let name = group == nil || group?.key.value == web?.key.value ? app : "\(app)-\(group!.key.value)"
        services.append(flyService(fly, path: path, folder: folder, name: name, group: group))
      }
    }
    return services
  }

  func flyService(_ fly: FlyConfig, path: String, folder: String, name: String, group: LocatedPair?)
    -> Service
  {
    var service = Service(
      name: name, span: group?.key.span ?? fly.app?.span ?? workspace.fileSpan(path), platform: .fly)
    service.platformEvidence = Evidence(
      .declared,
      group.map { "the process group `\($0.key.value)` of the Fly app of \(path)" }
        ?? "the Fly app of \(path)",
      span: group?.key.span ?? fly.app?.span)
    service.files.note(deployFile(path, .read, "the Fly app configuration"))
    service.platformConfig = PlatformConfigFacts(file: path, fileSpan: workspace.fileSpan(path))
    service.runtimeBudget = flyBudget(fly, path: path, service: name, group: group?.key.value ?? "app")
    if let image = fly.image {
      service.build.kind = .prebuilt(image: image.value)
      service.imageReference = image.value
    } else {
      let dockerfile = joinPath(folder, fly.dockerfile?.value ?? "Dockerfile")
      let buildArgs = fly.buildArgs.map {
        EnvVar(
          key: $0.key.value, value: $0.value?.value ?? "", span: $0.key.span, source: "fly.toml [build.args]")
      }
      if linkDockerfile(
        &service, dockerfile: dockerfile, context: folder, target: fly.buildTarget, buildArgs: buildArgs)
      {
        service.build.recipeChoice =
          fly.dockerfile.map { Evidence(.declared, "fly.toml [build] dockerfile", span: $0.span) }
          ?? Evidence(.documentedDefault, "fly deploy builds the Dockerfile beside fly.toml")
      } else {
        linkNativeBuild(&service, folder: folder, command: nil)
        linkPythonInstalls(&service, folder: folder, commands: [], detects: .always, builder: "the buildpack")
      }
      service.build.location = platformBuilder(.fly)
    }
    overlay(
      &service,
      fly.env.map {
        EnvVar(key: $0.key.value, value: $0.value?.value ?? "", span: $0.key.span, source: "fly.toml [env]")
      })
    if let command = group?.value {
      Self.start(
        &service, .platformCommand,
        StartCommand(text: command.value, span: command.span, source: "fly.toml [processes]"))
    }
    return service
  }

  /// The `[[vm]]` block of process group `group`: the one whose `processes`
  /// names it, else the one without `processes` (it applies to the others).
  func flyVM(_ fly: FlyConfig, group: String?) -> FlyVM? {
    if let group, let vm = fly.vms.first(where: { $0.processes.contains { $0.value == group } }) { return vm }
    return fly.vms.first { $0.processes.isEmpty }
  }

  func flyBudget(_ fly: FlyConfig, path: String, service: String, group: String?) -> MemoryBudget {
    if let vm = flyVM(fly, group: group) {
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
      source: "Fly's default VM when fly.toml sets no [[vm]] for the app: shared-cpu-1x, 256 MB",
      span: workspace.fileSpan(path), provenance: .documentedDefault,
      declaration: ConfigDeclaration(path: ["services", service, "memory"], value: "512m"))
  }
}
