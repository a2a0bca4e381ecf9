import ArgumentParser
import DeploylintRules

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes `Rules/README.md` and one page per rule from the rule descriptions.
/// Maintainers run it after changing a rule; a test fails when `Rules/` is stale.
struct GenerateDocsCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate-docs", abstract: "Regenerate the rule pages (for maintainers).",
    shouldDisplay: false)

  @Argument(help: "The folder to write (the repository's Rules/).")
  var folder: String

  func execute(_ console: Console) throws -> Int32 {
    mkdir(folder, 0o755)
    for file in RuleDocs.files(RuleRegistry.all.map(\.description)) {
      let path = folder + "/" + file.name
      try console.writeFile(path, file.content)
      console.out += "wrote \(path)\n"
    }
    return ExitStatus.clean
  }
}
