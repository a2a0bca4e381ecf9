import DeploylintCore
import DeploylintParsers

extension Assembler {
  /// Procfile hosts: one service per `Procfile` process where a platform
  /// that starts Procfiles is evidenced (platforms.md §4, §10). Heroku: an
  /// `app.json` with Heroku keys (or without Dokku keys, next to no other
  /// platform) or `heroku.yml`; dyno size from `app.json` formation, else
  /// assumed 512 MB. Dokku: `DOKKU_SCALE` or Dokku-only `app.json` keys; the
  /// budget is the owner's host (declared, else unknown). A Procfile next to
  /// Railway's, Fly's or Render's configuration belongs to that platform
  /// (Railway starts it; Fly and Render ignore it), and a lone Procfile names
  /// no platform: neither makes a dyno.
  func herokuServices() -> [Service] {
    var services: [Service] = []
    for path in workspace.paths(of: .procfile) {
      let folder = path.parentPath
      let app = workspace[.herokuApps][joinPath(folder, "app.json")]
      guard let platform = procfilePlatform(folder: folder, app: app) else { continue }
      for entry in workspace[.procfiles][path] ?? [] where entry.process.value != "release" {
        var service = Service(
          name: procfileServiceName(process: entry.process.value, folder: folder),
          span: entry.process.span, platform: platform.platform)
        service.platformEvidence = platform.evidence
        service.files.note(deployFile(path, .read, "the Procfile that starts the process"))
        service.platformConfig = PlatformConfigFacts(file: path, fileSpan: workspace.fileSpan(path))
        let formation = app?.formation.first { $0.process.value == entry.process.value }
        if platform.platform == .dokku {
          // Dokku runs on the owner's server: its memory is the host's.
          service.runtimeBudget = declaredHostBudget()
          service.instances = dokkuScale(folder: folder, process: entry.process.value)
        } else if let size = formation?.size {
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
        if platform.platform == .heroku { service.instances = formation?.quantity }
        linkNativeBuild(&service, folder: folder, command: nil)
        linkPythonInstalls(&service, folder: folder, commands: [], detects: .always, builder: "the buildpack")
        if platform.platform == .heroku { service.build.location = platformBuilder(.heroku) }
        service.build.builder = NativeBuilder(
          name: platform.platform == .heroku ? "Heroku buildpacks" : "Dokku (Herokuish buildpacks)",
          evidence: Evidence(.assumed, "an app without a Dockerfile is built with buildpacks"))
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

  /// The platform that starts the Procfile in `folder`, with its evidence;
  /// nil when none is evidenced or another platform owns the folder.
  func procfilePlatform(folder: String, app: HerokuAppJSON?) -> (platform: Platform, evidence: Evidence)? {
    let appPath = joinPath(folder, "app.json")
    let scale = joinPath(folder, "DOKKU_SCALE")
    if workspace[.dokkuScales][scale] != nil {
      return (.dokku, Evidence(.declared, "DOKKU_SCALE (\(scale))", span: workspace.fileSpan(scale)))
    }
    if let key = app?.dokkuKeys.first {
      return (.dokku, Evidence(.declared, "app.json `\(key.value)`, read only by Dokku", span: key.span))
    }
    let herokuYML = joinPath(folder, "heroku.yml")
    if let span = workspace[.presentFiles][herokuYML] {
      return (.heroku, Evidence(.declared, "heroku.yml (\(herokuYML))", span: span))
    }
    if let key = app?.herokuKeys.first {
      return (.heroku, Evidence(.declared, "app.json `\(key.value)`, read only by Heroku", span: key.span))
    }
    // Another platform's configuration beside the Procfile owns it.
    let others = [
      joinPath(folder, "railway.json"), joinPath(folder, "railway.toml"), joinPath(folder, "fly.toml"),
      joinPath(folder, "render.yaml"),
    ]
    if others.contains(where: { workspace.sources[$0] != nil }) { return nil }
    if app != nil {
      return (
        .heroku,
        Evidence(.declared, "app.json, Heroku's app manifest (\(appPath))", span: workspace.fileSpan(appPath))
      )
    }
    // Nothing in the tree names the host: the team can, in .deploylint.yml.
    for entry in workspace[.procfiles][joinPath(folder, "Procfile")] ?? [] {
      let name = procfileServiceName(process: entry.process.value, folder: folder)
      if let declared = workspace.config.services[name]?.platform,
        let platform = Platform(rawValue: declared.value.lowercased()),
        platform == .heroku || platform == .dokku
      {
        return (
          platform,
          Evidence(
            .declared, ".deploylint.yml `services.\(name).platform: \(declared.value)`",
            span: declared.span)
        )
      }
    }
    return nil
  }

  /// The service a Procfile process becomes: `web` takes the folder's name
  /// (the app's), other processes their own.
  func procfileServiceName(process: String, folder: String) -> String {
    process == "web" ? (folder.isEmpty ? rootName : folder.baseName) : process
  }

  /// The process count `DOKKU_SCALE` gives `process`.
  func dokkuScale(folder: String, process: String) -> Located<Int>? {
    guard
      let entry = workspace[.dokkuScales][joinPath(folder, "DOKKU_SCALE")]?.first(where: {
        $0.process.value == process
      }),
      let count = Int(entry.command.value)
    else { return nil }
    return Located(count, span: entry.command.span)
  }
}
