import DeploylintCore

/// Railway's config-as-code (`railway.json` or `railway.toml`: same shape).
public struct RailwayConfig: Sendable {
  /// Railway's builders; the value is matched case-insensitively.
  public enum Builder: String, Sendable, Hashable {
    case nixpacks = "NIXPACKS"
    case railpack = "RAILPACK"
    case dockerfile = "DOCKERFILE"
    case heroku = "HEROKU"
    case paketo = "PAKETO"
  }
  public var schema: Located<String>?
  /// The builder as written.
  public var builderName: Located<String>?
  public var dockerfilePath: Located<String>?
  public var buildCommand: Located<String>?
  public var startCommand: Located<String>?
  public var numReplicas: Located<Int>?
  /// `deploy.multiRegionConfig.<region>.numReplicas`, in written order.
  public var regionReplicas: [(region: Located<String>, numReplicas: Located<Int>?)] = []
  public var issues: [ParseError] = []

  /// The builder, when it names one Railway knows.
  public var builder: Located<Builder>? {
    guard let name = builderName, let b = Builder(rawValue: name.value.uppercased()) else { return nil }
    return Located(b, span: name.span)
  }

  /// Replicas across all regions (`numReplicas`, or the sum of the regions').
  public var totalReplicas: Int? {
    let regional = regionReplicas.compactMap { $0.numReplicas?.value }
    return regional.isEmpty ? numReplicas?.value : regional.reduce(0, +)
  }

  public static func parse(_ document: ConfigDocument) throws(ParseError) -> RailwayConfig {
    var r = FieldReader(document)
    let root = try r.rootMapping("the Railway config")
    var c = RailwayConfig()
    for entry in r.entries(root, "the Railway config") {
      switch entry.key {
      case "$schema": c.schema = r.string(entry.value, "$schema")
      case "build": c.readBuild(entry.value, &r)
      case "deploy": c.readDeploy(entry.value, &r)
      case "environments": break
      default: r.warn("unknown key '\(entry.key)' in the Railway config", at: entry.keySpan)
      }
    }
    if let name = c.builderName, c.builder == nil {
      r.warn("unknown Railway builder '\(name.value)'", at: name.span)
    }
    c.issues = r.issues
    return c
  }

  private mutating func readBuild(_ node: ConfigNode, _ r: inout FieldReader) {
    for entry in r.entries(node, "build") {
      switch entry.key {
      case "builder": builderName = r.string(entry.value, "build.builder")
      case "dockerfilePath": dockerfilePath = r.string(entry.value, "build.dockerfilePath")
      case "buildCommand": buildCommand = r.string(entry.value, "build.buildCommand")
      default: break
      }
    }
  }

  private mutating func readDeploy(_ node: ConfigNode, _ r: inout FieldReader) {
    for entry in r.entries(node, "deploy") {
      switch entry.key {
      case "startCommand": startCommand = r.string(entry.value, "deploy.startCommand")
      case "numReplicas": numReplicas = r.int(entry.value, "deploy.numReplicas")
      case "multiRegionConfig":
        for region in r.entries(entry.value, "deploy.multiRegionConfig") {
          let replicas = r.document.value("numReplicas", in: region.value).flatMap {
            r.int($0, "numReplicas of \(region.key)")
          }
          regionReplicas.append((Located(region.key, span: region.keySpan), replicas))
        }
      default: break
      }
    }
  }
}
