import DeploylintCore
import DeploylintImages
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
  /// The configuration found by the CLI (`--config`, or `.deploylint.yml` at or
  /// above the scanned root); nil uses the one discovered at each root.
  public var configuration: DeploylintConfig?
  /// Today, for resolutions and wording that depend on the date (Railway's
  /// config-as-code cut-off): `SOURCE_DATE_EPOCH` when set, else the clock.
  public var today: CalendarDate = Analyzer.defaultToday

  public init(
    rules: [AnyRule] = RuleRegistry.all, toolVersion: String, hostMemory: Int64? = nil,
    configuration: DeploylintConfig? = nil
  ) {
    self.rules = rules
    self.toolVersion = toolVersion
    self.hostMemory = hostMemory
    self.configuration = configuration
  }

  /// Parses and assembles the files of one scan root into services.
  public func assemble(_ inputs: [InputFile], rootName: String) -> (Project, [String: SourceFile]) {
    let assembled = assembleChecked(inputs, rootName: rootName)
    return (assembled.project, assembled.sources)
  }

  /// The whole pipeline on in-memory files: parse, assemble, check, suppress.
  /// Configuration errors are returned, not thrown (the CLI exits 2 on them).
  /// `prepare` may add to the project before checking (tests link described images).
  public func analyze(
    _ inputs: [InputFile], rootName: String, displayRoot: String = "",
    prepare: (inout Project) -> Void = { _ in }
  ) -> (findings: [Finding], configurationErrors: [ParseError]) {
    let assembled = assembleChecked(inputs, rootName: rootName)
    var project = assembled.project
    prepare(&project)
    let (findings, errors) = finish(project, assembled, roots: [displayRoot])
    return (findings, assembled.configErrors + errors)
  }

  /// What `assembleChecked` hands to checking and suppression.
  struct Assembled {
    var project: Project
    var sources: [String: SourceFile]
    var configErrors: [ParseError]
    var suppressions: [SuppressionComment]
    var config: DeploylintConfig
  }

  /// Check with the configured rule settings, then the suppression stage.
  func finish(_ project: Project, _ assembled: Assembled, roots: [String]) -> ([Finding], [ParseError]) {
    let (settings, errors) = RuleSettings.resolve(assembled.config, rules: rules)
    let findings = check(project, settings: settings)
    let stage = SuppressionStage(
      comments: assembled.suppressions, ignores: assembled.config.ignores,
      enabled: Set(rules.map(\.description.id)).subtracting(settings.off), off: settings.off, rules: rules,
      roots: roots)
    return (settings.apply(stage.run(findings)), errors)
  }

  /// As `assemble`, also returning configuration errors (`.deploylint.yml`).
  func assembleChecked(_ inputs: [InputFile], rootName: String, namedCompose: [String] = []) -> Assembled {
    var ws = Workspace.parse(inputs, jobs: effectiveJobs)
    ws.namedComposeFiles = namedCompose
    if let configuration {
      ws.config = configuration
      ws.configErrors = []
    }
    ws.configErrors += ws.undeclarableRoots(rootName: rootName)
    var assembler = Assembler(workspace: ws, rootName: rootName, hostMemoryOverride: hostMemory)
    assembler.today = today
    let project = assembler.project()
    ws.configErrors += ws.rootsOfOtherPlatforms(project, rootName: rootName)
    var sources: [String: SourceFile] = [:]
    var suppressions: [SuppressionComment] = []
    for (relative, s) in ws.sources.sorted(by: { $0.key < $1.key }) {
      sources[s.path] = s
      if let kind = ws.files[relative]?.kind, kind.hasHashComments {
        suppressions += SuppressionScanner.scan(s)
      }
    }
    return Assembled(
      project: project, sources: sources, configErrors: ws.configErrors, suppressions: suppressions,
      config: ws.config)
  }

  /// Runs every rule that is not `off` on the project, with its configured
  /// options. Rules are independent pure functions (no rule depends on
  /// another having run), so they run on `effectiveJobs` threads; the
  /// findings are sorted, so the result does not depend on the number of threads.
  public func check(_ project: Project, settings: RuleSettings = RuleSettings()) -> [Finding] {
    let checkers = rules.compactMap { rule -> (@Sendable (Project) -> [Finding])? in
      guard !settings.off.contains(rule.description.id) else { return nil }
      return try? rule.checker(options: settings.options[rule.description.id] ?? [:])
    }
    let workers = max(1, min(effectiveJobs, checkers.count))
    let slots = ParallelSlots<[Finding]>(count: checkers.count)
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      for index in stride(from: worker, to: checkers.count, by: workers) {
        slots.set(index, checkers[index](project))
      }
    }
    let findings = slots.values().flatMap { $0 }.sorted(by: Finding.ordered)
    return FindingPolicy.apply(findings, project: project, rules: rules.map(\.description))
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
    var combined: Assembled?
    var imageInputs: [ImageInput] = []
    var discovery = discovery
    discovery.exclude += (configuration?.exclude ?? []).map(\.value)
    var namedCompose: [(file: InputFile, path: String)] = []
    var assemblies: [Assembled] = []
    for root in roots {
      let found = discovery.discover(root: root.path, displayRoot: root.display)
      notifications += found.notifications
      imageInputs += found.images
      // Python sources are read only for their imports: not counted among
      // the deployment files the summary line reports.
      fileCount += found.files.count(where: { $0.kind != .pythonSource })
      // Compose files named on the command line are one project, merged in
      // the order given (`docker compose -f a.yml -f b.yml`).
      if found.namedFile, let file = found.files.first, file.kind == .compose {
        namedCompose.append((file, root.path))
        continue
      }
      let listed = Self.listedComposeFiles(
        found.files, root: root.path, display: root.display, configuration: configuration,
        discovery: discovery)
      fileCount += listed.count
      assemblies.append(assembleChecked(found.files + listed, rootName: Analyzer.rootName(root.path)))
    }
    if !namedCompose.isEmpty {
      let named = Self.namedComposeProject(namedCompose, maxFileSize: discovery.maxFileSize)
      assemblies.append(
        assembleChecked(named.inputs, rootName: Analyzer.rootName(named.folder), namedCompose: named.order))
    }
    for assembled in assemblies {
      let p = assembled.project
      project.services += p.services
      project.diagnostics += p.diagnostics
      project.hosts += p.hosts
      project.planOverrides += p.planOverrides
      project.ignoredFiles += p.ignoredFiles
      project.unclaimedProcfiles += p.unclaimedProcfiles
      project.serviceLessConfigs += p.serviceLessConfigs
      configurationErrors += assembled.configErrors.map(Self.located)
      sources.merge(assembled.sources) { a, _ in a }
      if combined == nil {
        combined = assembled
      } else {
        combined?.suppressions += assembled.suppressions
      }
    }
    // Images (issue 4): scanned after assembly, then linked to the services
    // that run them or made services of their own.
    // Layer readers follow `jobs`/`DEPLOYLINT_JOBS` when set (one core for
    // `DEPLOYLINT_JOBS=1`), else the scanner's default (up to 4).
    var imageScanner = ImageScanner()
    if jobs != nil || getenv("DEPLOYLINT_JOBS") != nil { imageScanner.workers = min(4, effectiveJobs) }
    let scanned = ImageAssembly.scan(imageInputs, scanner: imageScanner)
    project.services = ImageAssembly.link(scanned.images, into: project.services)
    project.diagnostics += scanned.diagnostics
    fileCount += imageInputs.count
    var findings: [Finding] = []
    if let combined {
      let (f, errors) = finish(project, combined, roots: roots.map(\.display))
      findings = FindingPolicy.relative(f, roots: roots.map(\.display))
      configurationErrors += errors.map(Self.located)
    }
    var report = Report(
      toolVersion: toolVersion, findings: findings, rules: rules.map(\.description),
      sources: sources, notifications: notifications, serviceNames: project.services.map(\.name),
      fileCount: fileCount)
    report.configurationErrors = configurationErrors
    if let combined { report.disabledRuleIDs = RuleSettings.resolve(combined.config, rules: rules).0.off }
    report.services = BudgetAnalysis(project: project, findings: findings).summaries
    return (report, project)
  }

  /// Today from the process environment: `SOURCE_DATE_EPOCH`, else the clock.
  public static var defaultToday: CalendarDate {
    CalendarDate.today(sourceDateEpoch: getenv("SOURCE_DATE_EPOCH").map { String(cString: $0) }) {
      Int64(time(nil))
    }
  }

  /// `jobs`, else `DEPLOYLINT_JOBS`, else the number of active processors.
  var effectiveJobs: Int {
    if let jobs { return max(1, jobs) }
    if let text = getenv("DEPLOYLINT_JOBS").map({ String(cString: $0) }), let n = Int(text), n >= 1 {
      return n
    }
    return max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
  }

  static func located(_ error: ParseError) -> String {
    "\(error.span.path):\(error.span.line):\(error.span.column): \(error.message)"
  }

  /// The service-naming root name of a scanned folder, for commands outside the engine.
  public static func publicRootName(_ path: String) -> String { rootName(path) }

  /// The name of a scanned folder ("." → the current folder's name).
  static func rootName(_ path: String) -> String {
    var p = path
    while p.hasSuffix("/") && p.count > 1 { p.removeLast() }
    if p == "." || p.isEmpty, let cwd = Discovery.realPath(".") { p = cwd }
    return p.baseName.isEmpty ? "app" : p.baseName
  }
}
