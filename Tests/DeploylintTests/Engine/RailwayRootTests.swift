import DeploylintCore
import DeploylintEngine
import DeploylintParsers
import Foundation
import Testing

@testable import DeploylintEngine

/// A Railway service's Root Directory (a dashboard setting, deploy rule
/// `railway-root-directory`): declared in `.deploylint.yml`, or evidenced by
/// what the start command needs; and a Procfile a Dockerfile shadows on
/// Railway (`railway-dockerfile-over-procfile`). Trees written for these tests.
@Suite struct RailwayRootTests {
  static func assemble(_ files: [(String, String)], today: CalendarDate? = nil) -> Project {
    guard let today else { return ComposeAssemblyTests.assemble(files) }
    return ComposeAssemblyTests.assemble(files, today: today)
  }

  static func findings(_ project: Project) -> [Finding] { Analyzer(toolVersion: "test").check(project) }

  static let start = #"{ "deploy": { "startCommand": "uvicorn main:app --port $PORT" } }"#
  /// A root config whose app lives in backend/, which has its own config.
  static let appInBackend = [
    ("railway.json", start), ("requirements.txt", "fastapi\ntorch==2.4.1\n"),
    ("backend/railway.json", start), ("backend/main.py", "import fastapi\n"),
    ("backend/requirements.txt", "fastapi\n"),
  ]

  // MARK: Evidence: what the start command needs

