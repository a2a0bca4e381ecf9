import DeploylintCore
import DeploylintEngine
import Testing

/// Each platform resolved as the platform resolves it (issue 14 item 2), with
/// a triggering and a clean twin per case, all written for these tests.
@Suite struct PlatformResolutionTests {
  static func assemble(_ files: [(String, String)], hostMemory: Int64? = nil) -> Project {
    ComposeAssemblyTests.assemble(files, hostMemory: hostMemory)
  }

  static func findings(_ project: Project) -> [Finding] {
    Analyzer(toolVersion: "test").check(project)
  }

  static let torch = "fastapi\ntorch==2.4.1\n"
  /// The service's code, importing torch: the evidence that PyTorch runs (issue 15 item 7).
  static let app = ("app.py", "import torch\n")

  // MARK: Render

  static func staticSite(runtime: String) -> String {
    """
    services:
      - type: web
        name: site
        \(runtime)
        plan: free
        buildCommand: npm ci && npm run build
        envVars:
          - key: NODE_OPTIONS
            value: --max-old-space-size=4096

    """
  }

  @Test(arguments: ["runtime: static", "env: static"])
  func staticSiteHasNoInstance(_ runtime: String) {
    let project = Self.assemble([("render.yaml", Self.staticSite(runtime: runtime))])
    #expect(project.services.isEmpty)
    #expect(Self.findings(project).filter { $0.ruleID == "node-heap-exceeds-memory" }.isEmpty)
  }

  @Test func legacyStaticTypeHasNoInstance() {
    let yaml = Self.staticSite(runtime: "runtime: node").replacing("type: web", with: "type: static")
    #expect(Self.assemble([("render.yaml", yaml)]).services.isEmpty)
  }

  @Test func nodeWebServiceWithTheSameHeapIsJudged() throws {
    let project = Self.assemble([("render.yaml", Self.staticSite(runtime: "runtime: node"))])
    #expect(project.services.map(\.name) == ["site"])
    let finding = try #require(Self.findings(project).first { $0.ruleID == "node-heap-exceeds-memory" })
    #expect(finding.severity == .error)
  }

  static func keyValueThenWeb(plan: String) -> String {
    """
    services:
      - type: keyvalue
        name: cache
        plan: free
        ipAllowList: []
      - type: web
        name: api
        runtime: python
        plan: \(plan)
        buildCommand: pip install -r requirements.txt
        startCommand: uvicorn main:app

    """
  }

  @Test func keyValueEntryIsNotAProcessAndItsPlanDoesNotLeak() throws {
    let project = Self.assemble([
      ("render.yaml", Self.keyValueThenWeb(plan: "standard")), ("requirements.txt", Self.torch),
    ])
    #expect(project.services.map(\.name) == ["api"])
    #expect(project.services.first?.plan?.value == "standard")
    #expect(Self.findings(project).filter { $0.ruleID == "ml-runtime-exceeds-memory" }.isEmpty)
  }

  @Test func webServiceOnItsOwnFreePlanIsJudgedWithItsOwnLine() throws {
    let project = Self.assemble([
      ("render.yaml", Self.keyValueThenWeb(plan: "free")), ("requirements.txt", Self.torch), Self.app,
    ])
    let finding = try #require(Self.findings(project).first { $0.ruleID == "ml-runtime-exceeds-memory" })
    #expect(finding.service == "api")
    #expect(finding.severity == .error)
    #expect(finding.span.line == 9)
  }

  @Test func onlyTheRootRenderYamlIsABlueprint() {
    let blueprint = Self.keyValueThenWeb(plan: "free")
    let project = Self.assemble([
      ("render.yaml", blueprint), ("render-docker.yaml", blueprint.replacing("api", with: "copy")),
      ("old/render.yaml", blueprint.replacing("api", with: "nested")),
      ("requirements.txt", Self.torch),
    ])
    #expect(project.services.map(\.name) == ["api"])
    #expect(project.ignoredFiles.map(\.path).sorted() == ["old/render.yaml", "render-docker.yaml"])
  }

