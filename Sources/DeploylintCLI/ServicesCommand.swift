import ArgumentParser
import DeploylintCore
import DeploylintEngine
import DeploylintReporters

/// `deploylint services [PATH ...]`: every service's resolved deploy path —
/// platform, plan and memory with where each comes from (declared, the
/// platform's default, assumed), build recipe and where it runs, start chain,
/// environments, files read and ignored. How to answer "why did deploylint say that?".
struct ServicesCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "services",
    abstract: "Show each service's resolved deploy path: what the platform reads, builds and starts, and why."
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Argument(help: "Folders or files to scan.")
  var paths: [String] = ["."]

  @Option(help: "Output format: text or json.")
  var format: Format = .text

  @Option(
    name: .customLong("host-memory"),
    help:
      "Memory of the machine running compose stacks and Procfile hosts (e.g. 4g); overrides host.memory in .deploylint.yml."
  )
  var hostMemory: String?

  func execute(_ console: Console) throws -> Int32 {
    try requireExisting(paths)
    guard let (_, project) = try Self.scan(paths, hostMemory: hostMemory, console) else {
      return ExitStatus.usage
    }
    switch format {
    case .json: console.out += ServicesRenderer.json(project, toolVersion: DeploylintVersion.current)
    case .text: console.out += ServicesRenderer.text(project)
    }
    return ExitStatus.clean
  }

  /// Scans `paths` with the settings `check` uses (config file <
  /// `DEPLOYLINT_*` < command line); nil, after printing them, on
  /// configuration errors. Shared by `services` and `budget`.
  static func scan(_ paths: [String], hostMemory: String?, _ console: Console) throws -> (Report, Project)? {
    var commandLine: [String: String] = [:]
    commandLine["host-memory"] = hostMemory
    let settings = try EffectiveSettings.resolve(
      scanPath: paths.first ?? ".", commandLine: commandLine, environment: console.environment)
    let analyzer = Analyzer(
      toolVersion: DeploylintVersion.current, hostMemory: try settings.hostMemoryOverride,
      configuration: settings.config)
    let (report, project) = analyzer.scanProject(roots: paths.map { ($0, $0) })
    if !report.configurationErrors.isEmpty {
      for error in report.configurationErrors { console.diagnose("error", error) }
      return nil
    }
    return (report, project)
  }
}
