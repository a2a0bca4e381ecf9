import DeploylintCore

/// A Compose file (`compose*.y*ml`, `docker-compose*.y*ml`): the services and
/// the memory, replica and command settings rules look at. Values stay raw
/// (`mem_limit: 512m` is a located string); `${VAR}` interpolation is left to
/// `ComposeInterpolation` so the engine decides which variables apply.
/// Anchors, `x-` extensions and `<<` merge keys are honoured.
public struct ComposeFile: Sendable {
  public var services: [ComposeService] = []
  /// The `services:` key, where findings about the whole stack land.
  public var servicesKeySpan: Span?
  public var issues: [ParseError] = []

  public static func parse(_ document: ConfigDocument) throws(ParseError) -> ComposeFile {
    var r = FieldReader(document)
    let root = try r.rootMapping("the compose file")
    var c = ComposeFile()
    for entry in r.entries(root, "the compose file") where entry.key == "services" {
      c.servicesKeySpan = entry.keySpan
      for s in r.entries(entry.value, "services") {
        c.services.append(ComposeService.parse(name: Located(s.key, span: s.keySpan), s.value, &r))
      }
    }
    c.issues = r.issues
    return c
  }
}

/// One entry of `services:`.
public struct ComposeService: Sendable {
  public var name: Located<String>
  /// The whole service mapping.
  public var span: Span
  public var image: Located<String>?
  public var build: ComposeBuild?
  public var memLimit: Located<String>?
  public var memReservation: Located<String>?
  public var memswapLimit: Located<String>?
  public var cpus: Located<String>?
  public var shmSize: Located<String>?
  /// `deploy.resources.limits.memory` / `.cpus`, `deploy.resources.reservations.memory`.
  public var deployMemoryLimit: Located<String>?
  public var deployCPULimit: Located<String>?
  public var deployMemoryReservation: Located<String>?
  /// `deploy.replicas` and `scale` as written: a count may be interpolated
  /// (`${WORKER_REPLICAS:-3}`), so it is read after interpolation.
  public var deployReplicas: Located<String>?
  public var scale: Located<String>?
  /// `container_name`: a fixed name, so Compose starts at most one container.
  public var containerName: Located<String>?
  /// `restart` (`"no"`, `always`, `on-failure`, `unless-stopped`).
  public var restart: Located<String>?
  /// `depends_on`, in the short (list) or long (mapping) form.
  public var dependsOn: [ComposeDependency] = []
  /// A service-level `replicas:` key, which Compose does not know (it belongs
  /// under `deploy:`); kept so a rule can point at it.
  public var misplacedReplicas: Located<String>?
  /// The `replicas` key itself, for findings that point at the key.
  public var misplacedReplicasKeySpan: Span?
  /// `environment`, from the list (`KEY=VAL`, `KEY`) or the map form; a nil
  /// value means "taken from the shell".
  public var environment: [LocatedPair] = []
  public var envFiles: [Located<String>] = []
  public var command: LocatedStringOrList?
  public var entrypoint: LocatedStringOrList?
  public var profiles: [Located<String>] = []
  /// Keys whose value is tagged `!reset` (the merge removes the value the
  /// files before set) or `!override` (the value replaces theirs whole).
  public var resetKeys: Set<String> = []
  public var overrideKeys: Set<String> = []

  static func parse(name: Located<String>, _ node: ConfigNode, _ r: inout FieldReader) -> ComposeService {
    var s = ComposeService(name: name, span: r.document.resolve(node).span)
    for entry in r.entries(node, "service '\(name.value)'") {
      let v = entry.value
      switch r.document.tag(of: v) {
      case "!reset": s.resetKeys.insert(entry.key)
      case "!override": s.overrideKeys.insert(entry.key)
      default: break
      }
      switch entry.key {
      case "image": s.image = r.string(v, "image")
      case "build": s.build = ComposeBuild.parse(v, &r)
      case "mem_limit": s.memLimit = r.string(v, "mem_limit")
      case "mem_reservation": s.memReservation = r.string(v, "mem_reservation")
      case "memswap_limit": s.memswapLimit = r.string(v, "memswap_limit")
      case "cpus": s.cpus = r.string(v, "cpus")
      case "shm_size": s.shmSize = r.string(v, "shm_size")
      case "scale": s.scale = r.string(v, "scale")
      case "container_name": s.containerName = r.string(v, "container_name")
      case "restart": s.restart = r.string(v, "restart")
      case "depends_on": s.dependsOn = ComposeDependency.parse(v, &r)
      case "replicas":
        s.misplacedReplicas = r.string(v, "replicas")
        s.misplacedReplicasKeySpan = entry.keySpan
      case "deploy": s.readDeploy(v, &r)
      case "environment": s.environment = Self.environment(v, &r)
      case "env_file":
        let resolved = r.document.resolve(v)
        if resolved.isSequence {
          s.envFiles = r.items(resolved, "env_file").compactMap { item in
            // `- path: .env` (long form) or `- .env`.
            let path = item.isMapping ? r.document.value("path", in: item) : item
            return path.flatMap { r.string($0, "env_file path") }
          }
        } else if let path = r.string(resolved, "env_file") {
          s.envFiles = [path]
        }
      case "command": s.command = r.stringOrList(v, "command")
      case "entrypoint": s.entrypoint = r.stringOrList(v, "entrypoint")
      case "profiles": s.profiles = r.items(v, "profiles").compactMap { r.string($0, "a profile") }
      default: break
      }
    }
    return s
  }

