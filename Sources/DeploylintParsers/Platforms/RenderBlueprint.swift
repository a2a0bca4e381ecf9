import DeploylintCore

/// A Render Blueprint (`render.yaml`): services at the top level and under
/// `projects[].environments[].services`, environment groups and databases.
public struct RenderBlueprint: Sendable {
  public var services: [RenderService] = []
  public var envVarGroups: [RenderEnvVarGroup] = []
  public var databases: [RenderDatabase] = []
  /// Unknown or ill-typed fields, reported as warnings.
  public var issues: [ParseError] = []

  /// Reads a blueprint from any structured document (YAML in practice).
  public static func parse(_ document: ConfigDocument) throws(ParseError) -> RenderBlueprint {
    var r = FieldReader(document)
    let root = try r.rootMapping("render.yaml")
    var blueprint = RenderBlueprint()
    for entry in r.entries(root, "render.yaml") {
      switch entry.key {
      case "services":
        for item in r.items(entry.value, "services") {
          blueprint.services.append(RenderService.parse(item, project: nil, environment: nil, &r))
        }
      case "envVarGroups":
        for item in r.items(entry.value, "envVarGroups") {
          blueprint.envVarGroups.append(RenderEnvVarGroup.parse(item, &r))
        }
      case "databases":
        for item in r.items(entry.value, "databases") {
          blueprint.databases.append(RenderDatabase.parse(item, &r))
        }
      case "projects":
        blueprint.readProjects(entry.value, &r)
      case "previews", "previewsEnabled", "previewsExpireAfterDays", "version": break
      default: r.warn("unknown key '\(entry.key)' in render.yaml", at: entry.keySpan)
      }
    }
    blueprint.issues = r.issues
    return blueprint
  }

  private mutating func readProjects(_ node: ConfigNode, _ r: inout FieldReader) {
    for project in r.items(node, "projects") {
      let projectName = r.document.value("name", in: project)?.string
      guard let envs = r.document.value("environments", in: project) else { continue }
      for env in r.items(envs, "environments") {
        let envName = r.document.value("name", in: env)?.string
        if let services = r.document.value("services", in: env) {
          for item in r.items(services, "services") {
            self.services.append(RenderService.parse(item, project: projectName, environment: envName, &r))
          }
        }
        if let groups = r.document.value("envVarGroups", in: env) {
          for item in r.items(groups, "envVarGroups") {
            envVarGroups.append(RenderEnvVarGroup.parse(item, &r))
          }
        }
        if let databases = r.document.value("databases", in: env) {
          for item in r.items(databases, "databases") {
            self.databases.append(RenderDatabase.parse(item, &r))
          }
        }
      }
    }
  }

  /// The service's environment with `fromGroup` references expanded, in
  /// written order; a key set on the service itself wins over a group's.
  /// Variables without a literal value (`sync: false`, `generateValue`,
  /// `fromDatabase`, `fromService`) are listed with a nil value.
  public func environment(of service: RenderService) -> [RenderResolvedEnvVar] {
    var result: [RenderResolvedEnvVar] = []
    let explicit = Set(service.envVars.compactMap { $0.key?.value })
    func add(_ variable: RenderEnvVar, group: String?) {
      guard let key = variable.key else { return }
      if group != nil, explicit.contains(key.value) { return }
      result.removeAll { $0.key == key.value }
      result.append(
        RenderResolvedEnvVar(key: key.value, value: variable.value?.value, span: variable.span, group: group))
    }
    for variable in service.envVars {
      if case .fromGroup(let name) = variable.kind {
        // A group cannot reference another group, so one level is enough.
        for group in envVarGroups where group.name?.value == name {
          for groupVar in group.envVars { add(groupVar, group: name) }
        }
      } else {
        add(variable, group: nil)
      }
    }
    return result
  }
}

