import DeploylintCore

/// The keys of `.deploylint.yml` that shape how deploylint behaves on a
/// repository: per-rule settings, catalog rows a team
/// knows better, ignores that carry a reason, and output defaults.
extension DeploylintConfig {
  /// `rules.<id>`: `off|error|warning|note`, or `{severity, options}`.
  public struct RuleEntry: Sendable {
    /// The id as written (may be an alias; the engine resolves it).
    public var id: Located<String>
    /// `off`, `error`, `warning` or `note`; nil keeps the rule's default.
    public var severity: Located<String>?
    /// Option name → value, as written (checked against the rule's declared `RuleOption`s).
    public var options: [(name: Located<String>, value: Located<String>)]
  }

  /// One row of `platforms.<name>.plans`.
  public struct PlanOverride: Sendable {
    public var platform: Located<String>
    public var id: Located<String>
    public var memory: Int64?
    public var cpus: Double?
    public var price: Double?
  }

  /// One entry of `ignore`: findings matching every given field are dropped.
  public struct IgnoreEntry: Sendable {
    public var rule: Located<String>?
    /// A glob over the finding's path (`*` within a folder, `**` across folders).
    public var path: Located<String>?
    public var service: Located<String>?
    public var reason: Located<String>
    public var span: Span
  }

  static let severities = ["off", "error", "warning", "note"]
  static let failOnValues = ["error", "warning", "note", "none"]
  public static let formats = ["text", "json", "sarif", "github", "gitlab", "junit", "checkstyle"]
  static let ruleKeys = ["severity", "options"]
  static let planKeys = ["memory", "cpus", "price"]
  static let ignoreKeys = ["rule", "path", "service", "reason"]
  static let outputKeys = ["format"]

  mutating func parseAdoptionKeys(_ document: ConfigDocument, _ root: ConfigNode) throws(ParseError) {
    if let rules = document.value("rules", in: root) {
      guard rules.isMapping else {
        throw ParseError("`rules` must map rule ids to a severity or {severity, options}", at: rules.span)
      }
      for entry in document.entries(of: rules) {
        self.rules.append(try Self.ruleSettings(entry, document))
      }
    }
    if let platforms = document.value("platforms", in: root) {
      try parsePlatforms(platforms, document)
    }
    if let ignore = document.value("ignore", in: root) {
      guard ignore.isSequence else {
        throw ParseError("`ignore` must be a list of {rule, path, service, reason}", at: ignore.span)
      }
      for item in document.items(of: ignore) {
        ignores.append(try Self.ignoreEntry(document.resolve(item), document))
      }
    }
    if let exclude = document.value("exclude", in: root) {
      guard exclude.isSequence else {
        throw ParseError("`exclude` must be a list of paths or globs (`Fixtures/**`)", at: exclude.span)
      }
      for item in document.items(of: exclude) {
        let v = document.resolve(item)
        let glob = Located(try Self.string(v, "exclude"), span: v.span)
        guard !glob.value.trimmingWhitespace().isEmpty else {
          throw ParseError("an `exclude` entry must not be empty", at: v.span)
        }
        self.exclude.append(glob)
      }
    }
    if let failOn = document.value("fail-on", in: root) {
      self.failOn = try Self.choice(failOn, "fail-on", Self.failOnValues)
    }
    if let output = document.value("output", in: root) {
      guard output.isMapping else { throw ParseError("`output` must be a mapping (format)", at: output.span) }
      for field in document.entries(of: output) {
        try Self.checkKey(field, allowed: Self.outputKeys, in: "`output`")
        format = try Self.choice(document.resolve(field.value), "output.format", Self.formats)
      }
    }
  }

  static func choice(_ node: ConfigNode, _ key: String, _ allowed: [String]) throws(ParseError) -> Located<
    String
  > {
    let text = try string(node, key).lowercased()
    guard allowed.contains(text) else {
      var message = "`\(key)` is `\(text)`; expected one of \(allowed.joined(separator: ", "))"
      if let guess = allowed.min(by: { distance($0, text) < distance($1, text) }), distance(guess, text) <= 2
      {
        message += " (did you mean `\(guess)`?)"
      }
      throw ParseError(message, at: node.span)
    }
    return Located(text, span: node.span)
  }