  private mutating func readDeploy(_ node: ConfigNode, _ r: inout FieldReader) {
    let d = r.document
    if let replicas = d.value("replicas", in: node) { deployReplicas = r.string(replicas, "deploy.replicas") }
    guard let resources = d.value("resources", in: node) else { return }
    if let limits = d.value("limits", in: resources) {
      if let m = d.value("memory", in: limits) {
        deployMemoryLimit = r.string(m, "deploy.resources.limits.memory")
      }
      if let c = d.value("cpus", in: limits) { deployCPULimit = r.string(c, "deploy.resources.limits.cpus") }
    }
    if let reservations = d.value("reservations", in: resources), let m = d.value("memory", in: reservations)
    {
      deployMemoryReservation = r.string(m, "deploy.resources.reservations.memory")
    }
  }

  /// `environment:` in list form (`- KEY=VAL`, `- KEY`) or map form.
  static func environment(_ node: ConfigNode, _ r: inout FieldReader) -> [LocatedPair] {
    let resolved = r.document.resolve(node)
    guard resolved.isSequence else { return r.stringMap(resolved, "environment") }
    return r.items(resolved, "environment").compactMap { item -> LocatedPair? in
      guard let text = r.string(item, "an environment item") else { return nil }
      let span = text.span
      guard let eq = text.value.firstIndex(of: "=") else { return LocatedPair(key: text, value: nil) }
      let key = String(text.value[..<eq])
      let value = String(text.value[text.value.index(after: eq)...])
      // Split the span at `=` when the item is a single-line plain or quoted scalar.
      let quoted = r.document.resolve(item).value.isQuoted ? 1 : 0
      let keyCount = key.unicodeScalars.count
      if span.line == span.endLine {
        let keySpan = Span(
          path: span.path, line: span.line, column: span.column + quoted, endLine: span.line,
          endColumn: span.column + quoted + keyCount)
        let valueSpan = Span(
          path: span.path, line: span.line, column: keySpan.endColumn + 1, endLine: span.line,
          endColumn: span.endColumn - quoted)
        return LocatedPair(key: Located(key, span: keySpan), value: Located(value, span: valueSpan))
      }
      return LocatedPair(key: Located(key, span: span), value: Located(value, span: span))
    }
  }
}

extension ConfigValue {
  /// Whether this is a quoted scalar (`.string` kind).
  var isQuoted: Bool {
    if case .scalar(_, .string) = self { return true }
    return false
  }
}

/// `build:` as a context string or `{context, dockerfile, args}`.
public struct ComposeBuild: Sendable {
  public var context: Located<String>?
  public var dockerfile: Located<String>?
  public var args: [LocatedPair] = []
  public var target: Located<String>?
  public var span: Span

  static func parse(_ node: ConfigNode, _ r: inout FieldReader) -> ComposeBuild {
    let resolved = r.document.resolve(node)
    var b = ComposeBuild(span: resolved.span)
    guard resolved.isMapping else {
      b.context = r.string(resolved, "build")
      return b
    }
    for entry in r.entries(resolved, "build") {
      switch entry.key {
      case "context": b.context = r.string(entry.value, "build.context")
      case "dockerfile": b.dockerfile = r.string(entry.value, "build.dockerfile")
      case "target": b.target = r.string(entry.value, "build.target")
      case "args": b.args = ComposeService.environment(entry.value, &r)
      default: break
      }
    }
    return b
  }
}
