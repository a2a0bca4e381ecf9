import DeploylintCore
import DeploylintParsers

extension Assembler {
  /// Services of every `render.yaml` (Render Blueprints). Paths resolve as
  /// Render resolves them: `rootDir` from the repository root (the
  /// blueprint's folder), `dockerfilePath` and `dockerContext` from `rootDir`.
  func renderServices() -> [Service] {
    var services: [Service] = []
    for path in workspace.paths(of: .renderBlueprint) {
      guard let blueprint = workspace[.renderBlueprints][path] else { continue }
      let repo = path.parentPath
      for (index, render) in blueprint.services.enumerated() {
        let runtime = render.effectiveRuntime?.value.lowercased()
        if runtime == "static" { continue }
        var service = Service(
          name: render.name?.value ?? "render-service-\(index + 1)", span: render.name?.span ?? render.span,
          platform: .render)
        service.platformEvidence = Evidence(
          .declared, "a service of the Render Blueprint \(path)", span: render.name?.span ?? render.span)
        service.files.note(deployFile(path, .read, "the Render Blueprint that declares the service"))
        let runtimeKey = render.runtime != nil ? "runtime" : "env"
        service.platformConfig = PlatformConfigFacts(
          file: path, fileSpan: workspace.fileSpan(path),
          runtime: render.effectiveRuntime.map { Setting(key: runtimeKey, $0) })

        if let plan = render.plan {
          service.plan = plan
          service.runtimeBudget = planBudget(.render, plan)
        } else {
          // Blueprint spec: the default plan is `starter` (a third-party note
          // says `free`); both have 512 MB, so the memory bound holds either way.
          service.runtimeBudget = MemoryBudget(
            bytes: 512 * Bytes.MB, cpus: 0.5,
            source: "Render's default plan when `plan` is omitted (starter): 512 MB, 0.5 CPU",
            span: render.span, provenance: .assumed)
        }
        service.instances = render.numInstances ?? render.scaling?.maxInstances
        let env = blueprint.environment(of: render).map {
          EnvVar(key: $0.key, value: $0.value ?? "", span: $0.span, source: "render.yaml envVars")
        }
        // Render sets the service's environment variables during its builds too.
        service.buildEnvironment = Environment(env)
        let base = joinPath(repo, render.rootDir?.value ?? "")
        switch runtime {
        case "image":
          service.build.kind = .prebuilt(image: render.imageURL?.value ?? "")
          service.imageReference = render.imageURL?.value
        case "docker":
          let dockerfile = joinPath(base, render.dockerfilePath?.value ?? "Dockerfile")
          let context = joinPath(base, render.dockerContext?.value ?? ".")
          linkDockerfile(&service, dockerfile: dockerfile, context: context)
          service.build.kind = .dockerfile
          service.build.recipeChoice = Evidence(
            .declared,
            render.dockerfilePath != nil
              ? "render.yaml dockerfilePath"
              : "render.yaml \(runtimeKey): docker (default dockerfilePath ./Dockerfile)",
            span: render.dockerfilePath?.span ?? render.effectiveRuntime?.span)
          service.build.location = platformBuilder(.render)
        default:
          linkNativeBuild(&service, folder: base, command: render.buildCommand)
          service.build.location = platformBuilder(.render)
          if let runtime = render.effectiveRuntime {
            service.build.builder = NativeBuilder(
              name: "Render native runtime `\(runtime.value)`",
              evidence: Evidence(.declared, "render.yaml \(runtimeKey): \(runtime.value)", span: runtime.span)
            )
          }
          if let build = render.buildCommand {
            service.build.nativeCommand = BuildStep(
              text: build.value, span: build.span, source: "render.yaml buildCommand")
          }
        }
        overlay(&service, env)
        if let start = render.startCommand ?? render.dockerCommand {
          Self.start(
            &service, .platformCommand,
            StartCommand(
              text: start.value, span: start.span,
              source: render.startCommand != nil ? "render.yaml startCommand" : "render.yaml dockerCommand"))
        }
        services.append(service)
      }
    }
    return services
  }
}
