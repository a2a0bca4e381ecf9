import ArgumentParser
import DeploylintCore
import DeploylintEngine
import DeploylintParsers
import DeploylintReporters

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `deploylint init [PATH]`: a starter `.deploylint.yml` listing the services
/// found, their platforms and the plans assumed, all commented so the user
/// confirms them instead of inheriting a guess.
struct InitCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "init", abstract: "Write a starter .deploylint.yml listing the services found.")

  @Argument(help: "The folder to scan and write the file into.")
  var path: String = "."

  @Flag(help: "Overwrite an existing .deploylint.yml.")
  var force = false

  func execute(_ console: Console) throws -> Int32 {
    let target = (path.hasSuffix("/") ? path : path + "/") + ".deploylint.yml"
    if access(target, F_OK) == 0, !force {
      throw UsageError("\(target) already exists; use --force to overwrite it")
    }
    let found = Discovery().discover(root: path, displayRoot: path)
    let analyzer = Analyzer(
      toolVersion: DeploylintVersion.current, configuration: DeploylintConfigBlank.value)
    let (project, _) = analyzer.assemble(found.files, rootName: Analyzer.publicRootName(path))
    try console.writeFile(target, Self.starter(project))
    console.printQuoting(
      "wrote \(target) (\(project.services.count) service\(project.services.count == 1 ? "" : "s")); "
        + "confirm the commented values and uncomment them\n")
    return ExitStatus.clean
  }

  /// The file's text: pure, so tests compare it directly.
  static func starter(_ project: Project) -> String {
    var out = """
      # deploylint configuration, written by `deploylint init`.
      # Every key: README "Configuration"; schema: Rules/deploylint.schema.json
      # (`deploylint config --schema`). The services below are what deploylint
      # found and assumed: confirm each value, then uncomment it.

      fail-on: error

      """
    out += project.services.isEmpty ? "# services: {}   # no service found\n" : "# services:\n"
    for service in project.services.sorted(by: { $0.name < $1.name }) {
      out +=
        "#   \(quoted(service.name)):   # declared at \(comment("\(service.span.path):\(service.span.line)"))\n"
      if let platform = service.platform {
        out += "#     platform: \(platform.rawValue)\n"
      } else {
        out += "#     platform: render   # not found: render, railway, fly, heroku, compose or generic?\n"
      }
      if let plan = service.plan?.value {
        out +=
          "#     plan: \(quoted(plan))   # \(comment(service.runtimeBudget?.source ?? "not in deploylint's catalog"))\n"
      } else if let budget = service.runtimeBudget {
        out += "#     memory: \(budget.bytes / 1_048_576)m   # \(comment(budget.source))\n"
      } else {
        out += "#     memory: 512m   # unknown: the memory this service gets\n"
      }
    }
    out += """

      # rules:
      #   torch-without-thread-limits: warning
      #   workers-multiply-memory: { options: { worker-floor: 256m } }
      # ignore:
      #   - rule: unused-suppression
      #     path: "legacy/**"
      #     reason: legacy stack, removed next quarter

      """
    return out
  }

  /// A value from the repository as YAML reads it back unchanged (a plain
  /// word, else double-quoted with every control character escaped): nothing
  /// in it can end the line and start a key of its own, such as `rules:`.
  static func quoted(_ value: String) -> String { ConfigDeclaration.yamlKey(value) }

  /// Repository text inside a `#` comment: nothing in it can end the comment.
  static func comment(_ text: String) -> String { VisibleText.make(text) }
}

/// An empty configuration, so `init` does not read the file it is about to write.
enum DeploylintConfigBlank {
  static var value: DeploylintConfig { DeploylintConfig() }
}
