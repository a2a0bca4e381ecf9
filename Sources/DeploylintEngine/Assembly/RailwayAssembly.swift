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
}
