import ArgumentParser
import DeploylintParsers
import DeploylintRules

struct ExplainCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain", abstract: "Print a rule's page: why it exists, how to fix, examples.")

  @Argument(help: "The rule id (see `deploylint rules`).")
  var rule: String

  func execute(_ console: Console) throws -> Int32 {
    guard let found = RuleRegistry.rule(rule) else {
      let ids = RuleRegistry.all.map(\.description.id)
      let guess = ids.min { DeploylintConfig.distance($0, rule) < DeploylintConfig.distance($1, rule) }
      var message = "unknown rule `\(rule)`"
      if let guess, DeploylintConfig.distance(guess, rule) <= max(3, rule.count / 3) {
        message += "; did you mean `\(guess)`?"
      }
      throw UsageError(message + " (`deploylint rules` lists them)")
    }
    console.out += RuleDocs.page(for: found.description)
    return ExitStatus.clean
  }
}
