import DeploylintCore
import DeploylintParsers

extension Assembler {
  /// Services started by pm2 that no platform declares: a VPS running
  /// `pm2 start ecosystem.config.js` (one service per app, named as pm2 names
  /// it), or a package.json script `pm2 start server.js -i max`. Their budget
  /// is the declared host (`--host-memory`, `.deploylint.yml` `host.memory`),
  /// else unknown; they are built in place on that host.
  func pm2Services(claimed: [Service]) -> [Service] {
    let covered = pm2Covered(claimed)
    let budget = declaredHostBudget()
    var services: [Service] = []
    func make(name: String, span: Span, context: String, start: StartCommand) -> Service {
      var service = Service(name: name, span: span, platform: .generic, runtimeBudget: budget)
      service.build.contextPath = context
      service.start = StartChain([StartLink(.processManager, start)])
      service.platformEvidence = Evidence(
        .assumed, "started by pm2 on a machine no platform file describes", span: start.span)
      service.build.location = BuildLocation(
        description:
          "the host itself (a pm2 app is built where it runs: `npm run build` before `pm2 start`)",
        budget: budget, onPlatform: false)
      return service
    }
    for path in workspace[.pm2Ecosystems].keys.sorted() where !covered.contains(path) {
      guard let ecosystem = workspace[.pm2Ecosystems][path] else { continue }
      let display = workspace.displayPath(path)
      for app in ecosystem.apps {
        let name = PM2Naming.name(of: app)
        let start = StartCommand(
          text: "pm2 start \(path.baseName) --only \(name)",
          span: app.script?.span ?? app.name?.span ?? app.span,
          source: "pm2 ecosystem app `\(name)` (\(display))")
        services.append(
          make(name: name, span: app.name?.span ?? app.span, context: path.parentPath, start: start))
      }
    }
    // package.json scripts that start pm2 on a script (not an ecosystem file,
    // which the loop above already made a service of).
    for path in workspace[.packageJSONs].keys.sorted() {
      guard let package = workspace[.packageJSONs][path] else { continue }
      for script in package.scripts {
        guard !covered.contains("\(path)#\(script.name.value)"),
          let pm2 = ShellWords.commands(script.command.value).lazy.compactMap(NodeCommands.pm2Invocation)
            .first,
          !NodeCommands.isEcosystemName(pm2.target)
        else { continue }
        let name =
          pm2.name ?? package.name?.value ?? (path.parentPath.isEmpty ? rootName : path.parentPath.baseName)
        let start = StartCommand(
          text: script.command.value, span: script.command.span,
          source: "package.json script `\(script.name.value)`")
        services.append(make(name: name, span: script.name.span, context: path.parentPath, start: start))
        break
      }
    }
    return services
  }

  /// Ecosystem files (by path) and package.json pm2 scripts (`path#script`)
  /// that the start command of a claimed service, or of any Dockerfile,
  /// already reaches.
  func pm2Covered(_ claimed: [Service]) -> Set<String> {
    var starts: [(StartCommand, String)] = claimed.compactMap { s in
      s.processCommand.map { ($0, s.build.contextPath) }
    }
    for (path, recipe) in workspace[.recipes].sorted(by: { $0.key < $1.key }) {
      if let command = Self.imageCommand(recipe) { starts.append((command, path.parentPath)) }
    }
    var covered: Set<String> = []
    for (start, context) in starts {
      var commands = ShellWords.commands(start.text)
      let packagePath = joinPath(context, "package.json")
      if let package = workspace[.packageJSONs][packagePath] {
        for script in package.resolveScriptChain(start.text) {
          if let name = package.scripts.first(where: { $0.command.span == script.span })?.name.value {
            covered.insert("\(packagePath)#\(name)")
          }
          commands += ShellWords.commands(script.value)
        }
      }
      for words in commands {
        guard let pm2 = NodeCommands.pm2Invocation(words) else { continue }
        for candidate in [joinPath(context, pm2.target), joinPath(context, pm2.target.baseName)] {
          covered.insert(candidate)
        }
      }
    }
    return covered
  }

  /// The memory of the machine declared in `.deploylint.yml` `host` (or on the
  /// command line with `--host-memory`, which wins), as a budget.
  func declaredHostBudget() -> MemoryBudget? {
    let host = workspace.config.host
    let name = host?.name?.value ?? "host"
    let cpus = host?.cpus?.value
    let cpuText = cpus.map { ", \(CPUCount.format($0))" } ?? ""
    if let bytes = hostMemoryOverride {
      return MemoryBudget(
        bytes: bytes, cpus: cpus,
        source: "host `\(name)`: \(Bytes.format(bytes, .binary))\(cpuText) (--host-memory)")
    }
    guard let memory = host?.memory else { return nil }
    let file = workspace.paths(of: .deploylintConfig).first { !$0.contains("/") } ?? ".deploylint.yml"
    return MemoryBudget(
      bytes: memory.value, cpus: cpus,
      source:
        "host `\(name)`: \(Bytes.format(memory.value, .binary))\(cpuText) (\(workspace.displayPath(file)) host.memory)",
      span: memory.span)
  }
}
