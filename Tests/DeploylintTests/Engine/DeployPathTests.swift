import DeploylintCore
import DeploylintEngine
import Testing

/// The resolved deploy path of each service (issue 14 item 1): platform and
/// its evidence, budget provenance and the lines that would declare it, the
/// build recipe and why, the start chain, the environments and the files read.
@Suite struct DeployPathTests {
  /// In-memory files assembled as the engine does (root named `stack`).
  static func assemble(_ files: [(String, String)]) -> Project { ComposeAssemblyTests.assemble(files) }

  @Test func railwayDockerServiceHasItsWholePath() throws {
    let project = Self.assemble([
      ("railway.json", #"{ "deploy": { "startCommand": "python server.py" } }"#),
      (
        "Dockerfile",
        "FROM python:3.12\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n"
      ),
      ("requirements.txt", "flask\n"),
    ])
    let service = try #require(project.services.first)
    #expect(service.platformEvidence?.provenance == .declared)
    let budget = try #require(service.runtimeBudget)
    #expect(budget.provenance == .assumed)
    #expect(
      budget.declaration?.lines == ["services:", "  stack:", "    plan: hobby  # free | trial | hobby | pro"])
    #expect(budget.declaration?.dottedPath == "services.stack.plan")
    #expect(service.build.recipeChoice?.provenance == .documentedDefault)
    // The platform's start command replaces the image's CMD, which is kept as replaced.
    #expect(service.start.links.map(\.kind) == [.platformCommand])
    #expect(service.startCommand?.text == "python server.py")
    #expect(service.start.replaced.map(\.link.command.text) == ["python app.py"])
    #expect(service.files.map(\.path) == ["railway.json", "Dockerfile", "requirements.txt"])
    #expect(service.files.allSatisfy { $0.role == .read })
  }

  @Test func renderNativeServiceBuildsWithItsRuntimeAndEnvironment() throws {
    let project = Self.assemble([
      (
        "render.yaml",
        """
        services:
          - type: web
            name: api
            runtime: python
            plan: free
            buildCommand: pip install -r requirements.txt
            startCommand: gunicorn app:app
            envVars:
              - key: WEB_CONCURRENCY
                value: "2"

        """
      ),
      ("requirements.txt", "flask\n"),
    ])
    let api = try #require(project.services.first { $0.name == "api" })
    #expect(api.runtimeBudget?.provenance == .declared)
    #expect(api.build.builder?.name == "Render native runtime `python`")
    #expect(api.build.builder?.evidence.span?.line == 4)
    #expect(api.buildEnvironment["WEB_CONCURRENCY"]?.value == "2")
    #expect(api.environment["WEB_CONCURRENCY"]?.value == "2")
    #expect(api.start.links.first?.kind == .platformCommand)
    #expect(api.files.map(\.path) == ["render.yaml", "requirements.txt"])
  }

  @Test func configDeclarationQuotesWhatYAMLWouldMisread() {
    let declaration = ConfigDeclaration(path: ["services", "web (render.yaml)", "plan"], value: "no")
    #expect(declaration.dottedPath == #"services."web (render.yaml)".plan"#)
    #expect(declaration.lines == ["services:", #"  "web (render.yaml)":"#, #"    plan: "no""#])
    #expect(ConfigDeclaration.yamlKey("1g") == "1g")
    #expect(ConfigDeclaration.yamlKey("-x") == #""-x""#)
  }
}
