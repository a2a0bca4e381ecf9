import DeploylintCore
import DeploylintParsers

extension Assembler {
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
      services += flyProcessServices(service, fly, path: path)
    }
    return services
  }

  /// The budget of the app, or of one process group: the `[[vm]]` whose
  /// `processes` names the group, else one that names none (it sizes every
  /// group), else Fly's default VM.
  func flyBudget(_ fly: FlyConfig, path: String, service: String, group: String? = nil) -> MemoryBudget {
    let vm =
      group.map { name in
        fly.vms.first { $0.processes.contains { $0.value == name } } ?? fly.vms.first { $0.processes.isEmpty }
      } ?? fly.vms.first
    if let vm {
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
      source: group.map {
        "Fly's default VM when no [[vm]] sizes the `\($0)` processes: shared-cpu-1x, 256 MB"
      }
        ?? "Fly's default VM when fly.toml sets no [[vm]]: shared-cpu-1x, 256 MB",
      span: workspace.fileSpan(path), provenance: .assumed,
      declaration: ConfigDeclaration(path: ["services", service, "memory"], value: "512m"))
  }
}
