import DeploylintCore
import DeploylintParsers

/// Node.js facts of a service: the heap flags its real start command reaches
/// (through `npm start` → package.json scripts, pm2 ecosystems, `NODE_OPTIONS`),
/// the heavy bundler builds its build runs and the heap flags that apply to
/// them. Scripts the deployment never runs (a `dev` script) are not read.
enum NodeAssembly {
  static func enrich(_ service: inout Service, _ assembler: Assembler) {
    var scanner = NodeScanner(assembler: assembler, service: service)
    scanner.scanRuntime()
    scanner.scanBuild()
    service.node = scanner.facts
  }
}

/// Walks a service's commands, locating every fact in its file.
struct NodeScanner {
  enum Phase { case start, build }

  let assembler: Assembler
  let service: Service
  var facts = NodeFacts()
  /// Spans already used, so two identical flags in one region each get their own.
  private var usedSpans: Set<Span> = []
  /// Ecosystem files already expanded (cycle guard).
  private var visitedEcosystems: Set<String> = []
  /// Heap flags written on command lines of the start chain (they override
  /// the environment's `NODE_OPTIONS` for the processes they start).
  private var commandLineHeap = false

  init(assembler: Assembler, service: Service) {
    self.assembler = assembler
    self.service = service
    let path = joinPath(service.build.contextPath, "package.json")
    // A Dockerfile build that never copies package.json does not run its scripts.
    self.package =
      assembler.workspace.build(of: service, reads: path) ? assembler.workspace[.packageJSONs][path] : nil
  }

  var workspace: Workspace { assembler.workspace }
  /// The service's package.json, looked up once (every simple command reads it).
  let package: PackageJSON?

  // MARK: Runtime

  mutating func scanRuntime() {
    if let start = service.processCommand {
      scan(start.text, region: start.span, label: start.source, phase: .start, depth: 0)
    }
    // NODE_OPTIONS from any environment source applies to every node process,
    // unless the command line sets the flag itself.
    if !commandLineHeap, let options = service.environment["NODE_OPTIONS"] {
      facts.runtimeHeap += heapFlags(
        inWords: [options.value], region: options.span, label: "NODE_OPTIONS (\(options.source))")
    }
  }

  // MARK: Build

  mutating func scanBuild() {
    if let native = service.build.nativeCommand {
      scan(native.text, region: native.span, label: native.source, phase: .build, depth: 0)
    } else if let recipe = service.build.recipe {
      for index in recipe.builtStageIndices {
        let stageEnv = recipe.environment(ofStage: index)
        for run in recipe.stages[index].runs {
          let before = facts.heavyBuilds.count
          scan(
            commands: run.shellCommands, region: run.span, label: "Dockerfile RUN", phase: .build, depth: 0)
          if facts.heavyBuilds.count > before, let options = stageEnv["NODE_OPTIONS"] {
            addBuildHeap(
              heapFlags(
                inWords: [options.value], region: options.span, label: "NODE_OPTIONS (\(options.source))"))
          }
        }
      }
    } else if let script = package?.script("build"), buildsFromPackageScript {
      // The package's `build` script and the scripts it runs, each labelled
      // with its own name.
      scanSimple(
        ["npm", "run", "build"], region: script.span, label: "package.json script `build`", phase: .build,
        depth: 0, followScripts: true)
    }
    // Platform variables are set during native builds too.
    if service.build.recipe == nil, !facts.heavyBuilds.isEmpty,
      let options = service.environment["NODE_OPTIONS"]
    {
      addBuildHeap(
        heapFlags(inWords: [options.value], region: options.span, label: "NODE_OPTIONS (\(options.source))"))
    }
  }

  /// Services whose build is the package's `build` script with no command
  /// written anywhere: buildpack-style builds and pm2 apps built in place.
  private var buildsFromPackageScript: Bool {
    if service.platform == .generic { return service.build.recipe == nil }
    if case .native = service.build.kind {
      return service.platform == .heroku || service.platform == .railway
    }
    return false
  }

  private mutating func addBuildHeap(_ flags: [HeapFlag]) {
    for f in flags where !facts.buildHeap.contains(f) { facts.buildHeap.append(f) }
  }

  // MARK: Commands

  /// Scans a shell command written at `region`: heap flags, heavy builds,
  /// scripts it runs through a package manager, pm2 ecosystems it starts.
  mutating func scan(_ text: String, region: Span, label: String, phase: Phase, depth: Int) {
    scan(commands: ShellWords.commands(text), region: region, label: label, phase: phase, depth: depth)
  }

  /// As `scan(_:…)`, on commands already split (a `RUN`'s `shellCommands`).
  mutating func scan(commands: [[String]], region: Span, label: String, phase: Phase, depth: Int) {
    guard depth < 6 else { return }
    for words in commands {
      scanSimple(words, region: region, label: label, phase: phase, depth: depth, followScripts: true)
    }
  }

