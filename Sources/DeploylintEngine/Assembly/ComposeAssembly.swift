import DeploylintCore
import DeploylintParsers

extension Assembler {
  /// Services of compose files and the hosts that run them. Each compose
  /// project (a base file with its override files merged, values interpolated
  /// from the `.env` beside it) gives one service per entry of `services:`,
  /// whose runtime budget is its container limit; when the host's memory is
  /// declared (`--host-memory`, `.deploylint.yml` `host.memory`) the stack
  /// gets a `HostFacts` and its `build:` services are built on that host.
  func composeServices() -> (services: [Service], hosts: [HostFacts]) {
    let host = composeHostBudget()
    let sourcesByDisplay = Dictionary(
      workspace.sources.values.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
    var services: [Service] = []
    var hosts: [HostFacts] = []
    for stack in composeStacks().stacks {
      let folder = stack.path.parentPath
      let variables =
        workspace[.dotenvs][joinPath(folder, ".env")] ?? workspace[.dotenvs][joinPath(folder, ".env.example")]
        ?? [:]
      let display = workspace.displayPath(stack.path)
      let awaited = Self.awaitedToComplete(stack.file.services, variables: variables)
      for entry in stack.file.services {
        var service = composeService(
          entry, stack: stack, display: display, variables: variables, host: host?.budget,
          sources: sourcesByDisplay)
        service.compose?.oneShot = Self.oneShot(
          entry, awaitedBy: awaited[entry.name.value], variables: variables)
        service.compose?.overrideFiles = stack.overrides.map { workspace.displayPath($0) }
        services.append(service)
      }
      if let host {
        hosts.append(
          HostFacts(
            name: host.name, budget: host.budget, composeFile: display,
            composeSpan: stack.file.servicesKeySpan ?? stack.file.services.first?.name.span
              ?? workspace.fileSpan(stack.path),
            reserve: HostReserveAmount.of(host: host.budget.bytes, declared: workspace.config.host?.reserve)))
      }
    }
    return (services, hosts)
  }

  /// The compose host's memory: `--host-memory` wins over `.deploylint.yml`
  /// `host.memory`; nil when neither is given.
  func composeHostBudget() -> (name: String, budget: MemoryBudget)? {
    let settings = workspace.config.host
    let cpus = settings?.cpus?.value
    let name = settings?.name?.value
    let cpuText = cpus.map { ", \(CPUCount.format($0))" } ?? ""
    if let bytes = hostMemoryOverride {
      return (
        name ?? "the compose host",
        MemoryBudget(
          bytes: bytes, cpus: cpus,
          source:
            "--host-memory \(MemorySize.dockerText(bytes)): \(Bytes.format(bytes, .binary))\(cpuText)")
      )
    }
    guard let memory = settings?.memory else { return nil }
    let who = name.map { "host `\($0)`" } ?? "host"
    return (
      name ?? "the compose host",
      MemoryBudget(
        bytes: memory.value, cpus: cpus,
        source: "\(who): \(Bytes.format(memory.value, .binary))\(cpuText) (.deploylint.yml host.memory)",
        span: memory.span)
    )
  }

  /// One compose service as a `Service`.
  private func composeService(
    _ cs: ComposeService, stack: ComposeStack, display: String, variables: [String: String],
    host: MemoryBudget?, sources: [String: SourceFile]
  ) -> Service {
    func value(_ l: Located<String>?) -> Located<String>? {
      l.map { $0.map { ComposeInterpolation.interpolate($0, env: variables) } }
    }
    let folder = stack.path.parentPath
    var service = Service(name: cs.name.value, span: cs.name.span, platform: .compose)
    let merged =
      stack.declaredBy.map { by in
        stack.overrides.isEmpty
          ? " (named by \(by))"
          : " merged with \(stack.overrides.joined(separator: ", ")) (named by \(by))"
      } ?? ""
    service.platformEvidence = Evidence(
      .declared, "a service of the compose file \(stack.path)\(merged)", span: cs.name.span)
    for path in [stack.path] + stack.overrides {
      service.files.note(deployFile(path, .read, "the compose file that declares the service"))
    }
    var facts = ComposeFacts(file: display)
    facts.serviceName = cs.name.value
    let image = value(cs.image)
    facts.image = image
    facts.profiles = cs.profiles.map { ComposeInterpolation.interpolate($0.value, env: variables) }
    // Compose starts a service that lists profiles only when one is activated.
    facts.activeByDefault = facts.profiles.isEmpty
    facts.builds = cs.build != nil

    /// A size under `key`, interpolated and read as Compose reads it.
    func size(_ key: String, _ l: Located<String>?) -> Setting<Int64>? {
      guard let v = value(l) else { return nil }
      guard let bytes = MemorySize.parse(v.value, convention: .docker) else {
        facts.unreadableSizes.append(Setting(key: key, v))
        return nil
      }
      return Setting(key: key, Located(bytes, span: v.span, text: v.value))
    }
    facts.serviceMemLimit = size("mem_limit", cs.memLimit)
    facts.deployMemLimit = size("deploy.resources.limits.memory", cs.deployMemoryLimit)
    facts.serviceMemReservation = size("mem_reservation", cs.memReservation)
    facts.deployMemReservation = size("deploy.resources.reservations.memory", cs.deployMemoryReservation)
    /// A count under `key`, interpolated: `${WORKER_REPLICAS:-3}` is 3 (the
    /// Compose specification, 12-interpolation.md: any value can be interpolated).
    func count(_ key: String, _ l: Located<String>?) -> Setting<Int>? {
      guard let v = value(l) else { return nil }
      guard let n = Int(v.value.trimmingWhitespace()) else {
        facts.unreadableNumbers.append(Setting(key: key, v))
        return nil
      }
      return Setting(key: key, Located(max(0, n), span: v.span, text: v.value))
    }
    facts.replicas = count("deploy.replicas", cs.deployReplicas) ?? count("scale", cs.scale)
    facts.containerName = value(cs.containerName)
    if let misplaced = cs.misplacedReplicas {
      facts.misplacedReplicas = Located(misplaced.value, span: cs.misplacedReplicasKeySpan ?? misplaced.span)
    }
    service.instances = facts.replicas?.located

    // Command and entrypoint: `command:` replaces the image's CMD,
    // `entrypoint:` its ENTRYPOINT.
    // The words as written run the container (the start command); the
    // words of a `sh -c` script's server are what configure it.
    let command = cs.command.map { words($0, variables, sources, unwrap: true) }
    let entrypoint = cs.entrypoint.map { words($0, variables, sources, unwrap: true) }
    // Without `command:`, an `entrypoint:` is the whole process
    // (`entrypoint: ["sh", "-c", "redis-server --maxmemory 200mb"]`).
    if let (written, span) = command.map({ ($0, cs.command?.span) })
      ?? entrypoint.map({ ($0, cs.entrypoint?.span) }),
      let span
    {
      facts.command = ComposeCommand(
        words: zip(written.words, written.spans).map { Located($0, span: $1) }, span: span)
    }

    // Environment: env_file first, `environment:` over it.
    var variablesSet: [EnvVar] = []
    for file in cs.envFiles {
      let path = joinPath(folder, ComposeInterpolation.interpolate(file.value, env: variables))
      guard let source = workspace.source(path) else { continue }
      for entry in DotEnvParser.read(source) {
        variablesSet.append(
          EnvVar(
            key: entry.key.value, value: entry.value.value, span: entry.key.span.union(entry.value.span),
            source: "env_file \(workspace.displayPath(path))"))
      }
    }
    for pair in cs.environment {
      let raw = pair.value?.value ?? variables[pair.key.value] ?? ""
      var span = pair.key.span
      if let v = pair.value, v.span.path == span.path, v.span.line == span.line { span = span.union(v.span) }
      variablesSet.append(
        EnvVar(
          key: pair.key.value, value: ComposeInterpolation.interpolate(raw, env: variables), span: span,
          source: "compose environment", valueSpan: pair.value.map { span.union($0.span) }))
    }
    service.environment = Environment(variablesSet)

    if let build = cs.build {
      let context = joinPath(
        folder, ComposeInterpolation.interpolate(build.context?.value ?? ".", env: variables))
      let dockerfile = joinPath(
        context, ComposeInterpolation.interpolate(build.dockerfile?.value ?? "Dockerfile", env: variables))
      // `build.args` entries without a value take the variable of the same
      // name from the environment Compose interpolates with (here, `.env`).
      let buildArgs: [EnvVar] = build.args.compactMap { pair in
        guard let raw = pair.value?.value ?? variables[pair.key.value] else { return nil }
        return EnvVar(
          key: pair.key.value, value: ComposeInterpolation.interpolate(raw, env: variables),
          span: pair.value.map { pair.key.span.union($0.span) } ?? pair.key.span, source: "compose build.args"
        )
      }
      if linkDockerfile(
        &service, dockerfile: dockerfile, context: context, target: value(build.target), buildArgs: buildArgs)
      {
        facts.builtFrom = service.build.recipe?.finalStage?.base
        service.build.recipeChoice = Evidence(
          .declared,
          build.dockerfile != nil ? "compose build.dockerfile" : "compose build (default Dockerfile)",
          span: build.dockerfile?.span ?? build.context?.span)
      } else {
        service.build.kind = .dockerfile
        service.build.contextPath = context
      }
      service.build.location = BuildLocation(
        description: "the compose host (docker compose build)", budget: host, onPlatform: false)
      service.build.declaredBudget = host
    } else {
      service.build.kind = .prebuilt(image: image?.value ?? "")
    }
    service.imageReference = image?.value

    let startWords = [cs.entrypoint, cs.command].compactMap { $0 }.flatMap {
      words($0, variables, sources, unwrap: false).words
    }
    if !startWords.isEmpty, let span = cs.command?.span ?? cs.entrypoint?.span {
      Self.start(
        &service, .platformCommand,
        StartCommand(
          text: startWords.map(ShellScriptCommand.quoted).joined(separator: " "), span: span,
          source: cs.command != nil ? "compose command" : "compose entrypoint"))
    }

    /// A CPU count under `key`, interpolated; a value that is not a positive
    /// number is recorded for invalid-compose-key.
    func cpuCount(_ key: String, _ l: Located<String>?) -> Double? {
      guard let v = value(l) else { return nil }
      guard let n = Double(v.value.trimmingWhitespace()), n.isFinite, n >= 0 else {
        facts.unreadableNumbers.append(Setting(key: key, v))
        return nil
      }
      return n
    }
    let serviceCPUs = cpuCount("cpus", cs.cpus)
    let deployCPUs = cpuCount("deploy.resources.limits.cpus", cs.deployCPULimit)
    if let limit = facts.memLimit {
      let cpus = serviceCPUs ?? deployCPUs
      service.runtimeBudget = MemoryBudget(
        bytes: limit.value, cpus: cpus, source: "compose \(limit.written)", span: limit.span)
    } else if let host {
      // No limit: the container may take the whole host.
      var budget = host
      budget.source = "no container limit, the whole host: \(host.source)"
      service.runtimeBudget = budget
    }
    service.compose = facts
    return service
  }

  /// The words of a `command:`/`entrypoint:` (a string is split as Compose
  /// splits it, shell-like without running a shell) and where each stands.
  private func words(
    _ value: LocatedStringOrList, _ variables: [String: String], _ sources: [String: SourceFile], unwrap: Bool
  ) -> (words: [String], spans: [Span]) {
    var words: [String]
    switch value {
    case .string(let s):
      words = ShellWords.commands(ComposeInterpolation.interpolate(s.value, env: variables)).flatMap { $0 }
    case .list(let items, _):
      words = items.map { ComposeInterpolation.interpolate($0.value, env: variables) }
    }
    // `sh -c "redis-server --maxmemory 200mb"`: the server's words are in the
    // script; each is still located where it is written inside it.
    if unwrap, let inner = ShellScriptCommand.innerCommand(words) { words = inner }
    if words.count > 10_000 { words = Array(words.prefix(10_000)) }
    let whole = value.span
    guard let source = sources[whole.path] else { return (words, words.map { _ in whole }) }
    var from = source.offset(line: whole.line, column: whole.column)
    let to = source.offset(line: whole.endLine, column: whole.endColumn)
    var spans: [Span] = []
    for word in words {
      if let found = TokenLocator.find(word, in: source, from: from, to: to) {
        spans.append(found)
        from = source.offset(line: found.endLine, column: found.endColumn)
      } else {
        spans.append(whole)
      }
    }
    return (words, spans)
  }
}