  @Test func rubyRuntimeDoesNotInstallARequirementsFileBesideIt() throws {
    let yaml = """
      services:
        - type: web
          name: web
          runtime: ruby
          plan: free
          buildCommand: bundle install
          startCommand: bundle exec puma

      """
    let project = Self.assemble([("render.yaml", yaml), ("requirements.txt", Self.torch)])
    let web = try #require(project.services.first)
    #expect(web.python.packages.isEmpty)
    #expect(Self.findings(project).filter { $0.ruleID == "ml-runtime-exceeds-memory" }.isEmpty)
  }

  @Test func buildCommandDecidesWhichRequirementsFileIsInstalled() throws {
    let yaml = """
      services:
        - type: web
          name: api
          runtime: python
          plan: standard
          buildCommand: pip install -r requirements-render.txt

      """
    let project = Self.assemble([
      ("render.yaml", yaml), ("requirements.txt", "torch\n"), ("requirements-render.txt", "flask\n"),
    ])
    let api = try #require(project.services.first)
    #expect(api.python.packages.map(\.name) == ["flask"])
    #expect(api.files.contains { $0.path == "requirements.txt" && $0.role == .ignored })
  }

  // MARK: Procfile hosts

  static let railwayJSON = #"{ "build": { "builder": "RAILPACK" } }"#

  @Test func procfileInARailwayServiceIsItsStartCommand() throws {
    let project = Self.assemble([
      ("railway.json", Self.railwayJSON), ("Procfile", "web: uvicorn main:app --port $PORT\n"),
      ("requirements.txt", "fastapi\n"),
    ])
    #expect(project.services.map(\.platform) == [.railway])
    let service = try #require(project.services.first)
    #expect(service.start.links.first?.kind == .procfile)
    #expect(service.startCommand?.text == "uvicorn main:app --port $PORT")
  }

  @Test func procfileBesideRenderOrFlyIsNotAHerokuApp() {
    for other in [("fly.toml", "app = \"a\"\n"), ("render.yaml", Self.keyValueThenWeb(plan: "free"))] {
      let project = Self.assemble([
        other, ("Procfile", "web: gunicorn app:app\n"), ("requirements.txt", Self.torch),
      ])
      #expect(!project.services.contains { $0.platform == .heroku }, "\(other.0)")
    }
  }

  @Test func loneProcfileInventsNoDyno() {
    let project = Self.assemble([("Procfile", "web: gunicorn app:app\n"), ("requirements.txt", Self.torch)])
    #expect(project.services.isEmpty)
    // Said, in the files no platform reads, with the reason.
    #expect(project.ignoredFiles.map(\.path) == ["Procfile"])
    #expect(project.ignoredFiles.first?.reason.contains("no platform is evidenced") == true)
    // And said to the user once, in a note on the first process line.
    let notes = Self.findings(project).filter { $0.ruleID == "procfile-without-platform" }
    #expect(notes.count == 1)
    #expect(notes.first?.severity == .note)
    #expect(notes.first?.span.line == 1)
    #expect(notes.first?.message.contains("(`web`)") == true)
    #expect(notes.first?.help.first?.contains("services:\n  stack:\n    platform: heroku") == true)
  }

  @Test func procfileHostDeclaredInTheConfigurationMakesTheApp() throws {
    let files = [
      ("Procfile", "web: gunicorn app:app --workers 4\nworker: celery -A app worker\n"),
      ("requirements.txt", "flask\n"),
    ]
    let heroku = Self.assemble(files + [(".deploylint.yml", "services:\n  stack:\n    platform: Heroku\n")])
    #expect(heroku.services.map(\.name) == ["stack", "worker"])
    #expect(heroku.services.allSatisfy { $0.platform == .heroku })
    let web = try #require(heroku.services.first)
    #expect(web.platformEvidence?.provenance == .declared)
    #expect(web.platformEvidence?.span?.path == ".deploylint.yml")
    // The platform is declared, the dyno size is not: still an assumption.
    #expect(web.runtimeBudget?.provenance == .assumed)
    #expect(heroku.unclaimedProcfiles.isEmpty)
    #expect(!Self.findings(heroku).contains { $0.ruleID == "procfile-without-platform" })
    // Declared for the worker only, it still names the whole app's host.
    let dokku = Self.assemble(
      files + [(".deploylint.yml", "services:\n  worker:\n    platform: dokku\n    memory: 1g\n")])
    #expect(dokku.services.map(\.platform) == [.dokku, .dokku])
    #expect(dokku.services.last?.runtimeBudget?.bytes == Bytes.GiB)
    // A platform that does not start Procfiles by itself is no evidence.
    let compose = Self.assemble(files + [(".deploylint.yml", "services:\n  stack:\n    platform: compose\n")])
    #expect(compose.services.isEmpty)
    #expect(compose.unclaimedProcfiles.map(\.processes) == [["web", "worker"]])
  }

