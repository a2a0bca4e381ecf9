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
  public var issues: [ParseError] = []

  public static func parse(_ document: ConfigDocument) throws(ParseError) -> HerokuAppJSON {
    var r = FieldReader(document)
    let root = try r.rootMapping("app.json")
    var a = HerokuAppJSON()
    for entry in r.entries(root, "app.json") {
      switch entry.key {
      case "stack": a.stack = r.string(entry.value, "stack")
      case "formation":
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
