import ArgumentParser
import DeploylintCore
import DeploylintEngine
import DeploylintReporters
import DeploylintRules

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension OutputFormat: ExpressibleByArgument {}
extension FailThreshold: ExpressibleByArgument {}

/// `deploylint [PATH ...]`: scan and report.
struct CheckCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "check", abstract: "Scan folders, files and images (the default command).")

  @Argument(help: "Folders or files to scan; `-` is standard input (with --stdin-filename).")
  var paths: [String] = ["."]

  @Option(
    name: .customLong("stdin-filename"),
    help: "The path of the text read from standard input with `-`, inside the scanned folder.")
  var stdinFilename: String?

  @Option(help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
  var format: OutputFormat?

  @Option(
    name: .customLong("fail-on"),
    help: "Lowest severity that makes the exit status 1: error, warning, note or none.")
  var failOn: FailThreshold?

  @Option(help: "The configuration file (default: .deploylint.yml at or above the scanned folder).")
  var config: String?

  @Option(help: "Report only findings not recorded in this baseline file.")
  var baseline: String?

  @Option(name: .customLong("write-baseline"), help: "Record the current findings in this baseline file.")
  var writeBaseline: String?

  @Option(help: "Write the report to this file instead of standard output.")
  var output: String?

  @Option(name: .customLong("sarif-output"), help: "Also write a SARIF report of the same scan to this file.")
  var sarifOutput: String?

  @Option(name: .customLong("json-output"), help: "Also write a JSON report of the same scan to this file.")
  var jsonOutput: String?

  @Option(name: .customLong("text-output"), help: "Also write a text report of the same scan to this file.")
  var textOutput: String?

  @Option(
    name: .customLong("gitlab-output"),
    help: "Also write a GitLab Code Quality report of the same scan to this file.")
  var gitlabOutput: String?

  @Option(
    name: .customLong("junit-output"), help: "Also write a JUnit XML report of the same scan to this file.")
  var junitOutput: String?

  @Option(
    name: .customLong("checkstyle-output"),
    help: "Also write a Checkstyle XML report of the same scan to this file.")
  var checkstyleOutput: String?

  @Option(
    name: .customLong("automation-id"),
    help: "SARIF automationDetails.id: GitHub's analysis category (one per scanned folder in a monorepo).")
  var automationID: String?

  @Option(
    name: .customLong("host-memory"),
    help: "Memory of the machine running compose stacks (e.g. 4g); overrides host.memory in .deploylint.yml.")
  var hostMemory: String?

  func execute(_ console: Console) throws -> Int32 {
    try requireExisting(paths.filter { $0 != StandardInput.dash })
    let files = extraOutputs
    var written = [("--output", output), ("--write-baseline", writeBaseline)].compactMap { option, path in
      path.map { (option: option, path: $0) }
    }
    written += files.map { (option: "--\($0.format.rawValue)-output", path: $0.path) }
    let read = baseline.map { [(option: "--baseline", path: $0)] } ?? []
    // `--baseline F --write-baseline F` updates the baseline: F is read before it is written.
    if let conflict = OutputTargets.conflict(outputs: written)
      ?? OutputTargets.conflict(outputs: written.filter { $0.option != "--write-baseline" }, inputs: read)
    {
      throw UsageError(conflict)
    }
    var discovery = Discovery()
    let stdin = try StandardInput.read(
      paths: paths, filename: stdinFilename, console: console, limit: discovery.maxFileSize)
    let roots = stdin.map { [$0.root] } ?? paths
    if let stdin {
      discovery.substitutes = [Substitute(relativePath: stdin.relativePath, bytes: stdin.bytes)]
    }
    let settings = try EffectiveSettings.resolve(
      scanPath: roots.first ?? ".", commandLine: commandLineSettings, environment: console.environment,
      standardInput: stdin)
    let format = try settings.format
    let failOn = try settings.failOn
    let analyzer = Analyzer(
      toolVersion: DeploylintVersion.current, hostMemory: try settings.hostMemoryOverride,
      configuration: settings.config)
    var report = analyzer.scan(roots: roots.map { ($0, $0) }, discovery: discovery)
    if !report.configurationErrors.isEmpty {
      for error in report.configurationErrors { console.diagnose("error", error) }
      return ExitStatus.usage
    }
    let today = report
    if let baseline {
      guard case .success(let bytes) = Discovery.readAll(baseline, limit: 16 << 20),
        let recorded = Baseline.parse(SourceFile.decode(bytes))
      else {
        throw UsageError("\(baseline): cannot read a deploylint baseline (write one with --write-baseline)")
      }
      report = recorded.apply(to: report)
    }
    if let writeBaseline { try console.writeFile(writeBaseline, Baseline(today).serialized()) }
    if let stdin { report = stdin.restrict(report) }
    var options = ReporterOptions()
    options.color = output == nil && format == .text && console.useColor
    options.ruleHelpMarkdown = Dictionary(
      uniqueKeysWithValues: RuleRegistry.all.map { ($0.description.id, RuleDocs.page(for: $0.description)) })
    options.sourceRoot = Discovery.realPathOfCurrentDirectory()
    options.automationID = automationID
    options.failOn = failOn
    options.repositoryPrefix = RepositoryRoot.prefixOfCurrentDirectory()
    let rendered = reporter(for: format).render(report, options: options)
    // Files first, so that a write error (exit 2) never follows a printed report.
    for (path, extraFormat) in files {
      var plain = options
      plain.color = false
      try console.writeFile(path, reporter(for: extraFormat).render(report, options: plain))
    }
    if let output {
      try console.writeFile(output, rendered)
    } else {
      console.out += rendered
    }
    // The annotations are the one output meant as workflow commands (`RunnerSafety`).
    let main = output ?? "/dev/stdout"
    let onStdout = ([main] + files.map(\.path)).filter { SafeWriter.descriptor(named: $0) == 1 }
    console.stdoutIsWorkflowCommands = format == .github && onStdout == [main]
    if format == .github, let summary = console.environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
      // A summary that cannot be written is not the scan's failure: say so, keep the status.
      // GitHub's 1 MiB is per step, and earlier commands of the step may have written to it.
      var st = stat()
      let used = stat(summary, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG ? Int(st.st_size) : 0
      let room = GitHubStepSummary.maxBytes - used
      do {
        if room < 1_024 {
          console.diagnose(
            "warning", "GITHUB_STEP_SUMMARY already holds \(used) bytes of GitHub's 1 MiB; summary not added")
        } else {
          try console.files.append(Array(githubStepSummary(report, limit: room).utf8), to: summary)
        }
      } catch {
        console.diagnose("warning", "cannot append to GITHUB_STEP_SUMMARY: \(error)")
      }
    }
    let failed = report.findings.contains { failOn.isReached(by: $0.severity) }
    return failed ? ExitStatus.findings : ExitStatus.clean
  }
}

extension CheckCommand {
  /// The layered settings given on the command line.
  var commandLineSettings: [String: String] {
    var out: [String: String] = [:]
    out["config"] = config
    out["format"] = format?.rawValue
    out["fail-on"] = failOn?.rawValue
    out["host-memory"] = hostMemory
    return out
  }

  /// The files of the `--<format>-output` options, with their formats.
  var extraOutputs: [(path: String, format: OutputFormat)] {
    [
      (sarifOutput, OutputFormat.sarif), (jsonOutput, .json), (textOutput, .text), (gitlabOutput, .gitlab),
      (junitOutput, .junit), (checkstyleOutput, .checkstyle),
    ]
    .compactMap { path, format in path.map { ($0, format) } }
  }
}
