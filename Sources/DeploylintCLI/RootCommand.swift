import ArgumentParser

struct RootCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "deploylint",
    abstract: "Checks that each service fits the memory it gets, while it is built and while it runs.",
    usage: """
      deploylint [<path> ...] [--format <format>] [--fail-on error|warning|note|none] [--output <file>]
        deploylint --stdin-filename <path> -
        deploylint <subcommand>
      """,
    discussion: """
      Reads Dockerfiles, render.yaml, railway.json/railway.toml, fly.toml, compose files, \
      package.json, pm2 ecosystems, Cargo.lock and Python manifests, links them into services \
      with memory budgets, and reports what will be killed and what to change.

      Exit status: 0 when no finding reaches --fail-on, 1 when one does, 2 on a usage or \
      configuration error.
      """,
    version: DeploylintVersion.current,
    subcommands: [
      CheckCommand.self, BudgetCommand.self, ServicesCommand.self, RulesCommand.self, ExplainCommand.self,
      PlansCommand.self,
      DumpCommand.self, ConfigCommand.self, InitCommand.self, FixCommand.self, GenerateDocsCommand.self,
    ],
    defaultSubcommand: CheckCommand.self
  )
}
