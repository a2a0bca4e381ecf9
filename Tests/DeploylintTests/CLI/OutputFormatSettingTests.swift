import DeploylintCLI
import DeploylintParsers
import DeploylintReporters
import DeploylintRules
import Foundation
import Testing

/// Every output format can be chosen the three ways a setting is given: on
/// the command line, in the environment and in `.deploylint.yml` (whose
/// reader and JSON Schema list the same formats as the reporters).
@Suite struct OutputFormatSettingTests {
  @Test func theConfigurationAcceptsEveryFormat() {
    #expect(DeploylintConfig.formats == OutputFormat.allCases.map(\.rawValue))
    let schema = ConfigSchema.text(rules: RuleRegistry.all.map(\.description))
    #expect(schema.contains(OutputFormat.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")))
  }

  @Test(arguments: [OutputFormat.gitlab, .junit, .checkstyle])
  func eachWayOfChoosingAFormatWorks(_ format: OutputFormat) throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "deploylint-fmt-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    try Data("FROM python:3.12\nRUN pip install torch\n".utf8).write(
      to: root.appendingPathComponent("Dockerfile"))
    let expected = DeploylintMain.run(["--format", format.rawValue, root.path], console: Console())
    let start = format == .gitlab ? "[" : "<?xml"
    let byFlag = Console()
    _ = DeploylintMain.run(["--format", format.rawValue, root.path], console: byFlag)
    #expect(byFlag.out.hasPrefix(start))
    let byEnvironment = Console(environment: ["DEPLOYLINT_FORMAT": format.rawValue])
    #expect(DeploylintMain.run([root.path], console: byEnvironment) == expected)
    #expect(byEnvironment.out == byFlag.out)
    try Data("output: { format: \(format.rawValue) }\n".utf8).write(
      to: root.appendingPathComponent(".deploylint.yml"))
    let byFile = Console()
    #expect(DeploylintMain.run([root.path], console: byFile) == expected)
    #expect(byFile.out == byFlag.out)
  }

  @Test func anUnknownFormatListsThemAll() {
    let console = Console(environment: ["DEPLOYLINT_FORMAT": "xml"])
    #expect(
      DeploylintMain.run([RepositoryPaths.repo("Fixtures/kokoro-railway-free").path], console: console) == 2)
    #expect(console.err.contains("expected text, json, sarif, github, gitlab, junit or checkstyle"))
  }
}