  private mutating func scanSimple(
    _ words: [String], region: Span, label: String, phase: Phase, depth: Int, followScripts: Bool
  ) {
    let pm2 = phase == .start ? NodeCommands.pm2Invocation(words) : nil
    // pm2's own options (`--node-args`) are read with the app it starts.
    let flags = pm2 == nil ? heapFlags(inWords: words, region: region, label: label) : []
    if let build = NodeCommands.heavyBuild(words) {
      let step = BuildStep(text: build, span: locate(build, in: region, reuse: true) ?? region, source: label)
      if phase == .start {
        facts.startBuilds.append(step)
      } else {
        facts.heavyBuilds.append(step)
      }
    }
    switch phase {
    case .start:
      if !flags.isEmpty { commandLineHeap = true }
      for f in flags where !facts.runtimeHeap.contains(f) { facts.runtimeHeap.append(f) }
    case .build: addBuildHeap(flags)
    }
    if let pm2 {
      scanPM2(pm2, region: region, label: label, depth: depth)
    }
    if followScripts, let package {
      let command = words.joined(separator: " ")
      for script in package.resolveScriptChain(command) {
        let name = package.scripts.first { $0.command.span == script.span }?.name.value ?? "?"
        scanScript(
          name: name, command: script, label: "package.json script `\(name)`", phase: phase, depth: depth)
      }
    }
  }

  /// One script of the chain (the chain is already transitive: its own
  /// `npm run` calls are not followed again).
  private mutating func scanScript(
    name: String, command: Located<String>, label: String, phase: Phase, depth: Int
  ) {
    for words in ShellWords.commands(command.value) {
      scanSimple(
        words, region: command.span, label: label, phase: phase, depth: depth + 1, followScripts: false)
    }
  }

  // MARK: pm2

  private mutating func scanPM2(_ pm2: NodeCommands.PM2Invocation, region: Span, label: String, depth: Int) {
    if NodeCommands.isEcosystemName(pm2.target), let path = ecosystemPath(pm2.target) {
      guard !visitedEcosystems.contains(path), let ecosystem = workspace[.pm2Ecosystems][path] else { return }
      visitedEcosystems.insert(path)
      for app in ecosystem.apps {
        let name = PM2Naming.name(of: app)
        if !pm2.only.isEmpty, !pm2.only.contains(name) { continue }
        scanEcosystemApp(app, name: name, file: path, depth: depth)
      }
      return
    }
    // `pm2 start server.js -i max --node-args="--max-old-space-size=1536"`.
    let name = pm2.name ?? pm2.target.baseName.split(separator: ".").first.map(String.init) ?? pm2.target
    var app = PM2AppFacts(name: name, span: region)
    app.file = region.path
    if let text = pm2.instances {
      app.instancesSetting = Located(text, span: locate(text, in: region, reuse: true) ?? region)
      app.instances = resolveInstances(text)
      app.isCluster = true  // `-i` starts pm2's cluster mode.
    } else {
      app.instances = 1
    }
    let heap = heapFlags(inWords: pm2.nodeArgs, region: region, label: "pm2 --node-args (\(label))")
    if PM2Wrappers.isWrapper(pm2.target) {
      // `pm2 start npm -- start --node-args=…`: the flag is npm's, not the server's.
      app.wrapper = Located(pm2.target, span: locate(pm2.target, in: region, reuse: true) ?? region)
      app.wrapperHeap = heap.last
      app.wrapperRuns = wrapperRuns([pm2.target] + pm2.scriptArgs)
    } else {
      app.heap = heap.last
    }
    if let heap = app.heap, !facts.runtimeHeap.contains(heap) {
      commandLineHeap = true
      facts.runtimeHeap.append(heap)
    }
    if let text = pm2.maxMemoryRestart {
      app.maxMemoryRestart = Located(
        MemorySize.parse(text, convention: .pm2), span: locate(text, in: region, reuse: true) ?? region,
        text: text)
    }
    facts.pm2Apps.append(app)
    if ["npm", "yarn", "pnpm"].contains(pm2.target), !pm2.scriptArgs.isEmpty {
      scan(
        ([pm2.target] + pm2.scriptArgs).joined(separator: " "), region: region, label: label, phase: .start,
        depth: depth + 1)
    }
  }

