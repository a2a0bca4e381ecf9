import DeploylintCore
import DeploylintRules
import Foundation
import Testing

/// Options are declared once (`RuleOption`): the default a rule runs with is
/// the value its page and the configuration schema show.
@Suite struct RuleOptionTests {
  static let rulesWithOptions = RuleRegistry.all.filter { !$0.description.options.isEmpty }

  /// Setting an option to its documented default changes no finding of any
  /// example, and the page and the schema show that text.
  @Test func documentedDefaultsAreTheDefaults() throws {
    #expect(Self.rulesWithOptions.count >= 2)
    let schema = ConfigSchema.text(rules: RuleRegistry.all.map(\.description))
    #expect((try? JSONSerialization.jsonObject(with: Data(schema.utf8))) != nil, "the schema is JSON")
    for rule in Self.rulesWithOptions {
      let page = RuleDocs.page(for: rule.description)
      for option in rule.description.options {
        #expect(page.contains("| `\(option.key)` | \(option.type) | `\(option.defaultText)` |"))
        #expect(schema.contains("\"\(option.key)\": { \"description\""))
        #expect(schema.contains("\"default\": \"\(option.defaultText)\""))
        let config = ExampleFile(
          ".deploylint.yml",
          "rules:\n  \(rule.description.id):\n    options:\n      \(option.key): \(option.defaultText)\n")
        for example in rule.description.examples
        where !example.files.contains(where: { $0.path == config.path }) {
          let byDefault = ExampleRunner.run(example.files, rules: [rule]).findings
          let explicit = ExampleRunner.run(example.files + [config], rules: [rule]).findings
          #expect(
            byDefault.map(\.message) == explicit.map(\.message), "\(rule.description.id): \(example.title)")
        }
      }
    }
  }

  /// `floor` is documented as `1g` (1 GiB): a PyTorch service given exactly
  /// 10⁹ bytes is below it by default (it passed when the default was 10⁹).
  @Test func mlFloorDefaultIsOneGibibyte() throws {
    let rule = try #require(RuleRegistry.rule("ml-runtime-exceeds-memory"))
    let files = try Self.firstTriggeringExample(of: rule, service: "tts", memory: "1000000000")
    let findings = ExampleRunner.run(files, rules: [rule]).findings
    #expect(findings.count == 1)
    #expect(findings.first?.message.contains("needs about 1 GiB") == true)
    let old = try Self.firstTriggeringExample(
      of: rule, service: "tts", memory: "1000000000", options: "floor: 1000000000")
    #expect(ExampleRunner.run(old, rules: [rule]).findings.isEmpty)
  }

  /// `worker-floor` is documented as `256m` (256 MiB): three workers need
  /// 768 MiB, more than a 780 MB service (three × 256 MB fitted it).
  @Test func workerFloorDefaultIsTwoHundredFiftySixMebibytes() throws {
    let rule = try #require(RuleRegistry.rule("workers-multiply-memory"))
    let files = try Self.firstTriggeringExample(of: rule, service: "api", memory: "780000000")
    let findings = ExampleRunner.run(files, rules: [rule]).findings
    #expect(findings.map(\.ruleID) == ["workers-multiply-memory"])
    #expect(findings.first?.message.contains("3 gunicorn workers × 256 MiB = 768 MiB") == true)
    let old = try Self.firstTriggeringExample(
      of: rule, service: "api", memory: "780000000", options: "worker-floor: 256000000")
    #expect(ExampleRunner.run(old, rules: [rule]).findings.isEmpty)
  }

  @Test func unknownOptionsAndBadValuesAreErrors() throws {
    let rule = try #require(RuleRegistry.rule("ml-runtime-exceeds-memory"))
    #expect(throws: RuleOptionError.self) { try rule.checker(options: ["flor": "1g"]) }
    #expect(throws: RuleOptionError.self) { try rule.checker(options: ["floor": "lots"]) }
    let plain = try #require(RuleRegistry.rule("redis-without-maxmemory"))
    #expect(throws: RuleOptionError.self) { try plain.checker(options: ["floor": "1g"]) }
  }

  /// The rule's first triggering example with the service's memory declared
  /// in `.deploylint.yml` (which wins over its plan), and `options` for the rule.
  static func firstTriggeringExample(
    of rule: AnyRule, service: String, memory: String, options: String? = nil
  ) throws -> [ExampleFile] {
    let example = try #require(rule.description.examples.first { $0.kind == .triggering })
    var config = "services:\n  \(service):\n    memory: \(memory)\n"
    if let options { config += "rules:\n  \(rule.description.id):\n    options:\n      \(options)\n" }
    return example.files + [ExampleFile(".deploylint.yml", config)]
  }
}
