import DeploylintCore
import DeploylintEngine
import DeploylintReporters
import DeploylintRules
import Foundation

/// Every fixture under `Fixtures/` run through the real pipeline
/// (`Analyzer.scan`) and rendered as the CLI renders it, minus what depends on
/// the machine: the tool version and the absolute source root are fixed.
enum FixtureReports {
  /// SARIF `originalUriBaseIds` root used in tests (the checkout path on GitHub's runners).
  static let fakeSourceRoot = "/github/workspace"
  static let toolVersion = "0.0.0-test"

  /// Every folder under `Fixtures/`, sorted.
  static let names: [String] = {
    let root = RepositoryPaths.repo("Fixtures").path
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
    return entries.filter { name in
      var isDirectory: ObjCBool = false
      return !name.hasPrefix(".")
        && FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDirectory)
        && isDirectory.boolValue
    }.sorted()
  }()

  /// The fixture scanned as `deploylint Fixtures/<name>` from the repository root.
  static func report(_ name: String) -> Report {
    Analyzer(toolVersion: toolVersion).scan(
      roots: [(RepositoryPaths.repo("Fixtures/\(name)").path, "Fixtures/\(name)")])
  }

  /// The fixture's assembled services, as `deploylint services Fixtures/<name>` resolves them.
  static func project(_ name: String) -> Project {
    Analyzer(toolVersion: toolVersion).scanProject(
      roots: [(RepositoryPaths.repo("Fixtures/\(name)").path, "Fixtures/\(name)")]
    ).project
  }

  /// The options the CLI passes, with a fixed source root.
  static var options: ReporterOptions {
    ReporterOptions(
      sourceRoot: fakeSourceRoot,
      ruleHelpMarkdown: Dictionary(
        uniqueKeysWithValues: RuleRegistry.all.map { ($0.description.id, RuleDocs.page(for: $0.description)) }
      ))
  }

  static func render(_ report: Report, as format: OutputFormat) -> String {
    DeploylintReporters.reporter(for: format).render(report, options: options)
  }
}
