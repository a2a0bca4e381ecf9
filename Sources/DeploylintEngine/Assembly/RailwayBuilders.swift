import DeploylintCore
import DeploylintParsers

/// A Railway service without a Dockerfile, built as Railway builds it: with
/// Railpack (the default) reading `railpack.json`, or Nixpacks reading
/// `nixpacks.toml`/`nixpacks.json`, each from the service's root; a Procfile
/// there is the start command when nothing else sets one (platforms.md §10).
extension Assembler {
  func linkRailwayBuilder(
    _ service: inout Service, railway: RailwayConfig, configPath: String, folder: String
  ) {
    let build = railway.buildCommand.map {
      BuildStep(text: $0.value, span: $0.span, source: "\(configPath.baseName) buildCommand")
    }
    linkNativeBuild(&service, folder: folder, command: build)
    let nixpacks = railway.builderName?.value.uppercased() == "NIXPACKS"
    service.build.builder = NativeBuilder(
      name: nixpacks ? "Nixpacks" : "Railpack",
      evidence: railway.builderName.map {
        Evidence(.declared, "\(configPath.baseName) builder", span: $0.span)
      }
        ?? Evidence(.documentedDefault, PlanCatalog.deployRule("railway-railpack-default").cited))
    var commands = build.map { [$0] } ?? []
    var detection = Detection.always
    var start: StartCommand?
    var variables: [EnvVar] = []
    if nixpacks {
      let path = [joinPath(folder, "nixpacks.toml"), joinPath(folder, "nixpacks.json")]
        .first { workspace[.nixpacksConfigs][$0] != nil }
      if let path, let config = workspace[.nixpacksConfigs][path] {
        service.files.note(deployFile(path, .read, "the Nixpacks configuration of the service"))
        for phase in config.phases {
          commands += phase.commands.map {
            BuildStep(text: $0.value, span: $0.span, source: "\(path.baseName) [phases.\(phase.name.value)]")
          }
          // An install phase that writes its own commands without "..." replaces the provider's install.
          if phase.name.value == "install", phase.setsCommands, !phase.extendsProvider { detection = .never }
        }
        start = Self.command(config.startCommand, "\(path.baseName) [start] cmd")
        variables = Self.variables(config.variables, "\(path.baseName) [variables]")
      }
      ignore(
        &service, joinPath(folder, "railpack.json"),
        "the service builds with Nixpacks, which does not read it")
    } else {
      let path = joinPath(folder, "railpack.json")
      if let config = workspace[.railpackConfigs][path] {
        service.files.note(deployFile(path, .read, "the Railpack configuration of the service"))
        for step in config.steps {
          commands += step.commands.map {
            BuildStep(text: $0.value, span: $0.span, source: "railpack.json steps.\(step.name.value)")
          }
        }
        start = Self.command(config.startCommand, "railpack.json deploy.startCommand")
        variables = Self.variables(config.deployVariables, "railpack.json deploy.variables")
      }
      for name in ["nixpacks.toml", "nixpacks.json"] {
        ignore(&service, joinPath(folder, name), "the service builds with Railpack, which does not read it")
      }
    }
    service.build.nativeCommand = commands.first
    linkPythonInstalls(
      &service, folder: folder, commands: commands, detects: detection,
      builder: nixpacks ? "Nixpacks" : "Railpack")
    // The builder's variables are set at build and at run time.
    service.buildEnvironment = service.buildEnvironment.overlaid(by: Environment(variables))
    overlay(&service, variables)
    if let start {
      Self.start(&service, .platformCommand, start)
    } else if let procfile = railwayProcfileCommand(folder: folder) {
      service.files.note(
        deployFile(procfile.span.path, .read, PlanCatalog.deployRule("railway-procfile").statement))
      Self.start(&service, .procfile, procfile)
    }
  }

  /// The Procfile line Railpack starts: `web`, else `worker`, else the first.
  func railwayProcfileCommand(folder: String) -> StartCommand? {
    let path = joinPath(folder, "Procfile")
    guard let entries = workspace[.procfiles][path], !entries.isEmpty else { return nil }
    let entry =
      entries.first { $0.process.value == "web" } ?? entries.first { $0.process.value == "worker" }
      ?? entries[0]
    return StartCommand(
      text: entry.command.value, span: entry.command.span, source: "Procfile \(entry.process.value)")
  }

  /// Records `path` as ignored for the service, when it was scanned.
  func ignore(_ service: inout Service, _ path: String, _ reason: String) {
    guard workspace.sources[path] != nil else { return }
    service.files.note(deployFile(path, .ignored, reason))
  }

  static func command(_ text: Located<String>?, _ source: String) -> StartCommand? {
    text.map { StartCommand(text: $0.value, span: $0.span, source: source) }
  }

  static func variables(_ pairs: [LocatedPair], _ source: String) -> [EnvVar] {
    pairs.map { EnvVar(key: $0.key.value, value: $0.value?.value ?? "", span: $0.key.span, source: source) }
  }
}