  @Test func appJsonWithHerokuKeysMakesAHerokuApp() throws {
    let project = Self.assemble([
      ("app.json", #"{ "formation": { "web": { "size": "standard-1x" } } }"#),
      ("Procfile", "web: gunicorn app:app\n"), ("requirements.txt", Self.torch),
    ])
    let web = try #require(project.services.first)
    #expect(web.platform == .heroku)
    #expect(web.platformEvidence?.provenance == .declared)
    #expect(web.runtimeBudget?.provenance == .declared)
  }

  @Test func dokkuAppGetsTheHostBudget() throws {
    let files = [
      ("Procfile", "web: gunicorn app:app\nworker: celery -A app worker\n"),
      ("DOKKU_SCALE", "web=1\nworker=2\n"),
      ("requirements.txt", "flask\n"),
    ]
    let unknown = Self.assemble(files)
    #expect(unknown.services.map(\.platform) == [.dokku, .dokku])
    #expect(unknown.services.allSatisfy { $0.runtimeBudget == nil })
    #expect(unknown.services.last?.instances?.value == 2)
    let declared = Self.assemble(files, hostMemory: 2 * Bytes.GiB)
    #expect(declared.services.allSatisfy { $0.runtimeBudget?.bytes == 2 * Bytes.GiB })
  }

  // MARK: Railway builders

  @Test func unknownRailwayPlanWithPyTorchIsAConditionalWarning() throws {
    let project = Self.assemble([
      ("railway.json", Self.railwayJSON), ("requirements.txt", Self.torch), Self.app,
    ])
    let finding = try #require(Self.findings(project).first { $0.ruleID == "ml-runtime-exceeds-memory" })
    #expect(finding.severity == .warning)
    #expect(
      finding.message.hasPrefix(
        "If the service runs on Railway's free plan (0.5 GB, 1 vCPU per service), which deploylint assumes"))
    // The assumption is said once, in the condition, not again where the rule quoted the budget.
    #expect(finding.message.components(separatedBy: "free plan").count == 2)
    #expect(finding.help.contains { $0.contains("services:\n  stack:\n    plan: hobby") })
  }

  @Test func declaredRailwayPlanWithPyTorchIsAnError() throws {
    let project = Self.assemble([
      ("railway.json", Self.railwayJSON), ("requirements.txt", Self.torch), Self.app,
      (".deploylint.yml", "services:\n  stack:\n    plan: free\n"),
    ])
    let finding = try #require(Self.findings(project).first { $0.ruleID == "ml-runtime-exceeds-memory" })
    #expect(finding.severity == .error)
  }

