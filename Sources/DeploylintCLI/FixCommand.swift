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
    var commandLine: [String: String] = [:]
    commandLine["config"] = config
    let settings = try EffectiveSettings.resolve(
      scanPath: paths.first ?? ".", commandLine: commandLine, environment: console.environment)
    let analyzer = Analyzer(
      toolVersion: DeploylintVersion.current, hostMemory: try settings.hostMemoryOverride,
      configuration: settings.config)
    let report = analyzer.scan(roots: paths.map { ($0, $0) })
    if !report.configurationErrors.isEmpty {
      for error in report.configurationErrors { console.err += "deploylint: error: \(error)\n" }
      return ExitStatus.usage
    }
    var byPath: [String: [TextEdit]] = [:]
    for finding in report.findings {
      for edit in finding.edits { byPath[edit.span.path, default: []].append(edit) }
    }
    var total = 0
    for path in byPath.keys.sorted() {
      guard let source = report.sources[path] else {
        console.err += "deploylint: warning: \(path): source not available, fix skipped\n"
        continue
      }
      let result = FixApplier.apply(byPath[path]!, to: source)
      for skipped in result.skipped {
        console.err +=
          "deploylint: warning: \(skipped.span): edit overlaps another fix, skipped (run fix again)\n"
      }
      guard result.text != source.text else { continue }
      total += result.applied.count
      if dryRun {
        console.out += UnifiedDiff.make(path: path, old: source.text, new: result.text)
      } else {
        try writeFile(path, result.text)
        console.err += "fixed \(path) (\(result.applied.count) edit\(result.applied.count == 1 ? "" : "s"))\n"
      }
    }
    if total == 0 { console.err += "nothing to fix\n" }
    return ExitStatus.clean
  }
}
