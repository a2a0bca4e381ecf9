import DeploylintCore
import DeploylintParsers

extension Assembler {
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
