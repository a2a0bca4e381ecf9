import DeploylintCore
import DeploylintRules
import Testing

/// Every example of every rule, run through the whole pipeline: a triggering
/// example must produce exactly its `↓` markers, a non-triggering one nothing.
@Suite struct RuleExampleTests {
  static let cases: [(rule: String, index: Int)] = RuleRegistry.all.flatMap { rule in
    rule.description.examples.indices.map { (rule.description.id, $0) }
  }

  @Test(arguments: cases.map { "\($0.rule)#\($0.index)" })
  func example(_ key: String) throws {
    let parts = key.split(separator: "#")
    let rule = try #require(RuleRegistry.rule(String(parts[0])))
    let example = rule.description.examples[Int(parts[1])!]
    let (findings, markers) = ExampleRunner.run(example.files, rules: [rule])
    let own = findings.filter { $0.ruleID == rule.description.id }
    let landed = Set(own.map { Marker(path: $0.span.path, line: $0.span.line, column: $0.span.column) })
    switch example.kind {
    case .triggering:
      #expect(!markers.isEmpty, "a triggering example needs a ↓ marker: \(example.title)")
      #expect(
        landed == Set(markers),
        "\(example.title): findings at \(landed.sorted { $0.description < $1.description }), markers at \(markers)"
      )
      #expect(own.count == markers.count, "\(example.title): \(own.map(\.message))")
      for finding in own {
        #expect(!finding.message.isEmpty)
        #expect(!finding.help.isEmpty, "a finding says how to fix it")
      }
    case .nonTriggering:
      #expect(markers.isEmpty, "a non-triggering example has no marker: \(example.title)")
      #expect(
        own.isEmpty, "\(example.title) should be silent, got \(own.map { "\($0.span): \($0.message)" })")
    }
  }

  /// Every triggering example, with a suppression inserted before each marked
  /// line, must be silent for its rule (and leave no unused suppression).
  @Test(arguments: cases.map { "\($0.rule)#\($0.index)" })
  func suppressedExample(_ key: String) throws {
    let parts = key.split(separator: "#")
    let rule = try #require(RuleRegistry.rule(String(parts[0])))
    let example = rule.description.examples[Int(parts[1])!]
    guard example.kind == .triggering,
      let files = ExampleRunner.withSuppressions(example.files, ruleID: rule.description.id)
    else { return }
    let unused = try #require(RuleRegistry.rule("unused-suppression"))
    let (findings, _) = ExampleRunner.run(files, rules: [rule, unused])
    let own = findings.filter { $0.ruleID == rule.description.id }
    #expect(own.isEmpty, "\(example.title): still reported \(own.map { "\($0.span): \($0.message)" })")
    let idle = findings.filter {
      $0.ruleID == "unused-suppression" && $0.message.contains("`\(rule.description.id)`")
    }
    #expect(idle.isEmpty, "\(example.title): inserted suppression unused: \(idle.map(\.message))")
  }
}