/// One service of a blueprint; every field keeps where it was written.
public struct RenderService: Sendable {
  public var name: Located<String>?
  public var type: Located<String>?
  public var runtime: Located<String>?
  /// The legacy spelling of `runtime`.
  public var env: Located<String>?
  public var plan: Located<String>?
  public var region: Located<String>?
  public var dockerfilePath: Located<String>?
  public var dockerContext: Located<String>?
  public var rootDir: Located<String>?
  public var buildCommand: Located<String>?
  public var startCommand: Located<String>?
  public var preDeployCommand: Located<String>?
  public var dockerCommand: Located<String>?
  /// `image.url`: a prebuilt image, nothing is built.
  public var imageURL: Located<String>?
  public var envVars: [RenderEnvVar] = []
  public var numInstances: Located<Int>?
  public var scaling: RenderScaling?
  /// The whole service entry.
  public var span: Span
  /// Names of the enclosing project and environment, when nested.
  public var project: String?
  public var environment: String?

  /// `runtime`, or the legacy `env` when `runtime` is absent.
  public var effectiveRuntime: Located<String>? { runtime ?? env }

  static let known: Set<String> = [
    "name", "type", "runtime", "env", "plan", "region", "dockerfilePath", "dockerContext", "rootDir",
    "buildCommand", "startCommand", "preDeployCommand", "dockerCommand", "image", "envVars", "numInstances",
    "scaling", "autoDeploy", "autoDeployTrigger", "branch", "repo", "healthCheckPath", "domains", "disk",
    "buildFilter", "previews", "pullRequestPreviewsEnabled", "staticPublishPath", "routes", "headers",
    "schedule", "ipAllowList", "maxShutdownDelaySeconds", "registryCredential", "initialDeployHook",
    "buildCommandTimeout", "dockerfile",
  ]

  static func parse(_ node: ConfigNode, project: String?, environment: String?, _ r: inout FieldReader)
    -> RenderService
  {
    var s = RenderService(span: node.span, project: project, environment: environment)
    let entries = r.entries(node, "a service")
    r.warnUnknown(entries, known: known, in: "a Render service")
    for entry in entries {
      let v = entry.value
      switch entry.key {
      case "name": s.name = r.string(v, "name")
      case "type": s.type = r.string(v, "type")
      case "runtime": s.runtime = r.string(v, "runtime")
      case "env": s.env = r.string(v, "env")
      case "plan": s.plan = r.string(v, "plan")
      case "region": s.region = r.string(v, "region")
      case "dockerfilePath": s.dockerfilePath = r.string(v, "dockerfilePath")
      case "dockerContext": s.dockerContext = r.string(v, "dockerContext")
      case "rootDir": s.rootDir = r.string(v, "rootDir")
      case "buildCommand": s.buildCommand = r.string(v, "buildCommand")
      case "startCommand": s.startCommand = r.string(v, "startCommand")
      case "preDeployCommand": s.preDeployCommand = r.string(v, "preDeployCommand")
      case "dockerCommand": s.dockerCommand = r.string(v, "dockerCommand")
      case "image":
        if let url = r.document.value("url", in: v) { s.imageURL = r.string(url, "image.url") }
      case "envVars":
        s.envVars = r.items(v, "envVars").map { RenderEnvVar.parse($0, &r) }
      case "numInstances": s.numInstances = r.int(v, "numInstances")
      case "scaling": s.scaling = RenderScaling.parse(v, &r)
      default: break
      }
    }
    return s
  }
}

/// `scaling:` of a service (autoscaling bounds and targets).
public struct RenderScaling: Sendable {
  public var minInstances: Located<Int>?
  public var maxInstances: Located<Int>?
  public var targetMemoryPercent: Located<Int>?
  public var targetCPUPercent: Located<Int>?
  public var span: Span