  private mutating func scanEcosystemApp(_ app: PM2App, name: String, file: String, depth: Int) {
    let display = workspace.displayPath(file)
    var facts = PM2AppFacts(name: name, span: app.name?.span ?? app.span)
    facts.file = display
    facts.isCluster = app.isCluster
    if let instances = app.instances {
      facts.instancesSetting = instances
      facts.instances = resolveInstances(instances.value)
    } else {
      facts.instances = 1
    }
    var heap: [HeapFlag] = []
    for (key, args) in [("node_args", app.nodeArgs), ("interpreter_args", app.interpreterArgs)] {
      guard let args else { continue }
      let words: [String]
      switch args {
      case .string(let s): words = ShellWords.commands(s.value).flatMap { $0 }
      case .list(let parts, _): words = parts.map(\.value)
      }
      heap += heapFlags(inWords: words, region: args.span, label: "pm2 \(key) of app `\(name)` in \(display)")
    }
    if let script = app.script, PM2Wrappers.isWrapper(script.value) {
      // pm2 gives node_args to the process it starts, the wrapper; the server
      // is the wrapper's child and only inherits the environment.
      facts.wrapper = script
      facts.wrapperHeap = heap.last
      facts.wrapperRuns = wrapperRuns([script.value] + (app.args.map { [$0.joined] } ?? []))
      heap = []
    }
    if heap.isEmpty,
      let options = app.env.first(where: { $0.key.value == "NODE_OPTIONS" }), let value = options.value
    {
      heap += heapFlags(
        inWords: [value.value], region: value.span,
        label: "NODE_OPTIONS in the pm2 env of app `\(name)` in \(display)")
    }
    facts.heap = heap.last
    facts.maxMemoryRestart = app.maxMemoryRestart.map { restart in
      restart.map { MemorySize.parse($0, convention: .pm2) }
    }
    if let h = facts.heap, !self.facts.runtimeHeap.contains(h) {
      commandLineHeap = true
      self.facts.runtimeHeap.append(h)
    }
    self.facts.pm2Apps.append(facts)
    // What the app runs: `script: 'npm', args: 'start'` follows the start script.
    if let script = app.script {
      let text = ([script.value] + (app.args.map { [$0.joined] } ?? [])).joined(separator: " ")
      if ["npm", "yarn", "pnpm"].contains(script.value.baseName) {
        scan(
          text, region: script.span, label: "pm2 app `\(name)` script (\(display))", phase: .start,
          depth: depth + 1)
      }
    }
  }

  /// The command a package-manager wrapper ends up running (the last script
  /// of the chain `npm start` reaches), located in package.json.
  func wrapperRuns(_ words: [String]) -> Located<String>? {
    guard let package, ["npm", "yarn", "pnpm"].contains(words.first?.baseName ?? "") else { return nil }
    let command = ([words[0].baseName] + words.dropFirst()).joined(separator: " ")
    return package.resolveScriptChain(command).last
  }

  /// pm2 `instances`: a count, or `max`/`0`/`-1` (all CPUs, all but one),
  /// resolved with the CPUs of the plan or declared host.
  func resolveInstances(_ text: String) -> Int? {
    let cpus = (service.runtimeBudget?.cpus ?? workspace.config.host?.cpus?.value).map {
      max(1, Saturating.int($0.rounded(.up)))
    }
    switch text.lowercased() {
    case "max", "0": return cpus
    case "-1": return cpus.map { max(1, $0 - 1) }
    default:
      if let n = Saturating.parseCount(text), n > 0 { return n }
      if let n = Saturating.parseCount(text), n < 0 { return cpus.map { max(1, Saturating.sum($0, n)) } }
      return nil
    }
  }

  /// The scanned ecosystem file a command names, relative to the build context.
  func ecosystemPath(_ target: String) -> String? {
    for candidate in [
      joinPath(service.build.contextPath, target), joinPath(service.build.contextPath, target.baseName),
    ]
    where workspace[.pm2Ecosystems][candidate] != nil {
      return candidate
    }
    return nil
  }

  // MARK: Locating

  /// Heap flags in `words`, each located at its exact token inside `region`.
  mutating func heapFlags(inWords words: [String], region: Span, label: String) -> [HeapFlag] {
    var result: [HeapFlag] = []
    for word in words {
      for flag in NodeCommands.heapFlags(in: word) {
        let span = locate(flag.token, in: region, reuse: false) ?? region
        result.append(HeapFlag(mebibytes: flag.mebibytes, span: span, source: label))
      }
    }
    return result
  }

  /// The exact span of `token` inside `region` of its file; with `reuse`
  /// false, a span already handed out is skipped (two identical flags).
  mutating func locate(_ token: String, in region: Span, reuse: Bool) -> Span? {
    guard let file = workspace.sources.values.first(where: { $0.path == region.path }) else { return nil }
    var from = file.offset(line: region.line, column: region.column)
    let to =
      region.endLine == region.line && region.endColumn <= region.column
      ? file.scalars.count : file.offset(line: region.endLine, column: region.endColumn)
    while let span = TokenLocator.find(token, in: file, from: from, to: to) {
      if reuse || !usedSpans.contains(span) {
        usedSpans.insert(span)
        return span
      }
      from = file.offset(line: span.endLine, column: span.endColumn)
    }
    return nil
  }
}

/// Scripts pm2 can start that are not the server itself but start it as a
/// child: package managers (npm runs a package script in a child shell) and
/// shell scripts.
enum PM2Wrappers {
  static func isWrapper(_ script: String) -> Bool {
    let base = script.baseName
    return ["npm", "yarn", "pnpm", "npx", "sh", "bash"].contains(base) || base.hasSuffix(".sh")
  }
}

/// pm2's name for an app: `name`, else the script's base name without extension.
enum PM2Naming {
  static func name(of app: PM2App) -> String {
    if let name = app.name?.value, !name.isEmpty { return name }
    if let script = app.script?.value {
      let base = script.baseName
      return base.split(separator: ".").first.map(String.init) ?? base
    }
    return "app"
  }
}
