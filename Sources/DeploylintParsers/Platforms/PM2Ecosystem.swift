import DeploylintCore

/// A pm2 ecosystem file: the apps pm2 starts and how many copies of each.
public struct PM2Ecosystem: Sendable {
  public var apps: [PM2App] = []
  public var issues: [ParseError] = []

  public init(apps: [PM2App] = [], issues: [ParseError] = []) {
    self.apps = apps
    self.issues = issues
  }

  /// Reads `ecosystem.config.json` / `.yml` / `process.json`: `{apps: [...]}`
  /// or a single app object with a `script` (or a bare list of apps).
  public static func parse(_ document: ConfigDocument) throws(ParseError) -> PM2Ecosystem {
    var r = FieldReader(document)
    let root = document.resolve(document.root)
    var e = PM2Ecosystem()
    if root.isSequence {
      e.apps = apps(r.items(root, "apps"), &r)
    } else {
      let mapping = try r.rootMapping("the pm2 ecosystem")
      if let apps = document.value("apps", in: mapping) {
        let resolved = document.resolve(apps)
        e.apps = Self.apps(resolved.isMapping ? [resolved] : r.items(apps, "apps"), &r)
      } else if document.value("script", in: mapping) != nil {
        e.apps = [PM2App.parse(mapping, &r)]
      }
      // Neither `apps` nor `script`: not a pm2 file (a GitHub workflow named
      // `ecosystem.yml`, say). pm2 refuses an app without a script, so
      // nothing here starts a process.

    }
    e.issues = r.issues
    return e
  }

  /// The app objects among `items`; anything else is warned about and skipped.
  private static func apps(_ items: [ConfigNode], _ r: inout FieldReader) -> [PM2App] {
    items.compactMap { item in
      guard item.isMapping else {
        r.warn("expected an app to be an object", at: item.span)
        return nil
      }
      return PM2App.parse(item, &r)
    }
  }
}

/// One pm2 app. Values stay as written: `instances` may be a number, `"max"`
/// or `-1`; `max_memory_restart` is a raw size string.
public struct PM2App: Sendable {
  public var name: Located<String>?
  public var script: Located<String>?
  public var args: LocatedStringOrList?
  /// As written: `4`, `"max"`, `0` or `-1` (all cores, or all but one).
  public var instances: Located<String>?
  public var execMode: Located<String>?
  public var nodeArgs: LocatedStringOrList?
  public var interpreterArgs: LocatedStringOrList?
  public var maxMemoryRestart: Located<String>?
  public var env: [LocatedPair] = []
  public var span: Span

  public init(span: Span) { self.span = span }

  /// Whether `exec_mode` asks for pm2's cluster mode (`cluster` or `cluster_mode`).
  public var isCluster: Bool {
    if let mode = execMode?.value.lowercased() { return mode.hasPrefix("cluster") }
    return false
  }

  static func parse(_ node: ConfigNode, _ r: inout FieldReader) -> PM2App {
    var a = PM2App(span: node.span)
    for entry in r.entries(node, "an app") {
      let v = entry.value
      switch entry.key {
      case "name": a.name = r.string(v, "name")
      case "script": a.script = r.string(v, "script")
      case "args": a.args = r.stringOrList(v, "args")
      case "instances": a.instances = r.string(v, "instances")
      case "exec_mode": a.execMode = r.string(v, "exec_mode")
      case "node_args": a.nodeArgs = r.stringOrList(v, "node_args")
      case "interpreter_args": a.interpreterArgs = r.stringOrList(v, "interpreter_args")
      case "max_memory_restart": a.maxMemoryRestart = r.string(v, "max_memory_restart")
      case "env": a.env = r.stringMap(v, "env")
      default: break
      }
    }
    return a
  }
}
