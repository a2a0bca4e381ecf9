import DeploylintCLI
import DeploylintCore
import DeploylintEngine
import DeploylintParsers
import DeploylintReporters
import Foundation
import Testing

/// Configuration layering, suppressions, baselines, init and fix.
@Suite struct AdoptionTests {
  static func input(_ path: String, _ text: String) -> InputFile {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    return InputFile(
      relativePath: path, displayPath: path, kind: FileKind.classify(fileName: name)!, bytes: Array(text.utf8)
    )
  }

  static let torchDockerfile = "FROM python:3.12-slim\nRUN pip install torch\nCMD [\"python\", \"app.py\"]\n"

  static func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "deploylint-adopt-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

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

  @Test(arguments: [
    ("Dockerfile", "RUN x # deploylint: disable=a,b -- why\n"),
    ("render.yaml", "  plan: free  # deploylint: disable=a,b -- why\n"),
    ("fly.toml", "memory = '1gb' # deploylint: disable=a,b -- why\n"),
    ("Procfile", "# deploylint: disable=a,b -- why\n"),
    ("requirements.txt", "torch # deploylint: disable=a,b -- why\n"),
    (".env", "A=1 # deploylint: disable=a,b -- why\n"),
  ])
  func parsesSuppressions(_ path: String, _ text: String) throws {
    let found = SuppressionScanner.scan(SourceFile(path: path, text: text))
    let s = try #require(found.first)
    #expect(s.ids == ["a", "b"])
    #expect(s.reason == "why")
    #expect(!s.fileWide)
    #expect(s.span.line == 1)
    #expect(
      s.span.column
        == (text.unicodeScalars.firstIndex(of: "#").map {
          text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: $0)
        } ?? 0) + 1)
  }

  @Test func fileWideWithoutReason() throws {
    let s = try #require(
      SuppressionScanner.scan(SourceFile(path: "Dockerfile", text: "# deploylint: disable-file=x\n")).first)
    #expect(s.fileWide)
    #expect(s.reason == nil)
  }

  @Test func suppressionSilencesAndReportsNoReasonAndUnused() {
    let text =
      "FROM python:3.12-slim\n# deploylint: disable=torch-without-thread-limits\nRUN pip install torch\n"
      + "# deploylint: disable=workers-multiply-memory -- nothing here\n"
    let analyzer = Analyzer(toolVersion: "t")
    let findings = analyzer.analyze([Self.input("Dockerfile", text)], rootName: "x").findings
    #expect(!findings.contains { $0.ruleID == "torch-without-thread-limits" })
    #expect(findings.contains { $0.ruleID == "suppression-without-reason" && $0.span.line == 2 })
    #expect(
      findings.contains { $0.ruleID == "unused-suppression" && $0.span.line == 4 && $0.span.column == 1 })
    let plain = analyzer.analyze([Self.input("Dockerfile", Self.torchDockerfile)], rootName: "x").findings
    #expect(plain.contains { $0.ruleID == "torch-without-thread-limits" })
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
    let findings = analyzer.analyze([Self.input("Dockerfile", Self.torchDockerfile)], rootName: "x").findings
    let torch = try #require(findings.first { $0.ruleID == "torch-without-thread-limits" })
    #expect(torch.severity == .note)
    var off = config
    off.rules[0].severity = Located("off", span: off.rules[0].id.span)
    let silent = Analyzer(toolVersion: "t", configuration: off).analyze(
      [Self.input("Dockerfile", Self.torchDockerfile)], rootName: "x"
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
    let folder = try Self.temporaryFolder()
    try text.write(toFile: folder + "/.deploylint.yml", atomically: true, encoding: .utf8)
    try Self.torchDockerfile.write(toFile: folder + "/Dockerfile", atomically: true, encoding: .utf8)
    let console = Console()
    let status = DeploylintMain.run([folder], console: console)
    #expect(status == 2)
    #expect(console.err.contains(".deploylint.yml:\(line):\(column):"), "\(console.err)")
    #expect(console.err.contains(words), "\(console.err)")
  }

  @Test func baselineStableWhenUnrelatedLinesAreInserted() throws {
    let folder = try Self.temporaryFolder()
    try Self.torchDockerfile.write(toFile: folder + "/Dockerfile", atomically: true, encoding: .utf8)
    let console = Console()
    #expect(
      DeploylintMain.run(
        [folder, "--write-baseline", folder + "/b.json", "--fail-on", "none"], console: console) == 0)
    let moved =
      "FROM python:3.12-slim\n# a comment\n\nLABEL a=b\nRUN pip install torch\nCMD [\"python\", \"app.py\"]\n"
    try moved.write(toFile: folder + "/Dockerfile", atomically: true, encoding: .utf8)
    let again = Console()
    #expect(
      DeploylintMain.run([folder, "--baseline", folder + "/b.json", "--format", "json"], console: again) == 0)
    #expect(again.out.contains("\"findings\": []") || again.out.contains("\"findings\":[]"), "\(again.out)")
    #expect(again.out.contains("\"baselined\""))
    try "FROM python:3.12-slim\n".write(toFile: folder + "/Dockerfile", atomically: true, encoding: .utf8)
    let fixed = Console()
    _ = DeploylintMain.run([folder, "--baseline", folder + "/b.json"], console: fixed)
    #expect(fixed.out.contains("0 findings baselined"), "\(fixed.out)")
    #expect(!fixed.out.contains(" 0 stale entries"), "\(fixed.out)")
  }

  @Test func initListsServicesAndRefusesToOverwrite() throws {
    let folder = try Self.temporaryFolder()
    try "{\"build\": {\"builder\": \"DOCKERFILE\"}}\n".write(
      toFile: folder + "/railway.json", atomically: true, encoding: .utf8)
    try Self.torchDockerfile.write(toFile: folder + "/Dockerfile", atomically: true, encoding: .utf8)
    let console = Console()
    #expect(DeploylintMain.run(["init", folder], console: console) == 0)
    let text = try String(contentsOfFile: folder + "/.deploylint.yml", encoding: .utf8)
    #expect(text.contains("#     platform: railway"))
    #expect(text.contains("# services:"))
    #expect(DeploylintMain.run(["init", folder], console: Console()) == 2)
    #expect(DeploylintMain.run(["init", folder, "--force"], console: Console()) == 0)
    #expect(
      DeploylintMain.run([folder, "--fail-on", "none"], console: Console()) == 0, "the starter file parses")
  }

  @Test func fixAppliesAndIsIdempotent() throws {
    let folder = try Self.temporaryFolder()
    let source = RepositoryPaths.repo("Fixtures/kokoro-railway-free").path
    for name in try FileManager.default.contentsOfDirectory(atPath: source) {
      try FileManager.default.copyItem(atPath: source + "/" + name, toPath: folder + "/" + name)
    }
    let dry = Console()
    #expect(DeploylintMain.run(["fix", folder, "--dry-run"], console: dry) == 0)
    #expect(dry.out.contains("+ENV OMP_NUM_THREADS=1"), "\(dry.out)")
    let before = try String(contentsOfFile: folder + "/Dockerfile", encoding: .utf8)
    #expect(!before.contains("OMP_NUM_THREADS"), "dry run writes nothing")
    #expect(DeploylintMain.run(["fix", folder], console: Console()) == 0)
    let after = try String(contentsOfFile: folder + "/Dockerfile", encoding: .utf8)
    #expect(after.contains("OMP_NUM_THREADS=1"))
    #expect(DeploylintMain.run(["fix", folder], console: Console()) == 0)
    #expect(try String(contentsOfFile: folder + "/Dockerfile", encoding: .utf8) == after, "idempotent")
    let check = Console()
    _ = DeploylintMain.run([folder, "--format", "json"], console: check)
    #expect(!check.out.contains("torch-without-thread-limits"))
  }

  /// The Next.js fixture (seed 002): `fix` lowers the heap flag to the computed
  /// value; afterwards no error is left, so the default gate passes.
  @Test func nextjsFixtureIsFixedThenPassesTheGate() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let source = RepositoryPaths.repo("Fixtures/nextjs-pm2-1gb-host").path
    for name in try FileManager.default.contentsOfDirectory(atPath: source) {
      try FileManager.default.copyItem(atPath: source + "/" + name, toPath: folder + "/" + name)
    }
    #expect(DeploylintMain.run([folder], console: Console()) == 1, "the heap flag is an error before the fix")
    #expect(DeploylintMain.run(["fix", folder], console: Console()) == 0)
    let ecosystem = try String(contentsOfFile: folder + "/ecosystem.config.js", encoding: .utf8)
    #expect(ecosystem.contains("--max-old-space-size=768"))
    #expect(!ecosystem.contains("1536"))
    let check = Console()
    #expect(DeploylintMain.run([folder, "--format", "json"], console: check) == 0, "no error left")
    #expect(!check.out.contains("\"node-heap-exceeds-memory\""))
  }

  @Test func overlappingEditsAreSkipped() throws {
    let s = SourceFile(path: "f", text: "abcdef\n")
    let e1 = TextEdit(span: Span(path: "f", line: 1, column: 1, endLine: 1, endColumn: 4), replacement: "X")
    let e2 = TextEdit(span: Span(path: "f", line: 1, column: 3, endLine: 1, endColumn: 5), replacement: "Y")
    let r = try FixApplier.apply([e1, e2, e1], to: s, bytes: Array("abcdef\n".utf8))
    #expect(r.bytes == Array("Xdef\n".utf8))
    #expect(r.skipped == [e2])
  }

  @Test func planOverridesReachTheCatalog() {
    let row = Plan(.render, "team-xl", "XL", memory: 64 << 30, cpus: 8, source: "s", checked: "")
    #expect(PlanCatalog.plan(.render, "team-xl", overrides: [row])?.memory == 64 << 30)
    #expect(PlanCatalog.plan(.render, "team-xl") == nil)
  }
}
