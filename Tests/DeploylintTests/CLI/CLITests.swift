import DeploylintCLI
import DeploylintRules
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
    for format in ["text", "json", "sarif", "github"] {
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

  @Test func dumpRejectsWithALocatedError() {
    let path = RepositoryPaths.shared("conformance/buildkit-parser/negative/env_no_value/Dockerfile").path
    let r = run(["dump", path])
    #expect(r.status == 1)
    #expect(r.err.contains("Dockerfile:3:"), "error located at the ENV line: \(r.err)")
  }
}
