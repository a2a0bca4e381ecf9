import DeploylintCore
import DeploylintParsers

/// Links a service to how it is built: its Dockerfile and build context (with
/// the Python packages and environment they give), or a platform-native build
/// reading manifests from a folder.
extension Assembler {
  /// Fills recipe, packages, environment, context and default start command
  /// from the Dockerfile at `dockerfile` (relative path), built up to
  /// `target` (the last stage when nil) with the platform's `buildArgs`;
  /// returns false when no such Dockerfile was scanned.
  @discardableResult
  func linkDockerfile(
    _ service: inout Service, dockerfile: String, context: String, target: Located<String>? = nil,
    buildArgs: [EnvVar] = []
  ) -> Bool {
    guard var recipe = workspace[.recipes][dockerfile] else { return false }
    if !buildArgs.isEmpty {
      service.buildEnvironment = service.buildEnvironment.overlaid(by: Environment(buildArgs))
      // A build argument no `ARG` declares changes nothing (buildkit warns it
      // was not consumed): the recipe is made again only when one is declared.
      let declared = recipe.declaredArgs
      let consumed = buildArgs.filter { declared.contains($0.key) }
      if !consumed.isEmpty { recipe = recipeWithBuildArgs(dockerfile, consumed) ?? recipe }
    }
    if let target {
      service.build.target = target
      // buildkit refuses a target no stage is named; the last stage stands in.
      recipe = recipe.targeting(target.value) ?? recipe
    }
    let facts = DockerfileAssembly.facts(
      recipe: recipe, dockerfilePath: dockerfile, context: context, in: workspace)
    service.build.recipe = recipe
    service.build.kind = .dockerfile
    service.build.contextPath = context
    service.python.packages = facts.packages
    service.environment = facts.environment.overlaid(by: service.environment)
    service.python.indexURLs = facts.indexURLs
    service.files.note(deployFile(dockerfile, .read, "the Dockerfile the build runs"))
    for manifest in facts.manifests {
      service.files.note(deployFile(manifest, .read, "a manifest the Dockerfile installs"))
    }
    if let image = Self.imageCommand(recipe) {
      if service.start.isEmpty {
        service.start = StartChain([StartLink(.image, image)])
      } else if let above = service.startCommand {
        service.start.replaced.append(
          ReplacedLink(link: StartLink(.image, image), reason: "\(above.source) replaces it"))
      }
    }
    return true
  }

  /// A native build (buildpacks, Render's native runtimes, Nixpacks/Railpack)
  /// from `folder`; what it installs is linked by `linkPythonInstalls`.
  func linkNativeBuild(_ service: inout Service, folder: String, command: CommandFact?) {
    service.build.kind = .native(command: command?.text)
    service.build.contextPath = folder
    service.build.nativeCommand = command
  }

  /// The platform runs `command` instead of what the chain held (the image's
  /// `CMD`), which is kept as replaced.
  static func start(_ service: inout Service, _ kind: StartLink.Kind, _ command: StartCommand) {
    service.start.override(with: StartLink(kind, command), reason: "\(command.source) replaces it")
  }

  /// `ENTRYPOINT` + `CMD` of the final stage, as the container runs them.
  static func imageCommand(_ recipe: ImageRecipe) -> StartCommand? {
    guard let final = recipe.finalStage else { return nil }
    let chain = recipe.stageChain(final.index)
    func last(_ keyword: String) -> Instruction? {
      for i in chain {
        if let found = recipe.stages[i].instructions.last(where: { $0.keyword == keyword }) { return found }
      }
      return nil
    }
    let entry = last("ENTRYPOINT")
    let cmd = last("CMD")
    let words = [entry, cmd].compactMap { $0 }.map { $0.execForm?.joined(separator: " ") ?? $0.text }
    guard let span = (cmd ?? entry)?.span, !words.isEmpty else { return nil }
    return StartCommand(
      text: words.joined(separator: " "), span: span,
      source: "Dockerfile \(cmd != nil ? "CMD" : "ENTRYPOINT")")
  }
}

extension Assembler {
  /// The Dockerfile read again with build arguments: they change what its
  /// `ARG`s expand to, so the recipe scanned without them does not hold.
  func recipeWithBuildArgs(_ dockerfile: String, _ buildArgs: [EnvVar]) -> ImageRecipe? {
    guard let source = workspace.source(dockerfile),
      let parsed = try? DockerfileParser.parse(source)
    else { return nil }
    var values: [String: String] = [:]
    for arg in buildArgs { values[arg.key] = arg.value }
    return parsed.makeImageRecipe(path: workspace.displayPath(dockerfile), buildArgs: values)
  }
}
