import DeploylintCLI
import DeploylintReporters
import DeploylintRules
import Foundation
import Testing

/// The command line, run in-process through `DeploylintMain.run`.
@Suite struct CLITests {
  func run(_ arguments: [String], environment: [String: String] = [:]) -> (
    status: Int32, out: String, err: String
  ) {
    let console = Console(isTerminal: false, environment: environment)
    let status = DeploylintMain.run(arguments, console: console)
    return (status, console.out, console.err)
  }

  let kokoro = RepositoryPaths.repo("Fixtures/kokoro-railway-free").path
  let kokoroFixed = RepositoryPaths.repo("Fixtures/kokoro-railway-free-fixed").path

  @Test func version() {
    let r = run(["--version"])
    #expect(r.status == 0)
    #expect(r.out == DeploylintVersion.current + "\n")
  }

  @Test func helpDescribesUsageAndExitStatus() {
    let r = run(["--help"])
    #expect(r.status == 0)
    for expected in [
      "USAGE: deploylint", "check", "rules", "explain", "dump", "Exit status: 0", "--fail-on", "--format",
    ] {
      #expect(r.out.contains(expected), "help lacks \(expected)")
    }
    #expect(!r.out.contains("generate-docs"), "the maintainers' command is hidden")
  }

  @Test func subcommandHelpShowsItsOwnOptions() {
    for arguments in [["check", "--help"], ["help", "check"]] {
      let r = run(arguments)
      #expect(r.status == 0)
      #expect(r.out.contains("USAGE: deploylint check"), "\(arguments): \(r.out.prefix(200))")
      for option in ["--fail-on", "--sarif-output", "--host-memory", "--baseline"] {
        #expect(r.out.contains(option), "\(arguments) lacks \(option)")
      }
    }
    #expect(run(["budget", "--help"]).out.contains("--html"))
  }

