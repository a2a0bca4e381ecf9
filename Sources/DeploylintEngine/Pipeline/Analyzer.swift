import DeploylintCore
import DeploylintParsers
import DeploylintRules
import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs the pipeline of DESIGN.md §1 on discovered files: parse, assemble,
/// check. Pure apart from what it is given, so tests run it on in-memory trees.
public struct Analyzer: Sendable {
  public var rules: [AnyRule]
  public var toolVersion: String
  /// `--host-memory`: the memory of the machine running compose stacks.
  public var hostMemory: Int64?
  /// Threads that parse files: `nil` means `DEPLOYLINT_JOBS` when set, else
  /// the active processors. The result is the same for every value.
  public var jobs: Int?

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
    let ws = Workspace.parse(inputs, jobs: effectiveJobs)
    let project = Assembler(workspace: ws, rootName: rootName, hostMemoryOverride: hostMemory).project()
    var sources: [String: SourceFile] = [:]
    for s in ws.sources.values { sources[s.path] = s }
    return (project, sources, ws.configErrors)
  }

  /// Runs every rule on the project. Rules are independent pure functions:
  /// no rule depends on another having run.
  /// They run on `effectiveJobs` threads; the findings are sorted, so the
  /// result does not depend on the number of threads.
  public func check(_ project: Project) -> [Finding] {
    let checkers = rules.compactMap { try? $0.checker() }
    let workers = max(1, min(effectiveJobs, checkers.count))
    let slots = ParallelSlots<[Finding]>(count: checkers.count)
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      for index in stride(from: worker, to: checkers.count, by: workers) {
        slots.set(index, checkers[index](project))
      }
    }
    return slots.values().flatMap { $0 }.sorted(by: Finding.ordered)
  }

  /// Discovers, parses, assembles and checks the given roots.
  public func scan(roots: [(path: String, display: String)], discovery: Discovery = Discovery()) -> Report {
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
    return report
  }

  /// `jobs`, else `DEPLOYLINT_JOBS`, else the number of active processors.
  var effectiveJobs: Int {
    if let jobs { return max(1, jobs) }
    if let text = getenv("DEPLOYLINT_JOBS").map({ String(cString: $0) }), let n = Int(text), n >= 1 {
      return n
    }
    return max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
  }

  /// The name of a scanned folder ("." → the current folder's name).
  static func rootName(_ path: String) -> String {
    var p = path
    while p.hasSuffix("/") && p.count > 1 { p.removeLast() }
    if p == "." || p.isEmpty, let cwd = Discovery.realPath(".") { p = cwd }
    return p.baseName.isEmpty ? "app" : p.baseName
  }
}