  static func parse(_ node: ConfigNode, _ r: inout FieldReader) -> RenderScaling {
    var s = RenderScaling(span: node.span)
    let entries = r.entries(node, "scaling")
    r.warnUnknown(
      entries, known: ["minInstances", "maxInstances", "targetMemoryPercent", "targetCPUPercent"],
      in: "scaling")
    for entry in entries {
      switch entry.key {
      case "minInstances": s.minInstances = r.int(entry.value, "scaling.minInstances")
      case "maxInstances": s.maxInstances = r.int(entry.value, "scaling.maxInstances")
      case "targetMemoryPercent": s.targetMemoryPercent = r.int(entry.value, "scaling.targetMemoryPercent")
      case "targetCPUPercent": s.targetCPUPercent = r.int(entry.value, "scaling.targetCPUPercent")
      default: break
      }
    }
    return s
  }
}

/// One item of `envVars`.
public struct RenderEnvVar: Sendable {
  /// Where the value comes from.
  public enum Kind: Sendable, Hashable {
    case literal
    /// `{fromGroup: name}`: every variable of that group.
    case fromGroup(String)
    /// `{key, sync: false}`: set in the dashboard, unknown here.
    case unsynced
    /// `{key, generateValue: true}`.
    case generated
    case fromDatabase(String)
    case fromService(String)
    case unknown
  }
  public var key: Located<String>?
  /// The literal value, when one is written.
  public var value: Located<String>?
  public var kind: Kind
  public var span: Span

  static func parse(_ node: ConfigNode, _ r: inout FieldReader) -> RenderEnvVar {
    var v = RenderEnvVar(key: nil, value: nil, kind: .unknown, span: node.span)
    for entry in r.entries(node, "an envVars item") {
      switch entry.key {
      case "key": v.key = r.string(entry.value, "key")
      case "value":
        v.value = r.string(entry.value, "value")
        v.kind = .literal
      case "fromGroup":
        if let name = r.string(entry.value, "fromGroup") { v.kind = .fromGroup(name.value) }
      case "sync": v.kind = .unsynced
      case "generateValue": v.kind = .generated
      case "fromDatabase":
        v.kind = .fromDatabase(r.document.value("name", in: entry.value)?.string ?? "")
      case "fromService":
        v.kind = .fromService(r.document.value("name", in: entry.value)?.string ?? "")
      case "previewValue": break
      default: r.warn("unknown key '\(entry.key)' in an envVars item", at: entry.keySpan)
      }
    }
    if v.key == nil, !isGroup(v.kind) { r.warn("an envVars item needs a 'key'", at: node.span) }
    return v
  }

  private static func isGroup(_ kind: Kind) -> Bool {
    if case .fromGroup = kind { return true }
    return false
  }
}

/// An item of `envVarGroups`.
public struct RenderEnvVarGroup: Sendable {
  public var name: Located<String>?
  public var envVars: [RenderEnvVar] = []
  public var span: Span

  static func parse(_ node: ConfigNode, _ r: inout FieldReader) -> RenderEnvVarGroup {
    var g = RenderEnvVarGroup(span: node.span)
    for entry in r.entries(node, "an envVarGroups item") {
      switch entry.key {
      case "name": g.name = r.string(entry.value, "name")
      case "envVars": g.envVars = r.items(entry.value, "envVars").map { RenderEnvVar.parse($0, &r) }
      default: break
      }
    }
    return g
  }
}

/// An item of `databases` (kept minimal: the plan sizes its memory).
public struct RenderDatabase: Sendable {
  public var name: Located<String>?
  public var plan: Located<String>?
  public var span: Span

  static func parse(_ node: ConfigNode, _ r: inout FieldReader) -> RenderDatabase {
    var d = RenderDatabase(span: node.span)
    for entry in r.entries(node, "a database") {
      switch entry.key {
      case "name": d.name = r.string(entry.value, "name")
      case "plan": d.plan = r.string(entry.value, "plan")
      default: break
      }
    }
    return d
  }
}

/// A variable of a service's effective environment.
public struct RenderResolvedEnvVar: Sendable, Hashable {
  public var key: String
  public var value: String?
  /// The `envVars` item that set it (in the group when it came from one).
  public var span: Span
  /// The group it came from, if any.
  public var group: String?
}