  @Test func rulesListsEveryRuleWithCategoryAndSeverity() {
    let r = run(["rules"])
    #expect(r.status == 0)
    let lines = r.out.split(separator: "\n")
    #expect(lines.first?.hasPrefix("RULE") == true)
    #expect(lines.count == RuleRegistry.all.count + 1)
    #expect(
      lines.contains {
        $0.hasPrefix("torch-without-thread-limits") && $0.contains("runtime") && $0.contains("warning")
      })
  }

  @Test func explainPrintsThePage() {
    let r = run(["explain", "torch-without-thread-limits"])
    #expect(r.status == 0)
    #expect(r.out.hasPrefix("<!-- Generated"))
    #expect(r.out.contains("## How to fix"))
    #expect(r.out.contains("ENV OMP_NUM_THREADS=1 MKL_NUM_THREADS=1"))
  }

  @Test func explainUnknownRuleSuggestsAndExitsTwo() {
    let r = run(["explain", "torch-without-thread-limit"])
    #expect(r.status == 2)
    #expect(r.err.contains("did you mean `torch-without-thread-limits`"))
  }

  @Test func usageErrorsExitTwo() {
    #expect(run(["--format", "xml", kokoro]).status == 2)
    #expect(run(["--fail-on", "fatal", kokoro]).status == 2)
    #expect(run(["--no-such-flag"]).status == 2)
    let missing = run(["/nonexistent/deploylint-test"])
    #expect(missing.status == 2)
    #expect(missing.err.contains("no such file or directory"))
  }

  @Test func failOnDecidesTheExitStatusWhateverTheFormat() {
    for format in OutputFormat.allCases.map(\.rawValue) {
      #expect(run(["--format", format, "--fail-on", "warning", kokoro]).status == 1, "\(format)")
      #expect(run(["--format", format, "--fail-on", "none", kokoro]).status == 0, "\(format)")
      #expect(run(["--format", format, "--fail-on", "warning", kokoroFixed]).status == 0, "\(format)")
    }
  }

  @Test func noColourOffATerminal() {
    let r = run(["--fail-on", "none", kokoro])
    #expect(!r.out.contains("\u{1B}["))
    #expect(r.out.contains("warning[torch-without-thread-limits]"))
  }

  @Test func dumpPrintsBuildkitFormat() throws {
    let r = run(["dump", RepositoryPaths.repo("Fixtures/kokoro-railway-free/Dockerfile").path])
    #expect(r.status == 0)
    #expect(r.out.hasPrefix("(from \"python:3.11-slim\")\n"))
    #expect(r.out.contains("(env \"PYTORCH_CUDA_ALLOC_CONF\" \"max_split_size_mb:128\" \"=\")"))
  }

  @Test func dumpRejectsWithALocatedError() throws {
    // An ENV without a value, which buildkit rejects (its negative case `env_no_value`).
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let dockerfile = dir.appendingPathComponent("Dockerfile")
    try Data("FROM node:22-slim\nWORKDIR /app\nENV NODE_ENV\nCMD [\"node\", \"server.js\"]\n".utf8).write(
      to: dockerfile)
    let r = run(["dump", dockerfile.path])
    #expect(r.status == 1)
    #expect(r.err.contains("Dockerfile:3:"), "error located at the ENV line: \(r.err)")
  }

  /// A fresh folder for output files; the caller removes it.
  func scratch() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "deploylint-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

  @Test func oneScanFeedsAnnotationsSARIFJSONAndText() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let sarif = dir.appendingPathComponent("deploylint.sarif")
    let json = dir.appendingPathComponent("report.json")
    let text = dir.appendingPathComponent("report.txt")
    let r = run([
      "--format", "github", "--sarif-output", sarif.path, "--json-output", json.path, "--text-output",
      text.path,
      "--automation-id", "services/api", "--fail-on", "warning", kokoro,
    ])
    #expect(r.status == 1)
    let annotations = r.out.split(separator: "\n").filter {
      $0.hasPrefix("::error file=") || $0.hasPrefix("::warning file=") || $0.hasPrefix("::notice file=")
    }
    #expect(annotations.count >= 2, "github format on stdout: \(r.out)")
    #expect(annotations.contains { $0.contains("title=deploylint%3A torch-without-thread-limits") })

    let log = try JSONSerialization.jsonObject(with: Data(try read(sarif).utf8)) as? [String: Any]
    let sarifRun = try #require((log?["runs"] as? [[String: Any]])?.first)
    #expect((sarifRun["automationDetails"] as? [String: Any])?["id"] as? String == "services/api")
    #expect((sarifRun["results"] as? [Any])?.count == annotations.count)

    let report = try JSONSerialization.jsonObject(with: Data(try read(json).utf8)) as? [String: Any]
    #expect((report?["findings"] as? [Any])?.count == annotations.count)

    let plain = try read(text)
    #expect(plain.contains("warning[torch-without-thread-limits]"))
    #expect(!plain.contains("\u{1B}["), "files never get colour")
    let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    #expect(left == ["deploylint.sarif", "report.json", "report.txt"], "no temporary file left: \(left)")
  }

  @Test func outputAndExtraOutputsTogether() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let main = dir.appendingPathComponent("main.json")
    let sarif = dir.appendingPathComponent("x.sarif")
    let r = run([
      "--format", "json", "--output", main.path, "--sarif-output", sarif.path, "--fail-on", "none", kokoro,
    ])
    #expect(r.status == 0)
    #expect(r.out.isEmpty)
    #expect(try read(main).hasPrefix("{\n  \"version\": 2,"))
    #expect(try read(sarif).contains("\"version\": \"2.1.0\""))
    #expect(!(try read(sarif)).contains("automationDetails"), "no automation id unless asked")
  }

  @Test func extraOutputsNeverChangeTheExitStatus() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let extras = [
      "--sarif-output", dir.appendingPathComponent("a.sarif").path,
      "--json-output", dir.appendingPathComponent("a.json").path,
      "--text-output", dir.appendingPathComponent("a.txt").path,
      "--gitlab-output", dir.appendingPathComponent("gl.json").path,
      "--junit-output", dir.appendingPathComponent("junit.xml").path,
      "--checkstyle-output", dir.appendingPathComponent("checkstyle.xml").path,
    ]
    for target in [kokoro, kokoroFixed] {
      for failOn in ["warning", "none"] {
        let plain = run(["--fail-on", failOn, target]).status
        #expect(run(["--format", "github", "--fail-on", failOn] + extras + [target]).status == plain)
      }
    }
  }

  @Test func outputFileConflictsAndWriteErrorsAreUsageErrors() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let same = dir.appendingPathComponent("same").path
    let twice = run(["--sarif-output", same, "--json-output", same, kokoro])
    #expect(twice.status == 2)
    #expect(twice.err.contains("is named by both --sarif-output and --json-output"))
    #expect(run(["--output", same, "--text-output", same, kokoro]).status == 2)
    let unwritable = run(["--sarif-output", dir.appendingPathComponent("missing/x.sarif").path, kokoro])
    #expect(unwritable.status == 2)
    #expect(unwritable.err.contains("cannot write"))
    #expect(unwritable.out.isEmpty, "nothing printed before the write error")
  }

  @Test func stepSummaryIsAppendedOnlyForTheGitHubFormat() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let summary = dir.appendingPathComponent("summary.md")
    try Data("previous step\n".utf8).write(to: summary)
    let environment = ["GITHUB_STEP_SUMMARY": summary.path]
    #expect(run(["--fail-on", "none", kokoro], environment: environment).status == 0)
    #expect(try read(summary) == "previous step\n", "text format leaves the summary alone")
    #expect(run(["--format", "github", "--fail-on", "none", kokoro], environment: environment).status == 0)
    let written = try read(summary)
    #expect(written.hasPrefix("previous step\n## deploylint\n"))
    #expect(written.contains("| kokoro-railway-free | torch-without-thread-limits | warning | 1 |"))
  }

  @Test func unwritableStepSummaryWarnsButKeepsTheStatus() {
    let environment = ["GITHUB_STEP_SUMMARY": "/nonexistent/deploylint/summary.md"]
    let r = run(["--format", "github", "--fail-on", "warning", kokoro], environment: environment)
    #expect(r.status == 1)
    #expect(r.err.contains("cannot append to GITHUB_STEP_SUMMARY"))
  }
}

