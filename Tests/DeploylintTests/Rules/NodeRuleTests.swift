import DeploylintCore
import DeploylintRules
import Testing

/// What the Node rules say and which edits they propose, beyond where their
/// examples land.
@Suite struct NodeRuleTests {
  static func findings(_ files: [ExampleFile], _ id: String) -> [Finding] {
    let rule = RuleRegistry.rule(id)!
    return ExampleRunner.run(files, rules: [rule]).findings.filter { $0.ruleID == id }
  }

  static let seed002: [ExampleFile] = [
    ExampleFile(
      "ecosystem.config.js",
      """
      module.exports = {
        apps: [{
          name: 'bbyatch',
          script: 'node_modules/next/dist/bin/next',
          args: 'start',
          node_args: '--max-old-space-size=1536',
          max_memory_restart: '1G',
        }],
      };

      """),
    ExampleFile(".deploylint.yml", "host:\n  name: vps\n  memory: 1g\n"),
  ]

  @Test func heapAboveHostIsAnErrorWithTheComputedEdit() throws {
    let f = try #require(Self.findings(Self.seed002, "node-heap-exceeds-memory").first)
    #expect(f.severity == .error)
    #expect(f.message.contains("1536 MiB, 150 % of the 1 GiB"))
    #expect(f.message.contains("host `vps`: 1 GiB (.deploylint.yml host.memory)"))
    #expect(f.message.contains("768 MiB here"))
    #expect(f.message.contains("Reached heap limit"))
    #expect(!f.message.contains("forces"))
    let edit = try #require(f.edits.first)
    #expect(edit.replacement == "768")
    #expect(edit.span.line == 6 && edit.span.column == 38 && edit.span.endColumn == 42)
    #expect(f.related.first?.span.path == ".deploylint.yml")
  }

  @Test func heapBetween75And100PercentIsAWarningWithABiggerPlan() throws {
    let files = [
      ExampleFile(
        "render.yaml", "services:\n  - type: web\n    name: api\n    runtime: docker\n    plan: standard\n"),
      ExampleFile(
        "Dockerfile", "FROM node:20\nENV NODE_OPTIONS=--max-old-space-size=1792\nCMD [\"node\", \"s.js\"]\n"),
    ]
    let f = try #require(Self.findings(files, "node-heap-exceeds-memory").first)
    #expect(f.severity == .warning)
    // Render standard is 2 GB = 1907 MiB: 75 % rounded down to 64 MiB is 1408.
    #expect(f.edits.first?.replacement == "1408")
    #expect(f.help.contains { $0.contains("plan `pro`") })
  }

  @Test func restartThresholdBelowHeap() throws {
    let f = try #require(Self.findings(Self.seed002, "pm2-heap-exceeds-restart-threshold").first)
    #expect(f.span.line == 7)
    #expect(f.message.contains("max_memory_restart `'1G'`") || f.message.contains("max_memory_restart `1G`"))
    #expect(f.help.first?.contains("--max-old-space-size=768 with max_memory_restart: '960M'") == true)
  }

  @Test func clusterInstancesMultiplyTheHeap() throws {
    let files = [
      ExampleFile(
        "ecosystem.config.json",
        #"{"apps": [{"name": "api", "script": "s.js", "exec_mode": "cluster", "instances": "max", "node_args": "--max-old-space-size=768"}]}"#
      ),
      ExampleFile(".deploylint.yml", "host:\n  memory: 2g\n  cpus: 4\n"),
    ]
    let f = try #require(Self.findings(files, "pm2-heap-exceeds-restart-threshold").first)
    #expect(f.message.contains("4 × 768 MiB = 3 GiB"))
    #expect(f.help.contains("or run 2 instances (instances: 2)"))
    #expect(f.help.first?.contains("--max-old-space-size=384") == true)
  }

  @Test func buildHeapBelowBuildMemoryButHeavyBuildOnSmallHostWarns() throws {
    let files = [
      ExampleFile(
        "ecosystem.config.js", "module.exports = { apps: [{ name: 'w', script: 'npm', args: 'start' }] };\n"),
      ExampleFile(
        "package.json", #"{"scripts": {"build": "webpack --mode production", "start": "node dist/s.js"}}"#),
      ExampleFile(".deploylint.yml", "host:\n  memory: 1g\n"),
    ]
    let f = try #require(Self.findings(files, "node-build-exceeds-build-memory").first)
    #expect(f.severity == .warning)
    #expect(f.message.contains("`webpack`"))
    #expect(f.message.contains("about 512 MiB of old space"))
  }

  @Test func renderPipelineIsNotTheInstance() {
    let files = [
      ExampleFile(
        "render.yaml",
        "services:\n  - type: web\n    name: w\n    runtime: node\n    plan: free\n    buildCommand: npx next build\n"
      )
    ]
    #expect(Self.findings(files, "node-build-exceeds-build-memory").isEmpty)
  }
}
