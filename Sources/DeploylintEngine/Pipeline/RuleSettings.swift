import DeploylintCore
import DeploylintParsers
import DeploylintRules

/// `.deploylint.yml` `rules.<id>` resolved against the rules that exist:
/// aliases become ids, severities become `Severity`, options are checked by
/// the rule's declared options (`RuleOption`) so a typo is a located error, not a silent default.
public struct RuleSettings: Sendable {
  public var off: Set<String> = []
  public var severity: [String: Severity] = [:]
  public var options: [String: [String: String]] = [:]

  public init() {}

  /// The id of a rule given by id or alias, among `rules` and the registry.
  static func canonicalID(_ id: String, in rules: [AnyRule]) -> String? {
    let all = rules + RuleRegistry.all
    return all.first { $0.description.id == id || $0.description.aliases.contains(id) }?.description.id
  }

  public static func resolve(_ config: DeploylintConfig, rules: [AnyRule]) -> (RuleSettings, [ParseError]) {
    var settings = RuleSettings()
    var errors: [ParseError] = []
    for entry in config.rules {
      guard let id = canonicalID(entry.id.value, in: rules),
        let rule = (rules + RuleRegistry.all).first(where: { $0.description.id == id })
      else {
        let ids = RuleRegistry.all.map(\.description.id)
        var message = "unknown rule `\(entry.id.value)` in `rules`"
        if let guess = ids.min(by: {
          DeploylintConfig.distance($0, entry.id.value) < DeploylintConfig.distance($1, entry.id.value)
        }),
          DeploylintConfig.distance(guess, entry.id.value) <= max(3, entry.id.value.count / 3)
        {
          message += "; did you mean `\(guess)`?"
        } else {
          message += " (`deploylint rules` lists them)"
        }
        errors.append(ParseError(message, at: entry.id.span))
        continue
      }
      switch entry.severity?.value {
      case "off": settings.off.insert(id)
      case let s?: settings.severity[id] = Severity(rawValue: s)
      case nil: break
      }
      var options: [String: String] = [:]
      for (name, value) in entry.options {
        do {
          _ = try rule.checker(options: [name.value: value.value])
          options[name.value] = value.value
        } catch {
          let known = rule.description.options.map(\.key)
          let span = known.contains(name.value) ? value.span : name.span
          var message = "rules.\(id).options.\(name.value): \(error)"
          if !known.contains(name.value),
            let guess = known.min(by: {
              DeploylintConfig.distance($0, name.value) < DeploylintConfig.distance($1, name.value)
            }),
            DeploylintConfig.distance(guess, name.value) <= max(2, name.value.count / 3)
          {
            message += " (did you mean `\(guess)`?)"
          }
          errors.append(ParseError(message, at: span))
        }
      }
      if !options.isEmpty { settings.options[id] = options }
    }
    return (settings, errors)
  }

  /// Applies `off` and severities to findings of any stage.
  func apply(_ findings: [Finding]) -> [Finding] {
    findings.compactMap { finding in
      guard !off.contains(finding.ruleID) else { return nil }
      var f = finding
      if let s = severity[f.ruleID] { f.severity = s }
      return f
    }
  }
}
