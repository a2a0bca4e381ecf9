import DeploylintCore
import DeploylintParsers

/// Which folder a Railway service is built from. Railway's "Root Directory"
/// is a dashboard setting: config-as-code has no field for it (a written
/// `source.rootDirectory` is not read), and Railway pulls only that folder's
/// files when it deploys (deploy rule `railway-root-directory`). So the root
/// is the folder of the `railway.json`/`railway.toml`, unless `.deploylint.yml`
/// declares it (`services.<name>.root`), and a config file whose own folder
/// cannot be the root is no service: its start command needs a file that is
/// not in its folder but is in the folder of another Railway config.
extension Assembler {
  /// Every Railway config-as-code file, in listing order.
  var railwayConfigPaths: [String] { workspace.paths(of: .railwayJSON) + workspace.paths(of: .railwayTOML) }

  /// The service name a Railway config file gives (its folder's).
  func railwayServiceName(_ configPath: String) -> String {
    Workspace.railwayServiceName(configPath, rootName: rootName)
  }

  /// `.deploylint.yml` `services.<name>.root`, when the team declared it.
  func declaredRoot(_ name: String) -> Located<String>? {
    // A root that names no folder is a configuration error (`undeclarableRoots`), never applied.
    guard let root = workspace.config.services[name]?.root,
      root.value.isEmpty || workspace.files.keys.contains(where: { $0.hasPrefix(root.value + "/") })
    else { return nil }
    return root
  }

  /// Railway config files that are no service root, with the reason (for
  /// the files no platform reads). A declared root keeps the service.
  /// Called once, by `init` (`railwayNonRoots`).
  func findRailwayNonRoots() -> [(path: String, reason: String)] {
    let configs = railwayConfigPaths.filter { workspace[.railwayConfigs][$0] != nil }
    var out: [(path: String, reason: String)] = []
    for path in configs where declaredRoot(railwayServiceName(path)) == nil {
      let folder = path.parentPath
      guard let written = workspace[.railwayConfigs][path],
        workspace.files[joinPath(folder, written.dockerfilePath?.value ?? "Dockerfile")] == nil,
        let start = writtenStartCommand(written, configPath: path)
      else { continue }
      // "Not there" is a fact only when every Python file was read.
      guard workspace[.pythonImports].count < Discovery.maxPythonSources else { continue }
      for target in StartTargets.named(start.text) where !present(target, in: folder) {
        guard
          let other = configs.first(where: { $0.parentPath != folder && present(target, in: $0.parentPath) })
        else { continue }
        let name = railwayServiceName(path)
        let otherFolder = other.parentPath.isEmpty ? "the repository root" : "`\(other.parentPath)/`"
        let here = folder.isEmpty ? "the repository root" : "`\(folder)/`"
        out.append(
          (
            path,
            "no Railway service is rooted here: its \(start.source) `\(start.text)` (\(at(start.span))) needs "
              + "`\(target.written)` (\(target.candidates[0])), which is not in \(here) but is in \(otherFolder), "
              + "the folder of `\(workspace.displayPath(other))`; Railway builds and starts a service only with "
              + "the files of its Root Directory (\(PlanCatalog.deployRule("railway-root-directory").source)). "
              + "If a service does use this file, declare its root in .deploylint.yml "
              + "(`services.\(ConfigDeclaration.yamlKey(name)).root: \(other.parentPath.isEmpty ? "/" : other.parentPath)`)"
          ))
        break
      }
    }
    return out
  }

  /// What the repository says the service in the config's folder starts,
  /// whether or not Railway still reads the file: `startCommand`, else the
  /// builder's start command, else the Procfile's.
  func writtenStartCommand(_ written: RailwayConfig, configPath: String) -> StartCommand? {
    let folder = configPath.parentPath
    if let start = written.startCommand {
      return StartCommand(text: start.value, span: start.span, source: "\(configPath.baseName) startCommand")
    }
    if written.builderName?.value.uppercased() == "NIXPACKS" {
      for name in ["nixpacks.toml", "nixpacks.json"] {
        if let c = workspace[.nixpacksConfigs][joinPath(folder, name)]?.startCommand {
          return StartCommand(text: c.value, span: c.span, source: "\(name) [start] cmd")
        }
      }
    } else if let c = workspace[.railpackConfigs][joinPath(folder, "railpack.json")]?.startCommand {
      return StartCommand(text: c.value, span: c.span, source: "railpack.json deploy.startCommand")
    }
    return railwayProcfileCommand(folder: folder)
  }

  func present(_ target: StartTargets.Target, in folder: String) -> Bool {
    let base = joinPath(folder, target.folder)
    return target.candidates.contains { workspace.files[joinPath(base, $0)] != nil }
  }