  @Test func railpackJsonHeapFlagAndStartCommandApply() throws {
    let railpack = """
      {
        "$schema": "https://schema.railpack.com",
        "deploy": {
          "startCommand": "node server.js",
          "variables": { "NODE_OPTIONS": "--max-old-space-size=4096" }
        }
      }
      """
    let project = Self.assemble([
      ("railway.json", Self.railwayJSON), ("railpack.json", railpack),
      ("package.json", #"{ "name": "web", "scripts": { "start": "node server.js" } }"#),
    ])
    let service = try #require(project.services.first)
    #expect(service.startCommand?.source == "railpack.json deploy.startCommand")
    #expect(service.environment["NODE_OPTIONS"]?.span.path == "railpack.json")
    let finding = try #require(Self.findings(project).first { $0.ruleID == "node-heap-exceeds-memory" })
    #expect(finding.severity == .warning)
  }

  @Test func railpackJsonWithoutAHeapFlagIsQuiet() {
    let railpack = #"{ "deploy": { "startCommand": "node server.js" } }"#
    let project = Self.assemble([
      ("railway.json", Self.railwayJSON), ("railpack.json", railpack),
      ("package.json", #"{ "name": "web", "scripts": { "start": "node server.js" } }"#),
    ])
    #expect(Self.findings(project).filter { $0.ruleID == "node-heap-exceeds-memory" }.isEmpty)
  }

  @Test func nixpacksInstallPhaseReplacesTheProvidersInstall() throws {
    let nixpacks = """
      [phases.install]
      cmds = ["pip install -r requirements.txt", "pip install torch --index-url https://download.pytorch.org/whl/cpu"]

      [start]
      cmd = "uvicorn main:app"
      """
    let project = Self.assemble([
      ("railway.json", #"{ "build": { "builder": "NIXPACKS" } }"#), ("nixpacks.toml", nixpacks),
      ("requirements.txt", "fastapi\n"),
    ])
    let service = try #require(project.services.first)
    #expect(service.build.builder?.name == "Nixpacks")
    #expect(service.python.packages.map(\.name).sorted() == ["fastapi", "torch"])
    #expect(service.python.packages.first { $0.name == "torch" }?.span.path == "nixpacks.toml")
    #expect(service.startCommand?.text == "uvicorn main:app")
    let rules = Set(Self.findings(project).map(\.ruleID))
    #expect(!rules.contains("cuda-wheels-on-cpu-platform"))
  }

  // MARK: Fly

  static func fly(_ vms: String) -> String {
    """
    app = "beats"

    [processes]
      web = "bin/server"
      worker = "bin/worker"

    \(vms)
    """
  }

  @Test func flyVMBlocksApplyToTheirProcessGroupsWhateverTheirOrder() throws {
    let worker = "[[vm]]\n  memory = \"512mb\"\n  processes = [\"worker\"]\n"
    let web = "[[vm]]\n  size = \"shared-cpu-1x\"\n  memory = \"2gb\"\n  processes = [\"web\"]\n"
    for vms in [worker + "\n" + web, web + "\n" + worker] {
      let project = Self.assemble([("fly.toml", Self.fly(vms))])
      #expect(project.services.map(\.name) == ["beats", "beats-worker"])
      #expect(project.services.map { $0.runtimeBudget?.bytes } == [2 * Bytes.GiB, 512 * Bytes.MiB])
      #expect(project.services.map { $0.startCommand?.text } == ["bin/server", "bin/worker"])
    }
  }

  @Test func flyVMWithoutProcessesAppliesToTheOthersAndDefaultIsDocumented() throws {
    let project = Self.assemble([
      ("fly.toml", Self.fly("[[vm]]\n  memory = \"1gb\"\n  processes = [\"web\"]\n"))
    ])
    let worker = try #require(project.services.last)
    #expect(worker.runtimeBudget?.bytes == 256 * Bytes.MiB)
    #expect(worker.runtimeBudget?.provenance == .documentedDefault)
    let all = Self.assemble([("fly.toml", Self.fly("[[vm]]\n  memory = \"1gb\"\n"))])
    #expect(all.services.allSatisfy { $0.runtimeBudget?.bytes == Bytes.GiB })
  }

  // MARK: Findings

  @Test func oneFindingPerPlaceNamesEveryService() throws {
    let project = Self.assemble([
      ("app.json", #"{ "stack": "heroku-24" }"#),
      ("Procfile", "web: gunicorn app:app\nworker: python worker.py\n"), ("requirements.txt", Self.torch),
    ])
    #expect(project.services.count == 2)
    let findings = Self.findings(project).filter { $0.ruleID == "torch-without-thread-limits" }
    #expect(findings.count == 1)
    #expect(findings.first?.message.contains("`worker`") == true)
  }
}
