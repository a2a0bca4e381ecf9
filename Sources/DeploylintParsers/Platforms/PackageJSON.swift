import DeploylintCore

/// The parts of `package.json` that say how a Node service builds and runs.
public struct PackageJSON: Sendable {
  public var name: Located<String>?
  /// Script name (located key) → command, in written order.
  public var scripts: [(name: Located<String>, command: Located<String>)] = []
  /// `engines.node`.
  public var nodeEngine: Located<String>?
  public var dependencies: [Located<String>] = []
  public var devDependencies: [Located<String>] = []
  public var issues: [ParseError] = []

  public static func parse(_ document: ConfigDocument) throws(ParseError) -> PackageJSON {
    var r = FieldReader(document)
    let root = try r.rootMapping("package.json")
    var p = PackageJSON()
    for entry in r.entries(root, "package.json") {
      switch entry.key {
      case "name": p.name = r.string(entry.value, "name")
      case "scripts":
        for s in r.entries(entry.value, "scripts") {
          if let command = r.string(s.value, "scripts.\(s.key)") {
            p.scripts.append((Located(s.key, span: s.keySpan), command))
          }
        }
      case "engines":
        if let node = document.value("node", in: entry.value) {
          p.nodeEngine = r.string(node, "engines.node")
        }
      case "dependencies":
        p.dependencies = r.entries(entry.value, "dependencies").map { Located($0.key, span: $0.keySpan) }
      case "devDependencies":
        p.devDependencies = r.entries(entry.value, "devDependencies").map {
          Located($0.key, span: $0.keySpan)
        }
      default: break
      }
    }
    p.issues = r.issues
    return p
  }

  /// The command of script `name`.
  public func script(_ name: String) -> Located<String>? {
    scripts.first { $0.name.value == name }?.command
  }

  /// The scripts a command runs, transitively: `npm run build` → the `build`
  /// script → the scripts *it* runs… Follows `npm run X`, `npm run-script X`,
  /// `npm start|test|stop|restart`, `yarn [run] X` and `pnpm [run] X`, in
  /// every `&&`/`;`/`||`-separated part, including the `preX`/`postX` hooks
  /// npm runs around them. Each script appears once (cycle-safe) and the walk
  /// stops after 64 scripts.
  public func resolveScriptChain(_ command: String) -> [Located<String>] {
    var result: [Located<String>] = []
    var seen: Set<String> = []
    var queue = Self.invokedScripts(in: command)
    while !queue.isEmpty, result.count < 64 {
      let name = queue.removeFirst()
      for hooked in ["pre" + name, name, "post" + name] where !seen.contains(hooked) {
        guard let command = script(hooked) else { continue }
        seen.insert(hooked)
        result.append(command)
        queue.append(contentsOf: Self.invokedScripts(in: command.value))
      }
    }
    return result
  }

  /// Script names a shell command invokes through a package manager.
  static func invokedScripts(in command: String) -> [String] {
    var names: [String] = []
    let parts = command.split(whereSeparator: { $0 == ";" || $0 == "&" || $0 == "|" })
    for part in parts {
      var words = part.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
      // Drop leading `VAR=value` assignments and `npx`/`cross-env` wrappers' assignments.
      while let first = words.first, first.contains("="), !first.hasPrefix("-") { words.removeFirst() }
      if words.first == "cross-env" {
        words.removeFirst()
        while let first = words.first, first.contains("=") { words.removeFirst() }
      }
      guard let tool = words.first else { continue }
      let args = words.dropFirst().filter { !$0.hasPrefix("-") }
      guard let sub = args.first else { continue }
      switch tool {
      case "npm":
        switch sub {
        case "run", "run-script":
          if args.count > 1 { names.append(args[args.startIndex + 1]) }
        case "start", "test", "stop", "restart": names.append(sub)
        case "t", "tst": names.append("test")
        default: break
        }
      case "yarn", "pnpm", "bun":
        if sub == "run" {
          if args.count > 1 { names.append(args[args.startIndex + 1]) }
        } else if !Self.builtinCommands.contains(sub) {
          names.append(sub)
        }
      default: break
      }
    }
    return names
  }

  /// Package-manager subcommands that are not script names.
  private static let builtinCommands: Set<String> = [
    "install", "add", "remove", "i", "ci", "exec", "dlx", "x", "create", "init", "why", "list", "ls",
    "outdated",
    "upgrade", "up", "update", "publish", "pack", "link", "unlink", "workspace", "workspaces", "config",
    "cache",
    "audit", "info", "import", "rebuild", "prune", "store", "set", "version", "login", "logout", "node",
  ]
}
