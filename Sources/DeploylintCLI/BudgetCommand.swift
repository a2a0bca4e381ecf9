import ArgumentParser
import DeploylintCore
import DeploylintEngine
import DeploylintReporters

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `deploylint budget [PATH ...]`: the memory budget picture — what each
/// service gets and what each estimate says it needs, run time and build time,
/// and each compose host's limits stacked by service.
struct BudgetCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "budget",
    abstract: "Draw each service's memory budget against the estimates, and the cheapest plan that fits.")

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Argument(help: "Folders or files to scan.")
  var paths: [String] = ["."]

  @Option(help: "Output format: text or json.")
  var format: Format = .text

  @Option(help: "Also write a self-contained HTML report to this file.")
  var html: String?

  @Option(
    name: .customLong("host-memory"),
    help: "Memory of the machine running compose stacks (e.g. 4g); overrides host.memory in .deploylint.yml.")
  var hostMemory: String?

  func execute(_ console: Console) throws -> Int32 {
    try requireExisting(paths)
    // The same layering as `check` (config file < DEPLOYLINT_* < command
    // line), so both commands see the same host and configuration.
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
      return ExitStatus.usage
    }
    let analysis = BudgetAnalysis(project: project, findings: report.findings)
    if let html {
      let page = BudgetHTMLRenderer(
        linkPrefix: Self.linkPrefix(forOutput: html), sources: report.sources,
        toolVersion: DeploylintVersion.current
      ).render(analysis)
      try console.writeFile(html, page)
    }
    switch format {
    case .json:
      console.out += BudgetJSONRenderer.render(analysis, toolVersion: DeploylintVersion.current)
    case .text:
      console.out += BudgetTextRenderer(width: Self.width(console), color: console.useColor).render(analysis)
    }
    return ExitStatus.clean
  }

  /// `COLUMNS` when set, else the terminal's width when stdout is one, else 80.
  static func width(_ console: Console) -> Int {
    if let columns = console.environment["COLUMNS"].flatMap({ Int($0) }), columns > 0 {
      return min(columns, 1000)
    }
    if console.isTerminal {
      var size = winsize()
      if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
    }
    return 80
  }

  /// The prefix that turns a path relative to the working folder into a link
  /// relative to the HTML file: `../` per folder of a relative output path;
  /// for an absolute one, the walk from its folder back to the working folder.
  static func linkPrefix(forOutput path: String) -> String {
    var folders = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init).dropLast()
      .filter { $0 != "." }
    if path.hasPrefix("/") {
      guard let cwd = Discovery.realPathOfCurrentDirectory() else { return "" }
      let dir = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
      let target = (Discovery.realPath(dir.isEmpty ? "/" : dir) ?? dir).split(separator: "/").map(String.init)
      let here = cwd.split(separator: "/").map(String.init)
      var common = 0
      while common < min(target.count, here.count), target[common] == here[common] { common += 1 }
      let up = String(repeating: "../", count: target.count - common)
      let down = here[common...].map { $0 + "/" }.joined()
      return up + down
    }
    guard !folders.contains("..") else { return "" }
    folders = folders.filter { !$0.isEmpty }
    return String(repeating: "../", count: folders.count)
  }
}
