import DeploylintCLI
import DeploylintCore
import DeploylintEngine
import DeploylintParsers
import DeploylintReporters
import Foundation
import Testing

/// `.deploylint.yml` and the layered settings: rule settings, ignores, catalog rows, located errors.
@Suite struct ConfigurationTests {
  @Test(
    arguments: [
      // (file, env, cli, expected value, expected origin kind)
      (nil, nil, nil, "text", "built-in default"),
      ("json", nil, nil, "json", "f:1"),
      ("json", "sarif", nil, "sarif", "environment DEPLOYLINT_FORMAT"),
      ("json", "sarif", "github", "github", "command line --format"),
      (nil, "", nil, "text", "built-in default"),
    ] as [(String?, String?, String?, String, String)])
  func layering(_ file: String?, _ env: String?, _ cli: String?, _ value: String, _ origin: String) {
    let merged = SettingLayers.merge(
      file: file.map { ["format": LayeredValue($0, .file("f:1"))] } ?? [:],
      environment: env.map { ["DEPLOYLINT_FORMAT": $0] } ?? [:],
      commandLine: cli.map { ["format": $0] } ?? [:])
    #expect(merged["format"]?.value == value)
    #expect(merged["format"]?.origin.description == origin)
  }

  @Test func configRulesAndIgnore() throws {
    let config = try DeploylintConfig.parse(
      YAMLReader.read(
        SourceFile(
          path: ".deploylint.yml",
          text:
            "rules:\n  torch-without-thread-limits: note\nignore:\n  - path: \"**/Dockerfile\"\n    rule: workers-multiply-memory\n    reason: fine\n"
        )))
    let analyzer = Analyzer(toolVersion: "t", configuration: config)
    let findings = analyzer.analyze(
      [TestInputs.input("Dockerfile", TestInputs.torchDockerfile)], rootName: "x"
    ).findings
    let torch = try #require(findings.first { $0.ruleID == "torch-without-thread-limits" })
    #expect(torch.severity == .note)
    var off = config
    off.rules[0].severity = Located("off", span: off.rules[0].id.span)
    let silent = Analyzer(toolVersion: "t", configuration: off).analyze(
      [TestInputs.input("Dockerfile", TestInputs.torchDockerfile)], rootName: "x"
    ).findings
    #expect(!silent.contains { $0.ruleID == "torch-without-thread-limits" })
  }

  @Test(arguments: [
    ("rulez: {}\n", 1, 1, "did you mean `rules`"),
    ("ignore:\n  - rule: x\n", 2, 5, "reason"),
    ("rules:\n  torch-without-thread-limit: off\n", 2, 3, "did you mean `torch-without-thread-limits`"),
    ("rules:\n  workers-multiply-memory:\n    options:\n      worker-flor: 1g\n", 4, 7, "worker-floor"),
    ("fail-on: warnings\n", 1, 10, "did you mean `warning`"),
  ])
  func configErrorsAreLocatedWithExit2(_ text: String, _ line: Int, _ column: Int, _ words: String) throws {
    let folder = try TestInputs.temporaryFolder()
    try text.write(toFile: folder + "/.deploylint.yml", atomically: true, encoding: .utf8)
    try TestInputs.torchDockerfile.write(toFile: folder + "/Dockerfile", atomically: true, encoding: .utf8)
    let console = Console()
    let status = DeploylintMain.run([folder], console: console)
    #expect(status == 2)
    #expect(console.err.contains(".deploylint.yml:\(line):\(column):"), "\(console.err)")
    #expect(console.err.contains(words), "\(console.err)")
  }

  @Test func planOverridesReachTheCatalog() {
    let row = Plan(.render, "team-xl", "XL", memory: 64 << 30, cpus: 8, source: "s", checked: "")
    #expect(PlanCatalog.plan(.render, "team-xl", overrides: [row])?.memory == 64 << 30)
    #expect(PlanCatalog.plan(.render, "team-xl") == nil)
  }
}