  static func ruleSettings(_ entry: ConfigEntry, _ document: ConfigDocument) throws(ParseError)
    -> RuleEntry
  {
    let node = document.resolve(entry.value)
    var settings = RuleEntry(id: Located(entry.key, span: entry.keySpan), severity: nil, options: [])
    if node.isMapping {
      for field in document.entries(of: node) {
        try checkKey(field, allowed: ruleKeys, in: "`rules.\(entry.key)`")
        let value = document.resolve(field.value)
        if field.key == "severity" {
          settings.severity = try choice(value, "rules.\(entry.key).severity", severities)
          continue
        }
        guard value.isMapping else {
          throw ParseError("`rules.\(entry.key).options` must map option names to values", at: value.span)
        }
        for option in document.entries(of: value) {
          let v = document.resolve(option.value)
          guard let text = v.scalarText else {
            throw ParseError("option `\(option.key)` must be a single value", at: v.span)
          }
          settings.options.append((Located(option.key, span: option.keySpan), Located(text, span: v.span)))
        }
      }
    } else {
      settings.severity = try choice(node, "rules.\(entry.key)", severities)
    }
    return settings
  }

  mutating func parsePlatforms(_ platforms: ConfigNode, _ document: ConfigDocument) throws(ParseError) {
    guard platforms.isMapping else {
      throw ParseError("`platforms` must map platform names to {plans}", at: platforms.span)
    }
    for entry in document.entries(of: platforms) {
      try Self.checkKey(entry, allowed: Self.platforms, in: "`platforms`")
      let node = document.resolve(entry.value)
      guard node.isMapping else {
        throw ParseError("`platforms.\(entry.key)` must be a mapping (plans)", at: node.span)
      }
      for field in document.entries(of: node) {
        try Self.checkKey(field, allowed: ["plans"], in: "`platforms.\(entry.key)`")
        let plans = document.resolve(field.value)
        guard plans.isMapping else {
          throw ParseError(
            "`platforms.\(entry.key).plans` must map plan ids to {memory, cpus, price}", at: plans.span)
        }
        for plan in document.entries(of: plans) {
          let row = document.resolve(plan.value)
          guard row.isMapping else {
            throw ParseError("plan `\(plan.key)` must be a mapping (memory, cpus, price)", at: row.span)
          }
          var override = PlanOverride(
            platform: Located(entry.key.lowercased(), span: entry.keySpan),
            id: Located(plan.key, span: plan.keySpan))
          for column in document.entries(of: row) {
            try Self.checkKey(column, allowed: Self.planKeys, in: "plan `\(plan.key)`")
            let v = document.resolve(column.value)
            switch column.key {
            case "memory": override.memory = try Self.size(v, "memory")
            case "cpus": override.cpus = try Self.number(v, "cpus")
            default:
              guard let price = v.double, price >= 0 else {
                throw ParseError("`price` must be a number of US dollars per month", at: v.span)
              }
              override.price = price
            }
          }
          planOverrides.append(override)
        }
      }
    }
  }

  static func ignoreEntry(_ node: ConfigNode, _ document: ConfigDocument) throws(ParseError) -> IgnoreEntry {
    guard node.isMapping else {
      throw ParseError("each `ignore` entry must be a mapping {rule, path, service, reason}", at: node.span)
    }
    var rule: Located<String>?
    var path: Located<String>?
    var service: Located<String>?
    var reason: Located<String>?
    for field in document.entries(of: node) {
      try checkKey(field, allowed: ignoreKeys, in: "an `ignore` entry")
      let v = document.resolve(field.value)
      let text = Located(try string(v, field.key), span: v.span)
      switch field.key {
      case "rule": rule = text
      case "path": path = text
      case "service": service = text
      default: reason = text
      }
    }
    guard let reason, !reason.value.trimmingWhitespace().isEmpty else {
      throw ParseError("an `ignore` entry needs a `reason`: say why these findings are fine", at: node.span)
    }
    guard rule != nil || path != nil || service != nil else {
      throw ParseError("an `ignore` entry needs at least one of `rule`, `path`, `service`", at: node.span)
    }
    return IgnoreEntry(rule: rule, path: path, service: service, reason: reason, span: node.span)
  }
}

extension String {
  fileprivate func trimmingWhitespace() -> String {
    var s = Substring(self)
    while s.first?.isWhitespace == true { s = s.dropFirst() }
    while s.last?.isWhitespace == true { s = s.dropLast() }
    return String(s)
  }
}
