import DeploylintCore
import DeploylintParsers
import DeploylintRules

/// Runs the pipeline of DESIGN.md §1 on discovered files: parse, assemble,
/// check. Pure apart from what it is given, so tests run it on in-memory trees.
public struct Analyzer: Sendable {
  public var rules: [AnyRule]
  public var toolVersion: String
  /// `--host-memory`: the memory of the machine running compose stacks.
  public var hostMemory: Int64?

  public init(rules: [AnyRule] = RuleRegistry.all, toolVersion: String, hostMemory: Int64? = nil) {
    self.rules = rules
    self.toolVersion = toolVersion
    self.hostMemory = hostMemory
  }

  /// Parses and assembles the files of one scan root into services.
  public func assemble(_ inputs: [InputFile], rootName: String) -> (Project, [String: SourceFile]) {
    let (project, sources, _) = assembleChecked(inputs, rootName: rootName)
    return (project, sources)
  }

  /// As `assemble`, also returning configuration errors (`.deploylint.yml`).
  func assembleChecked(_ inputs: [InputFile], rootName: String) -> (
    Project, [String: SourceFile], [ParseError]
  ) {
    let ws = Workspace.parse(inputs)
    let project = Assembler(workspace: ws, rootName: rootName, hostMemoryOverride: hostMemory).project()
    var sources: [String: SourceFile] = [:]
    for s in ws.sources.values { sources[s.path] = s }
    return (project, sources, ws.configErrors)
  }

  /// Runs every rule on the project. Rules are independent pure functions:
  /// no rule depends on another having run.
  public func check(_ project: Project) -> [Finding] {
    var findings: [Finding] = []
    for rule in rules {
      guard let checker = try? rule.checker() else { continue }
      findings.append(contentsOf: checker(project))
    }
    return findings.sorted(by: Finding.ordered)
  }

  /// Discovers, parses, assembles and checks the given roots.
  public func scan(roots: [(path: String, display: String)], discovery: Discovery = Discovery()) -> Report {
    scanProject(roots: roots, discovery: discovery).report
  }

  /// As `scan`, also returning the assembled project (for `deploylint budget`).
  public func scanProject(roots: [(path: String, display: String)], discovery: Discovery = Discovery()) -> (
    report: Report, project: Project
  ) {
    var project = Project()
    var sources: [String: SourceFile] = [:]
    var notifications: [ToolNotification] = []
    var fileCount = 0
    var configurationErrors: [String] = []
    for root in roots {
      let found = discovery.discover(root: root.path, displayRoot: root.display)
      notifications += found.notifications
      fileCount += found.files.count
      let name = Analyzer.rootName(root.path)
      let (p, s, errors) = assembleChecked(found.files, rootName: name)
      project.services += p.services
      project.diagnostics += p.diagnostics
      project.hosts += p.hosts
      configurationErrors += errors.map { "\($0.span.path):\($0.span.line):\($0.span.column): \($0.message)" }
      sources.merge(s) { a, _ in a }
    }
    var report = Report(
      toolVersion: toolVersion, findings: check(project), rules: rules.map(\.description),
      sources: sources, notifications: notifications, serviceNames: project.services.map(\.name),
      fileCount: fileCount)
    report.configurationErrors = configurationErrors
    return (report, project)
  }

  /// The name of a scanned folder ("." → the current folder's name).
  static func rootName(_ path: String) -> String {
    var p = path
    while p.hasSuffix("/") && p.count > 1 { p.removeLast() }
    if p == "." || p.isEmpty, let cwd = Discovery.realPath(".") { p = cwd }
    return p.baseName.isEmpty ? "app" : p.baseName
  }
}