/// `deploylint config`: each effective value with the layer it came from.
@Suite struct ConfigCommandTests {
  @Test func showsEachValueWithItsOrigin() {
    let fixture = RepositoryPaths.repo("Fixtures/memolist-pi-tier3").path
    let console = Console(isTerminal: false, environment: ["DEPLOYLINT_FAIL_ON": "warning"])
    let status = DeploylintMain.run(["config", fixture], console: console)
    #expect(status == 0)
    let lines = console.out.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("configuration file: ") == true)
    #expect(lines.first?.hasSuffix("Fixtures/memolist-pi-tier3/.deploylint.yml") == true)
    #expect(lines.contains("format: text  (built-in default)"))
    #expect(
      lines.contains { $0.hasPrefix("fail-on: warning") && $0.contains("DEPLOYLINT_FAIL_ON") }, "\(lines)")
    #expect(
      lines.contains { $0.hasPrefix("host-memory: 4 GiB") && $0.contains(".deploylint.yml:3") }, "\(lines)")
  }

  @Test func theCommandLineWinsOverTheEnvironment() {
    // An error on a declared plan (kokoro's plan is assumed: a warning since issue 14).
    let fixture = RepositoryPaths.repo("Fixtures/railway-declared-plan-torch").path
    let console = Console(isTerminal: false, environment: ["DEPLOYLINT_FAIL_ON": "none"])
    #expect(DeploylintMain.run(["--fail-on", "error", fixture], console: console) == 1)
    let quiet = Console(isTerminal: false, environment: ["DEPLOYLINT_FAIL_ON": "none"])
    #expect(DeploylintMain.run([fixture], console: quiet) == 0)
  }
}
