import DeploylintCore
import DeploylintRules
import Testing

/// pm2 apps whose `script` is a wrapper (npm, a shell script): the heap flag
/// and `max_memory_restart` act on the wrapper, never as the server's heap.
@Suite struct PM2WrapperTests {
  static func findings(_ files: [ExampleFile], _ ids: [String]) -> [Finding] {
    let rules = ids.compactMap(RuleRegistry.rule)
    return ExampleRunner.run(files, rules: rules).findings.filter { ids.contains($0.ruleID) }
  }

  static let heapRules = [
    "node-heap-flag-on-wrapper", "node-heap-exceeds-memory", "pm2-heap-exceeds-restart-threshold",
  ]

  /// The seed case of issue 15 on a 1 GB host: before, the npm process's flag
  /// was reported as the server's heap (an error) and as a restart loop.
  static let npmOnSmallHost: [ExampleFile] = [
    ExampleFile(
      "ecosystem.config.js",
      "module.exports = {apps: [{name: 'web', script: 'npm', args: 'start',\n"
        + "  node_args: '--max-old-space-size=2048', max_memory_restart: '1G'}]};\n"),
    ExampleFile("package.json", #"{"scripts": {"start": "next start -p 3000"}}"# + "\n"),
    ExampleFile(".deploylint.yml", "host:\n  memory: 1g\n"),
  ]

  @Test func npmWrapperFlagIsNotTheServersHeap() throws {
    let found = Self.findings(Self.npmOnSmallHost, Self.heapRules)
    #expect(found.map(\.ruleID) == ["node-heap-flag-on-wrapper"])
    let f = try #require(found.first)
    #expect(f.severity == .warning)
    #expect(f.span.line == 2 && f.span.column == 15)
    #expect(f.message.contains("`next start -p 3000` as a child process"))
    #expect(f.message.contains("max_memory_restart `1G` likewise watches the npm process"))
    #expect(
      f.help.first?.contains("script: 'node_modules/next/dist/bin/next', args: 'start -p 3000'") == true)
    #expect(f.help.contains { $0.contains("NODE_OPTIONS: '--max-old-space-size=2048'") })
    #expect(f.related.map(\.span.path) == ["ecosystem.config.js", "package.json", "ecosystem.config.js"])
    #expect(f.related.first?.span.line == 1)
  }

  @Test func nextEntryKeepsTheHeapRules() {
    var files = Self.npmOnSmallHost
    files[0] = ExampleFile(
      "ecosystem.config.js",
      files[0].content.replacingOccurrences(
        of: "script: 'npm'", with: "script: 'node_modules/next/dist/bin/next'"))
    let ids = Set(Self.findings(files, Self.heapRules).map(\.ruleID))
    #expect(ids == ["node-heap-exceeds-memory", "pm2-heap-exceeds-restart-threshold"])
  }

  @Test func nodeOptionsInTheAppEnvReachesTheServer() throws {
    let files = [
      ExampleFile(
        "ecosystem.config.json",
        """
        {"apps": [{"name": "web", "script": "npm", "args": "start",
                   "node_args": "--max-old-space-size=512",
                   "env": {"NODE_OPTIONS": "--max-old-space-size=2048"}}]}

        """),
      ExampleFile("package.json", #"{"scripts": {"start": "node server.js"}}"# + "\n"),
      ExampleFile(".deploylint.yml", "host:\n  memory: 1g\n"),
    ]
    let found = Self.findings(files, Self.heapRules)
    // The env's flag is the server's (and too big); npm's own flag is moot.
    #expect(found.map(\.ruleID) == ["node-heap-exceeds-memory"])
    #expect(found.first?.message.contains("2048") == true)
  }

  @Test func commandLineWrapperAndShellScript() throws {
    let cli = [
      ExampleFile(
        "package.json",
        """
        {"scripts": {"serve": "node server.js",
          "prod": "pm2-runtime start npm --name web --node-args=--max-old-space-size=1536 -- run serve"}}

        """),
      ExampleFile(".deploylint.yml", "host:\n  memory: 1g\n"),
    ]
    let found = Self.findings(cli, Self.heapRules)
    #expect(found.map(\.ruleID) == ["node-heap-flag-on-wrapper"])
    #expect(found.first?.help.first?.contains("script: 'server.js'") == true)

    let shell = [
      ExampleFile(
        "ecosystem.config.json",
        #"{"apps": [{"name": "api", "script": "scripts/run.sh", "node_args": ["--max-old-space-size=900"]}]}"#
          + "\n")
    ]
    let f = try #require(Self.findings(shell, Self.heapRules).first)
    #expect(f.ruleID == "node-heap-flag-on-wrapper")
    #expect(f.message.contains("as `scripts/run.sh`"))
    #expect(f.help.first == "point `script` at the server's own entry file, keeping node_args")
  }
}
