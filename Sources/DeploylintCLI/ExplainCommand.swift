import ArgumentParser
import DeploylintRules

struct ExplainCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain", abstract: "Print a rule's page: why it exists, how to fix, examples.")

  @Argument(help: "The rule id (see `deploylint rules`).")
  var rule: String

  func execute(_ console: Console) throws -> Int32 {
    guard let found = RuleRegistry.rule(rule) else {
      let ids = RuleRegistry.all.map(\.description.id)
      let guess = ids.min { editDistance($0, rule) < editDistance($1, rule) }
      var message = "unknown rule `\(rule)`"
      if let guess, editDistance(guess, rule) <= max(3, rule.count / 3) {
        message += "; did you mean `\(guess)`?"
      }
      throw UsageError(message + " (`deploylint rules` lists them)")
    }
    console.out += RuleDocs.page(for: found.description)
    return ExitStatus.clean
  }
}

/// Levenshtein distance, for "did you mean" suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a)
  let b = Array(b)
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var previous = Array(0...b.count)
  for i in 1...a.count {
    var current = [i] + [Int](repeating: 0, count: b.count)
    for j in 1...b.count {
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.count]
}