  func at(_ span: Span) -> String { "\(span.path):\(span.line)" }

  // MARK: A Procfile beside a Dockerfile

  /// The Procfile host a comment of the Procfile names (`# Railway Procfile`):
  /// the repository's own word. Nil when no comment names one, or several do.
  func procfileCommentPlatform(_ path: String) -> (platform: Platform, span: Span)? {
    guard let source = workspace.sources[path] else { return nil }
    var found: [Platform: Span] = [:]
    for line in 1...min(source.lineCount, 50) {
      let text = source.line(line)
      guard text.utf8.count <= 500, text.drop(while: { $0 == " " || $0 == "\t" }).first == "#" else {
        continue
      }
      let words = text.lowercased().split { !$0.isLetter }
      for (word, platform) in [("railway", Platform.railway), ("heroku", .heroku), ("dokku", .dokku)]
      where words.contains(Substring(word)) && found[platform] == nil {
        found[platform] = source.spanOfLine(line)
      }
    }
    guard found.count == 1, let only = found.first else { return nil }
    return (only.key, only.value)
  }

  /// Why Railway never reads the Procfile in `folder`: a Dockerfile beside it
  /// in a folder its comment says is Railway's (a folder with a Railway config
  /// lists it under that service). Nil when it may be read.
  func procfileShadowedByDockerfile(folder: String) -> String? {
    let procfile = joinPath(folder, "Procfile")
    guard workspace.files[joinPath(folder, "Dockerfile")] != nil,
      let comment = procfileCommentPlatform(procfile), comment.platform == .railway
    else { return nil }
    return shadowedProcfileReason(
      dockerfile: joinPath(folder, "Dockerfile"),
      evidence: "its comment says it is Railway's (\(at(comment.span)))")
  }

  func shadowedProcfileReason(dockerfile: String, evidence: String) -> String {
    "\(evidence), and Railway builds `\(workspace.displayPath(dockerfile))` beside it: Railway always builds "
      + "a Dockerfile at the service root, and only Railpack and Nixpacks read a Procfile, so Railway never "
      + "reads it (\(PlanCatalog.deployRule("railway-dockerfile-over-procfile").source))"
  }
}

extension Workspace {
  /// `services.<name>.root` values of the Railway services `names` that name
  /// no folder of the scanned tree: a folder nothing was found in, or one
  /// reached only through a link (discovery never enters a linked folder, so
  /// nothing is read through it). A declaration for a service this tree does
  /// not have is not checked (a shared configuration above a scanned subfolder).
  func undeclarableRoots(rootName: String) -> [ParseError] {
    let names = railwayServiceNames(rootName: rootName)
    return config.services.sorted { $0.key < $1.key }.compactMap { name, settings in
      guard names.contains(name), let root = settings.root, !root.value.isEmpty,
        !files.keys.contains(where: { $0.hasPrefix(root.value + "/") })
      else { return nil }
      return ParseError(
        "`services.\(name).root` is `\(root.text)`, which is no folder of the repository that deploylint "
          + "scanned (it does not exist, holds no file deploylint reads, or is a link, which deploylint does not follow)",
        at: root.span)
    }
  }
}

extension Workspace {
  /// The service name a Railway config file gives: its folder's, the
  /// scanned root's at the top.
  static func railwayServiceName(_ configPath: String, rootName: String) -> String {
    configPath.parentPath.isEmpty ? rootName : configPath.parentPath.baseName
  }

  /// The names of the services Railway config files make (their folders').
  func railwayServiceNames(rootName: String) -> Set<String> {
    Set(
      (paths(of: .railwayJSON) + paths(of: .railwayTOML)).map {
        Self.railwayServiceName($0, rootName: rootName)
      })
  }

  /// `services.<name>.root` on a service of another platform: the key is
  /// Railway's dashboard setting, which other platforms write in their own
  /// files (Render's `rootDir`, Fly's app folder), so it would do nothing.
  func rootsOfOtherPlatforms(_ project: Project, rootName: String) -> [ParseError] {
    let railway = railwayServiceNames(rootName: rootName)
    return config.services.sorted { $0.key < $1.key }.compactMap { name, settings in
      guard let root = settings.root, !railway.contains(name),
        let service = project.services.first(where: { ($0.configName ?? $0.name) == name }),
        let platform = service.platform
      else { return nil }
      return ParseError(
        "`services.\(name).root` declares a Railway service's Root Directory, but `\(name)` is a "
          + "\(platform.displayName) service, which takes its folder from its own configuration (Render: `rootDir`)",
        at: root.span)
    }
  }
}
