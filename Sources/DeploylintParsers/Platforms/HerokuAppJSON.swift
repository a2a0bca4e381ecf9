import DeploylintCore

/// Heroku's `app.json`: dyno formation (sizes set memory), stack, env keys.
public struct HerokuAppJSON: Sendable {
  /// One process type of `formation`.
  public struct Formation: Sendable {
    public var process: Located<String>
    public var quantity: Located<Int>?
    public var size: Located<String>?
  }
  public var formation: [Formation] = []
  public var stack: Located<String>?
  /// `env` keys, with their literal `value` when one is given.
  public var env: [LocatedPair] = []
  /// Keys only Heroku reads (`formation`, `stack`, `buildpacks`, `addons`,
  /// `environments`), each located at its key: what makes this a Heroku app.
  public var herokuKeys: [Located<String>] = []
  /// Keys only Dokku reads (`scripts.dokku`, `cron`, `healthchecks`): the app
  /// deploys to a Dokku server (https://dokku.com/docs/appendices/file-formats/app-json/).
  public var dokkuKeys: [Located<String>] = []
  public var issues: [ParseError] = []

  public static func parse(_ document: ConfigDocument) throws(ParseError) -> HerokuAppJSON {
    var r = FieldReader(document)
    let root = try r.rootMapping("app.json")
    var a = HerokuAppJSON()
    for entry in r.entries(root, "app.json") {
      switch entry.key {
      case "stack":
        a.stack = r.string(entry.value, "stack")
        a.herokuKeys.append(Located("stack", span: entry.keySpan))
      case "buildpacks", "addons", "environments":
        a.herokuKeys.append(Located(entry.key, span: entry.keySpan))
      case "cron", "healthchecks":
        a.dokkuKeys.append(Located(entry.key, span: entry.keySpan))
      case "scripts":
        for script in r.entries(entry.value, "scripts") where script.key == "dokku" {
          a.dokkuKeys.append(Located("scripts.dokku", span: script.keySpan))
        }
      case "formation":
        a.herokuKeys.append(Located("formation", span: entry.keySpan))
        for p in r.entries(entry.value, "formation") {
          var f = Formation(process: Located(p.key, span: p.keySpan))
          for field in r.entries(p.value, "formation.\(p.key)") {
            switch field.key {
            case "quantity": f.quantity = r.int(field.value, "quantity")
            case "size": f.size = r.string(field.value, "size")
            default: break
            }
          }
          a.formation.append(f)
        }
      case "env":
        for e in r.entries(entry.value, "env") {
          let resolved = document.resolve(e.value)
          // `"KEY": "value"` or `"KEY": {"value": "…", "description": …}`.
          let value: Located<String>? =
            resolved.isMapping
            ? document.value("value", in: resolved).flatMap { r.string($0, "env.\(e.key).value") }
            : r.string(resolved, "env.\(e.key)")
          a.env.append(LocatedPair(key: Located(e.key, span: e.keySpan), value: value))
        }
      default: break
      }
    }
    a.issues = r.issues
    return a
  }
}
