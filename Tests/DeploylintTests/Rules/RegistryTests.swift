import DeploylintCore
import DeploylintRules
import Foundation
import Testing

@Suite struct RegistryTests {
  let rules = RuleRegistry.all.map(\.description)

  @Test func idsAreUniqueKebabCase() {
    let ids = rules.map(\.id) + rules.flatMap(\.aliases)
    #expect(Set(ids).count == ids.count, "duplicate ids or aliases")
    for id in rules.map(\.id) {
      #expect(
        id.range(of: "^[a-z0-9]+(-[a-z0-9]+)+$", options: .regularExpression) != nil,
        "\(id) is not kebab-case")
    }
  }

  @Test func everyRuleIsDocumentedAndExemplified() {
    for rule in rules {
      #expect(!rule.summary.isEmpty, "\(rule.id): summary")
      #expect(rule.rationale.count > 80, "\(rule.id): rationale")
      #expect(!rule.fix.isEmpty, "\(rule.id): fix")
      #expect(!rule.references.isEmpty, "\(rule.id): references")
      #expect(rule.references.allSatisfy { $0.url.hasPrefix("https://") }, "\(rule.id): reference URLs")
      #expect(rule.examples.contains { $0.kind == .triggering }, "\(rule.id): a triggering example")
      #expect(rule.examples.contains { $0.kind == .nonTriggering }, "\(rule.id): a non-triggering example")
    }
  }

  /// `Rules/` is generated from the descriptions; this fails when it is stale.
  @Test func rulesFolderIsUpToDate() throws {
    for file in RuleDocs.files(rules) {
      let url = RepositoryPaths.repo("Rules/\(file.name)")
      let onDisk = try? String(contentsOf: url, encoding: .utf8)
      #expect(onDisk == file.content, "Rules/\(file.name) is stale: run `\(RuleDocs.generatorCommand)`")
    }
    let listed = Set(try FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.repo("Rules").path))
    let expected = Set(RuleDocs.files(rules).map(\.name))
    #expect(
      listed == expected,
      "Rules/ has pages for rules that no longer exist: run `\(RuleDocs.generatorCommand)`")
  }
}

/// Summaries read as sentences in `deploylint rules`, SARIF and the docs.
@Suite struct RuleSummaryStyleTests {
  @Test func summariesStartWithACapitalOrCodeAndHaveNoFinalPeriod() {
    for rule in RuleRegistry.all.map(\.description) {
      let first = rule.summary.first
      #expect(first == "`" || first?.isUppercase == true, "\(rule.id): \(rule.summary)")
      #expect(!rule.summary.hasSuffix("."), "\(rule.id): the docs add the period")
    }
  }
}

/// A `Rule` left out of `RuleRegistry.all` never runs, nor do its examples:
/// every type that conforms to `Rule` in the rules' sources must be
/// registered. Rule files sit on one axis, their category:
/// `Sources/DeploylintRules/<Category>/<Rule>.swift`, with long examples in
/// `<Rule>+Examples.swift` beside it.
@Suite struct RegistryCompletenessTests {
  static let root = RepositoryPaths.repo("Sources/DeploylintRules")

  /// Rule type name → its file, relative to the rules' folder.
  static func declaredRules() throws -> [String: String] {
    let files = try #require(FileManager.default.enumerator(atPath: root.path)).compactMap { $0 as? String }
    var declared: [String: String] = [:]
    for file in files where file.hasSuffix(".swift") {
      let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
      for line in text.split(separator: "\n") {
        guard let match = line.firstMatch(of: /^(?:public )?struct (\w+): Rule\b/) else { continue }
        declared[String(match.1)] = file
      }
    }
    return declared
  }

  @Test func everyRuleTypeIsRegistered() throws {
    let declared = Set(try Self.declaredRules().keys)
    #expect(declared.count >= 20, "the scan found the rules")
    let registered = Set(RuleRegistry.all.map(\.typeName))
    #expect(
      declared.subtracting(registered).isEmpty, "not in RuleRegistry.all: \(declared.subtracting(registered))"
    )
    #expect(
      registered.subtracting(declared).isEmpty,
      "registered but not found: \(registered.subtracting(declared))")
  }

  @Test func ruleFilesAreFiledByCategory() throws {
    let declared = try Self.declaredRules()
    for rule in RuleRegistry.all {
      let category = rule.description.category.rawValue
      let folder = category.prefix(1).uppercased() + category.dropFirst()
      #expect(declared[rule.typeName] == "\(folder)/\(rule.typeName).swift", "\(rule.description.id)")
    }
    let files = try #require(FileManager.default.enumerator(atPath: Self.root.path)).compactMap {
      $0 as? String
    }
    for file in files where file.hasSuffix("+Examples.swift") {
      let rule = file.replacingOccurrences(of: "+Examples.swift", with: ".swift")
      #expect(declared.values.contains(rule), "\(file) has no rule beside it")
    }
  }
}