  @Test(arguments: [
    CalendarDate(year: 2026, month: 11, day: 28), CalendarDate(year: 2026, month: 12, day: 7),
  ])
  func rootConfigWhoseModuleIsInAnotherRailwayFolderMakesNoService(_ today: CalendarDate) throws {
    let project = Self.assemble(Self.appInBackend, today: today)
    #expect(project.services.map(\.name) == ["backend"])
    let ignored = try #require(project.ignoredFiles.first { $0.path == "railway.json" })
    #expect(
      ignored.reason.contains(
        "needs `main:app` (main.py), which is not in the repository root but is in `backend/`"))
    #expect(ignored.reason.contains("`services.stack.root: backend`"))
    let findings = Self.findings(project)
    // The root requirements.txt is installed by nothing: no torch finding on it.
    #expect(!findings.contains { $0.span.path == "requirements.txt" })
    // The file is still deprecated config-as-code.
    #expect(findings.contains { $0.ruleID == "deprecated-platform-config" && $0.span.path == "railway.json" })
  }

  @Test func moduleAlsoAtTheRootKeepsBothServices() {
    let project = Self.assemble(Self.appInBackend + [("main.py", "import torch\n")])
    #expect(project.services.map(\.name).sorted() == ["backend", "stack"])
    #expect(project.ignoredFiles.isEmpty)
  }

  @Test func moduleNowhereElseKeepsTheService() {
    // No other Railway folder has main.py: nothing says the root is wrong.
    let project = Self.assemble([("railway.json", Self.start), ("requirements.txt", "fastapi\n")])
    #expect(project.services.map(\.name) == ["stack"])
  }

  @Test func startCommandThatChangesFolderIsResolvedThere() {
    let cd = #"{ "deploy": { "startCommand": "cd backend && uvicorn main:app" } }"#
    let project = Self.assemble(
      [("railway.json", cd)] + Self.appInBackend.filter { $0.0 != "railway.json" })
    #expect(project.services.map(\.name).sorted() == ["backend", "stack"])
  }

  @Test func procfileAndBuilderStartCommandsAreEvidenceToo() {
    let files = [
      ("railway.toml", "[build]\nbuilder = \"RAILPACK\"\n"), ("Procfile", "web: python run.py\n"),
      ("api/railway.toml", "[deploy]\nhealthcheckPath = \"/\"\n"), ("api/run.py", "print(1)\n"),
    ]
    #expect(Self.assemble(files).services.map(\.name) == ["api"])
  }

  @Test(arguments: [
    ("uvicorn main:app --host 0.0.0.0 --port $PORT", ["main.py", "main/__init__.py"]),
    (
      "gunicorn -k uvicorn.workers.UvicornWorker --bind 0.0.0.0:$PORT app.main:app",
      ["app/main.py", "app/main/__init__.py"]
    ),
    ("python -m uvicorn server:api", ["server.py", "server/__init__.py"]),
    ("PYTHONUNBUFFERED=1 exec python3 -u bot.py", ["bot.py"]),
    ("python -m worker", ["worker.py", "worker/__init__.py", "worker/__main__.py"]),
    ("sh start.sh", ["start.sh"]),
  ])
  func startTargetsNameTheFilesACommandNeeds(_ command: String, _ files: [String]) {
    #expect(StartTargets.named(command).map(\.candidates) == [files])
  }

  @Test(arguments: [
    "node server.js", "python $APP", "cd $DIR && python a.py", "python ../up.py", "npm start",
  ])
  func startTargetsNameNothingUnresolvable(_ command: String) {
    #expect(StartTargets.named(command).isEmpty)
  }

  // MARK: Declared root (`services.<name>.root`)

  @Test func declaredRootIsWhereTheBuildReadsAndStarts() throws {
    let project = Self.assemble([
      ("railway.toml", "[deploy]\nhealthcheckPath = \"/\"\n"),
      (".deploylint.yml", "services:\n  stack:\n    root: /api/\n"),
      ("api/requirements.txt", "fastapi\ntorch==2.4.1\n"), ("api/Procfile", "web: uvicorn main:app\n"),
      ("api/main.py", "import torch\n"), ("requirements.txt", "flask\n"),
    ])
    let service = try #require(project.services.first)
    #expect(project.services.count == 1)
    #expect(service.build.root?.provenance == .declared)
    #expect(service.build.root?.span?.path == ".deploylint.yml")
    #expect(service.build.root?.reason.hasPrefix("api:") == true)
    #expect(service.build.contextPath == "api")
    #expect(service.files.contains { $0.path == "api/requirements.txt" && $0.role == .read })
    #expect(!service.files.contains { $0.path == "requirements.txt" })
    #expect(service.startCommand?.span.path == "api/Procfile")
    // The Procfile in a declared Railway root is Railway's: no note.
    #expect(project.unclaimedProcfiles.isEmpty)
  }

  @Test func declaredRootKeepsAConfigTheEvidenceWouldDrop() {
    let project = Self.assemble(
      Self.appInBackend + [(".deploylint.yml", "services:\n  stack:\n    root: backend\n")])
    #expect(project.services.map(\.name).sorted() == ["backend", "stack"])
  }

  @Test(arguments: ["../outside", "api/../../etc", "a\u{7}b"])
  func rootLeavingTheRepositoryIsAConfigurationError(_ root: String) {
    let yaml = "services:\n  api:\n    root: \"\(root)\"\n"
    #expect(throws: ParseError.self) {
      try DeploylintConfig.parse(YAMLReader.read(SourceFile(path: ".deploylint.yml", text: yaml)))
    }
  }

  @Test func rootThatIsNoScannedFolderIsAConfigurationError() throws {
    let inputs = [
      TestInputs.input(".deploylint.yml", "services:\n  stack:\n    root: missing\n"),
      TestInputs.input("railway.json", Self.start), TestInputs.input("missingno/main.py", "x = 1\n"),
    ]
    let errors = Analyzer(toolVersion: "t").analyze(inputs, rootName: "stack").configurationErrors
    let error = try #require(errors.first)
    #expect(
      error.message.contains("`services.stack.root` is `missing`, which is no folder of the repository"))
    #expect(error.span.path == ".deploylint.yml")
    let fine =
      [TestInputs.input(".deploylint.yml", "services:\n  stack:\n    root: missingno\n")] + inputs.dropFirst()
    #expect(Analyzer(toolVersion: "t").analyze(Array(fine), rootName: "stack").configurationErrors.isEmpty)
    // A declaration for a service this tree does not have (a shared file above a
    // scanned subfolder) is not checked here.
    let elsewhere =
      [TestInputs.input(".deploylint.yml", "services:\n  web:\n    root: missing\n")] + inputs.dropFirst()
    #expect(
      Analyzer(toolVersion: "t").analyze(Array(elsewhere), rootName: "stack").configurationErrors.isEmpty)
  }

  @Test func rootOnAServiceOfAnotherPlatformIsAConfigurationError() throws {
    let inputs = [
      TestInputs.input(".deploylint.yml", "services:\n  web:\n    root: api\n"),
      TestInputs.input("render.yaml", "services:\n  - type: web\n    name: web\n    runtime: python\n"),
      TestInputs.input("api/main.py", "x = 1\n"),
    ]
    let errors = Analyzer(toolVersion: "t").analyze(inputs, rootName: "stack").configurationErrors
    #expect(
      errors.map(\.message) == [
        "`services.web.root` declares a Railway service's Root Directory, but `web` is a Render service, "
          + "which takes its folder from its own configuration (Render: `rootDir`)"
      ])
  }

  @Test func rootThatIsALinkOutOfTheRepositoryIsRefused() throws {
    let outside = try HostileInputTests.Tree()
    try outside.write("requirements.txt", "torch==2.4.1\n")
    try outside.write("main.py", "import torch\n")
    let tree = try HostileInputTests.Tree()
    try tree.write("railway.json", Self.start)
    #expect(symlink(outside.root.path, tree.path("linked")) == 0)
    let name = tree.root.lastPathComponent
    try tree.write(".deploylint.yml", "services:\n  \"\(name)\":\n    root: linked\n")
    let r = try HostileInputTests.scan(tree, "root through a link")
    #expect(r.status == 2)
    #expect(r.err.contains("root` is `linked`, which is no folder of the repository"))
    #expect(!r.out.contains("torch"))
  }

  // MARK: A Procfile beside a Dockerfile

  static let dockerfile = "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n"

  @Test func railwayProcfileBesideADockerfileIsNeverRead() throws {
    let project = Self.assemble([
      ("Dockerfile", Self.dockerfile),
      ("Procfile", "# Railway Procfile\nweb: gunicorn app:app --workers 8\n"),
    ])
    #expect(project.unclaimedProcfiles.isEmpty)
    let ignored = try #require(project.ignoredFiles.first { $0.path == "Procfile" })
    #expect(ignored.reason.contains("its comment says it is Railway's (Procfile:1)"))
    #expect(ignored.reason.contains("only Railpack and Nixpacks read a Procfile"))
    #expect(!Self.findings(project).contains { $0.ruleID == "procfile-without-platform" })
  }

  @Test(arguments: [
    "web: gunicorn app:app\n",  // nothing names a host
    "# Heroku or Railway\nweb: gunicorn app:app\n",  // two hosts named: no evidence
    "# railwayish\nweb: gunicorn app:app\n",  // not the word
  ])
  func procfileBesideADockerfileWithoutRailwayEvidenceStillNotes(_ procfile: String) {
    let project = Self.assemble([("Dockerfile", Self.dockerfile), ("Procfile", procfile)])
    #expect(project.unclaimedProcfiles.map(\.path) == ["Procfile"])
    #expect(Self.findings(project).filter { $0.ruleID == "procfile-without-platform" }.count == 1)
  }

  @Test func railwayProcfileWithoutADockerfileStillNotes() {
    // Railpack would read it, but no Railway service is configured: nothing to check it against.
    let project = Self.assemble([("Procfile", "# Railway\nweb: gunicorn app:app\n")])
    #expect(project.unclaimedProcfiles.count == 1)
  }

  @Test func railwayServiceWithADockerfileListsItsProcfileAsIgnored() throws {
    let project = Self.assemble([
      ("railway.json", #"{ "deploy": { "healthcheckPath": "/" } }"#), ("Dockerfile", Self.dockerfile),
      ("Procfile", "web: gunicorn app:app\n"),
    ])
    let service = try #require(project.services.first)
    #expect(service.build.recipe?.path == "Dockerfile")
    let procfile = try #require(service.files.first { $0.path == "Procfile" })
    #expect(procfile.role == .ignored)
    #expect(procfile.reason == PlanCatalog.deployRule("railway-dockerfile-over-procfile").statement)
  }
}
