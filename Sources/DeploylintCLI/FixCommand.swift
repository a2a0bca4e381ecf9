import ArgumentParser
import DeploylintCore
import DeploylintEngine

/// `deploylint fix [PATH] [--dry-run]`: applies the safe textual edits that
/// findings carry (`Finding.edits`, the same edits SARIF `fixes` and JSON
/// `fix.edits` show). Files are rewritten atomically and only without `--dry-run`.
struct FixCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "fix", abstract: "Apply safe fixes, or print them as a unified diff with --dry-run.")

  @Argument(help: "Folders or files to fix.")
  var paths: [String] = ["."]

  @Flag(name: .customLong("dry-run"), help: "Print the unified diff instead of writing files.")
  var dryRun = false

  @Option(help: "The configuration file (default: .deploylint.yml at or above the scanned folder).")
  var config: String?

  func execute(_ console: Console) throws -> Int32 {
    try requireExisting(paths)
    var commandLine: [String: String] = [:]
    commandLine["config"] = config
    let settings = try EffectiveSettings.resolve(
      scanPath: paths.first ?? ".", commandLine: commandLine, environment: console.environment)
    let analyzer = Analyzer(
      toolVersion: DeploylintVersion.current, hostMemory: try settings.hostMemoryOverride,
      configuration: settings.config)
    let report = analyzer.scan(roots: paths.map { ($0, $0) })
    if !report.configurationErrors.isEmpty {
      for error in report.configurationErrors { console.diagnose("error", error) }
      return ExitStatus.usage
    }
    var byPath: [String: [TextEdit]] = [:]
    for finding in report.findings {
      for edit in finding.edits { byPath[edit.span.path, default: []].append(edit) }
    }
    var total = 0
    var failed = false
    for path in byPath.keys.sorted() {
      do {
        total += try fix(path, edits: byPath[path]!, report: report, console)
      } catch {
        console.diagnose("error", "\(error)")
        failed = true
      }
    }
    if total == 0, !failed { console.diagnose(nil, "nothing to fix") }
    return failed ? ExitStatus.usage : ExitStatus.clean
  }

  /// Fixes one file: its bytes are read again (edits change bytes, not
  /// decoded text), and a file that changed since the scan is left alone.
  /// Returns the number of edits applied.
  func fix(_ path: String, edits: [TextEdit], report: Report, _ console: Console) throws -> Int {
    guard let source = report.sources[path] else {
      console.diagnose("warning", "\(path): source not available, fix skipped")
      return 0
    }
    let bytes: [UInt8]
    switch Discovery.readAll(path, limit: Discovery().maxFileSize) {
    case .success(let read): bytes = read
    case .failure(let reason):
      // Also a name that is not valid UTF-8: it is scanned by its bytes, but
      // shown (and named here) escaped, so `fix` cannot open it by that name.
      throw UsageError("\(path): cannot read the file again (\(reason)); not fixed")
    }
    let result: FixApplier.Result
    do {
      result = try FixApplier.apply(edits, to: source, bytes: bytes)
    } catch {
      throw UsageError("\(path): \(error); not fixed (run fix again)")
    }
    for skipped in result.skipped {
      console.diagnose("warning", "\(skipped.span): edit overlaps another fix, skipped (run fix again)")
    }
    guard result.bytes != bytes else { return 0 }
    if dryRun {
      console.printQuoting(
        UnifiedDiff.make(path: path, old: source.text, new: SourceFile.decode(result.bytes)))
    } else {
      guard let root = root(of: path) else {
        throw UsageError("\(path) is outside the scanned folders; not fixed")
      }
      try console.writeFile(path, result.bytes, guard: SafeWriter.Guard(original: bytes, root: root))
      console.diagnose(
        nil, "fixed \(path) (\(result.applied.count) edit\(result.applied.count == 1 ? "" : "s"))")
    }
    return result.applied.count
  }

  /// The real path of the scanned root that holds `path` (shown as the root
  /// was given): `fix` writes nothing outside it.
  func root(of path: String) -> String? {
    let roots = paths.map { (shown: Discovery.normalizeDisplayRoot($0), given: $0) }
      .filter { $0.shown.isEmpty || path == $0.shown || path.hasPrefix($0.shown + "/") }
      .max { $0.shown.count < $1.shown.count }
    return roots.flatMap { Discovery.realPath($0.given) }
  }
}
