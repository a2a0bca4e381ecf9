import DeploylintCore

/// `.deploylint.yml` at the scanned root: what the repository cannot say by
/// itself (the plan a Railway service is on, the memory of the Pi a compose
/// stack runs on) and how the team wants deploylint to behave.
public struct DeploylintConfig: Sendable {
  public struct ServiceSettings: Sendable {
    public var platform: Located<String>?
    public var plan: Located<String>?
    public var memory: Located<Int64>?
    public var buildMemory: Located<Int64>?
    public var cpus: Located<Double>?
    public var image: Located<String>?
    /// Memory one job of the service's queue worker needs.
    public var jobMemory: Located<Int64>?
    /// The service's root directory (Railway's dashboard "Root Directory"),
    /// relative to the scanned root, normalised (`backend`; "" is the root).
    public var root: Located<String>?
    public var span: Span
  }

  public struct HostSettings: Sendable {
    public var name: Located<String>?
    public var memory: Located<Int64>?
    public var cpus: Located<Double>?
    /// Memory left to the OS and the container runtime (`512m`, or `15%` of the host).
    public var reserve: Located<HostReserve>?
    public var span: Span
  }

  /// `compose`: the compose project deploylint reads.
  public struct ComposeSettings: Sendable {
    /// `compose.files`: the files `docker compose -f a.yml -f b.yml` is
    /// given, in that order, relative to the scanned root.
    public var files: [Located<String>] = []
    public var span: Span
  }

  public var services: [String: ServiceSettings] = [:]
  public var host: HostSettings?
  public var compose: ComposeSettings?
  /// `rules.<id>`: severity or `off`, and options (see `DeploylintConfig+Adoption.swift`).
  public var rules: [RuleEntry] = []
  /// `platforms.<name>.plans`: catalog rows added or overridden.
  public var planOverrides: [PlanOverride] = []
  /// `ignore`: findings the team has decided not to see, each with a reason.
  public var ignores: [IgnoreEntry] = []
  /// `exclude`: globs, relative to the scanned root, of files and folders not
  /// to read at all (a path named on the command line is always read).
  public var exclude: [Located<String>] = []
  /// `fail-on`: error, warning, note or none.
  public var failOn: Located<String>?
  /// `output.format`: text, json, sarif, github, gitlab, junit or checkstyle.
  public var format: Located<String>?
  /// The whole document, for tools that print it back.
  public var rawRoot: ConfigNode?

  public init() {}

  static let topLevelKeys = [
    "rules", "services", "platforms", "host", "compose", "ignore", "exclude", "fail-on", "output",
  ]
  static let composeKeys = ["files"]
  static let serviceKeys = [
    "platform", "plan", "memory", "build-memory", "cpus", "image", "job-memory", "root",
  ]
  static let hostKeys = ["name", "memory", "cpus", "reserve"]
  static let platforms = ["render", "railway", "fly", "heroku", "dokku", "compose", "generic"]

  /// Parses and validates: unknown keys and bad values are errors with their
  /// location and, when a known key is close, what was probably meant.
  public static func parse(_ document: ConfigDocument) throws(ParseError) -> DeploylintConfig {
    var config = DeploylintConfig()
    let root = document.root
    if case .scalar(_, .null) = root.value { return config }
    guard root.isMapping else {
      throw ParseError("the configuration must be a mapping of keys", at: root.span)
    }
    config.rawRoot = root
    for entry in document.entries(of: root) {
      try checkKey(entry, allowed: topLevelKeys, in: "the configuration")
    }
    if let services = document.value("services", in: root) {
      guard services.isMapping else {
        throw ParseError("`services` must map service names to settings", at: services.span)
      }
      for entry in document.entries(of: services) {
        let node = document.resolve(entry.value)
        guard node.isMapping else {
          throw ParseError(
            "`services.\(entry.key)` must be a mapping (platform, plan, memory…)", at: node.span)
        }
        var s = ServiceSettings(span: entry.keySpan)
        for field in document.entries(of: node) {
          try checkKey(field, allowed: serviceKeys, in: "`services.\(entry.key)`")
          let v = document.resolve(field.value)
          switch field.key {
          case "platform":
            let text = try string(v, "platform")
            guard platforms.contains(text.lowercased()) else {
              throw ParseError(
                "unknown platform `\(text)`; expected one of \(platforms.joined(separator: ", "))", at: v.span
              )
            }
            s.platform = Located(text.lowercased(), span: v.span)
          case "plan": s.plan = Located(try string(v, "plan"), span: v.span)
          case "memory": s.memory = Located(try size(v, "memory"), span: v.span)
          case "build-memory": s.buildMemory = Located(try size(v, "build-memory"), span: v.span)
          case "cpus": s.cpus = Located(try number(v, "cpus"), span: v.span)
          case "image": s.image = Located(try string(v, "image"), span: v.span)
          case "job-memory":
            s.jobMemory = Located(try size(v, "job-memory"), span: v.span, text: v.string ?? "")
          case "root":
            s.root = Located(
              try rootFolder(v, "services.\(entry.key).root"), span: v.span, text: v.string ?? "")
          default: break
          }
        }
        config.services[entry.key] = s
      }
    }
    if let host = document.value("host", in: root) {
      guard host.isMapping else { throw ParseError("`host` must be a mapping (memory, cpus)", at: host.span) }
      var h = HostSettings(span: document.entry("host", in: root)?.keySpan ?? host.span)
      for field in document.entries(of: host) {
        try checkKey(field, allowed: hostKeys, in: "`host`")
        let v = document.resolve(field.value)
        switch field.key {
        case "name": h.name = Located(try string(v, "name"), span: v.span)
        case "memory": h.memory = Located(try size(v, "memory"), span: v.span)
        case "cpus": h.cpus = Located(try number(v, "cpus"), span: v.span)
        case "reserve": h.reserve = Located(try reserve(v), span: v.span, text: v.string ?? "")
        default: break
        }
      }
      config.host = h
    }
    config.compose = try composeSettings(document, root)
    try config.parseAdoptionKeys(document, root)
    return config
  }

