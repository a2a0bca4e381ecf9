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
            span: nil, provenance: .assumed)
        }
        service.instances = formation?.quantity
        linkNativeBuild(&service, folder: folder, command: nil)
        service.build.location = platformBuilder(.heroku)
        service.startCommand = StartCommand(
          text: entry.command.value, span: entry.command.span, source: "Procfile \(entry.process.value)")
        services.append(service)
      }
    }
    return services
  }
}
