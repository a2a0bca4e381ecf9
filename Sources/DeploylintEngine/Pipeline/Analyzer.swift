import DeploylintCore
import DeploylintImages
import DeploylintParsers
import DeploylintRules

/// Runs the pipeline of DESIGN.md §1 on discovered files: parse, assemble,
/// check. Pure apart from what it is given, so tests run it on in-memory trees.
public struct Analyzer: Sendable {
  public var rules: [AnyRule]
  public var toolVersion: String

  public init(rules: [AnyRule] = RuleRegistry.all, toolVersion: String) {
    self.rules = rules
    self.toolVersion = toolVersion
  }

  /// Parses and assembles the files of one scan root into services.
  public func assemble(_ inputs: [InputFile], rootName: String) -> (Project, [String: SourceFile]) {
    let ws = Workspace.parse(inputs)
    let project = Assembler(workspace: ws, rootName: rootName).project()
    var sources: [String: SourceFile] = [:]
    for s in ws.sources.values { sources[s.path] = s }
    return (project, sources)
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
    var project = Project()
    var sources: [String: SourceFile] = [:]
    var notifications: [ToolNotification] = []
    var fileCount = 0
    var imageInputs: [ImageInput] = []
    for root in roots {
      let found = discovery.discover(root: root.path, displayRoot: root.display)
      notifications += found.notifications
      fileCount += found.files.count
      imageInputs += found.images
      let name = Analyzer.rootName(root.path)
      let (p, s) = assemble(found.files, rootName: name)
      project.services += p.services
      project.diagnostics += p.diagnostics
      sources.merge(s) { a, _ in a }
    }
    // Images (issue 4): scanned after assembly, then linked to the services
    // that run them or made services of their own.
    let scanned = ImageAssembly.scan(imageInputs)
    project.services = ImageAssembly.link(scanned.images, into: project.services)
    project.diagnostics += scanned.diagnostics
    fileCount += imageInputs.count
    return Report(
      toolVersion: toolVersion, findings: check(project), rules: rules.map(\.description),
      sources: sources, notifications: notifications, serviceNames: project.services.map(\.name),
      fileCount: fileCount)
  }

  /// The name of a scanned folder ("." → the current folder's name).
  static func rootName(_ path: String) -> String {
    var p = path
    while p.hasSuffix("/") && p.count > 1 { p.removeLast() }
    if p == "." || p.isEmpty, let cwd = Discovery.realPath(".") { p = cwd }
    return p.baseName.isEmpty ? "app" : p.baseName
  }
}