  /// `compose: {files: [compose.yml, compose.prod.yml]}`.
  static func composeSettings(_ document: ConfigDocument, _ root: ConfigNode) throws(ParseError)
    -> ComposeSettings?
  {
    guard let compose = document.value("compose", in: root) else { return nil }
    guard compose.isMapping else { throw ParseError("`compose` must be a mapping (files)", at: compose.span) }
    var settings = ComposeSettings(span: document.entry("compose", in: root)?.keySpan ?? compose.span)
    for field in document.entries(of: compose) {
      try checkKey(field, allowed: composeKeys, in: "`compose`")
      let list = document.resolve(field.value)
      let items = document.items(of: list)
      guard list.isSequence, !items.isEmpty else {
        throw ParseError(
          "`compose.files` must list compose files in the order `docker compose -f` takes them", at: list.span
        )
      }
      for item in items {
        let path = try string(item, "a compose.files entry")
        guard !path.isEmpty else {
          throw ParseError("a `compose.files` entry must not be empty", at: item.span)
        }
        settings.files.append(Located(path, span: item.span))
      }
    }
    return settings
  }

  static func checkKey(_ entry: ConfigEntry, allowed: [String], in context: String) throws(ParseError) {
    guard !allowed.contains(entry.key) else { return }
    var message = "unknown key `\(entry.key)` in \(context)"
    if let guess = allowed.min(by: { distance($0, entry.key) < distance($1, entry.key) }),
      distance(guess, entry.key) <= max(2, entry.key.count / 3)
    {
      message += "; did you mean `\(guess)`?"
    } else {
      message += "; expected one of \(allowed.joined(separator: ", "))"
    }
    throw ParseError(message, at: entry.keySpan)
  }

  /// A folder relative to the repository root, as Railway's dashboard writes
  /// it (`backend`, `/backend`, `apps/api/`): normalised to `apps/api`. A
  /// component `..` (leaving the repository) or a control character is an
  /// error; whether the folder exists is checked against the scanned tree.
  static func rootFolder(_ node: ConfigNode, _ key: String) throws(ParseError) -> String {
    let text = try string(node, key)
    guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }) else {
      throw ParseError(
        "`\(key)` must be a folder path with `/` separators and no control characters", at: node.span)
    }
    let parts = text.split(separator: "/").filter { $0 != "." }
    guard !parts.contains("..") else {
      throw ParseError(
        "`\(key)` is `\(text)`: a service's root directory is a folder inside the repository; `..` leaves it",
        at: node.span)
    }
    return parts.joined(separator: "/")
  }

  static func string(_ node: ConfigNode, _ key: String) throws(ParseError) -> String {
    guard let s = node.string else { throw ParseError("`\(key)` must be a string", at: node.span) }
    return s
  }

  static func number(_ node: ConfigNode, _ key: String) throws(ParseError) -> Double {
    guard let d = node.double, d > 0 else {
      throw ParseError("`\(key)` must be a positive number", at: node.span)
    }
    return d
  }

  /// Memory as Docker writes it (`512m`, `4g`, `4GB`, `1.5Gi`; units binary).
  static func size(_ node: ConfigNode, _ key: String) throws(ParseError) -> Int64 {
    guard let s = node.string, let bytes = MemorySize.parse(s, convention: .docker), bytes > 0 else {
      throw ParseError("`\(key)` must be a memory size such as 512m, 2g or 4GB", at: node.span)
    }
    return bytes
  }

  /// `host.reserve`: a memory size (`512m`) or a share of the host (`15%`).
  static func reserve(_ node: ConfigNode) throws(ParseError) -> HostReserve {
    let error = ParseError(
      "`reserve` must be a memory size such as 512m or a percentage such as 15%", at: node.span)
    guard let s = node.string else { throw error }
    if s.hasSuffix("%") {
      guard let p = Double(s.dropLast()), p >= 0, p < 100 else { throw error }
      return .percent(p)
    }
    guard let bytes = MemorySize.parse(s, convention: .docker) else { throw error }
    return .bytes(bytes)
  }

  public static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + [Int](repeating: 0, count: b.count)
      for j in 1...b.count {
        current[j] = Swift.min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}
