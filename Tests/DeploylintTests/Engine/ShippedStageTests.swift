import DeploylintCore
import DeploylintEngine
import DeploylintReporters
import Foundation
import Testing

/// What ships in the image a platform runs (issue 15 item 1) and what the
/// build's `ARG`s, build arguments and `ENV`s make a `RUN` install (item 2),
/// on small repositories written for these tests.
@Suite struct ShippedStageTests {
  static func assemble(_ files: [(String, String)]) -> Project { ComposeAssemblyTests.assemble(files) }
  static func findings(_ project: Project) -> [Finding] { Analyzer(toolVersion: "test").check(project) }

  static let render = """
    services:
      - type: web
        name: api
        runtime: docker
        plan: free

    """

  static func exporter(final copy: String) -> String {
    """
    FROM python:3.12 AS exporter
    RUN pip install torch onnx
    COPY export.py .
    RUN python export.py --out /export/model.onnx
    FROM python:3.12-slim
    RUN pip install onnxruntime fastapi
    \(copy)
    CMD ["uvicorn", "app:api"]
    """
  }

  @Test func torchOfAnExportStageDoesNotShipWhenOnlyTheModelIsCopied() throws {
    let project = Self.assemble([
      ("render.yaml", Self.render),
      ("Dockerfile", Self.exporter(final: "COPY --from=exporter /export/model.onnx /app/model.onnx")),
    ])
    let api = try #require(project.services.first)
    #expect(api.python.packages.map(\.name) == ["onnxruntime", "fastapi"])
    let torchRules: Set = [
      "torch-without-thread-limits", "ml-runtime-exceeds-memory", "cuda-wheels-on-cpu-platform",
    ]
    #expect(Self.findings(project).filter { torchRules.contains($0.ruleID) }.isEmpty)
  }

  @Test func torchShipsWhenItsEnvironmentIsCopiedAndTheCopyLineIsEvidence() throws {
    let dockerfile = """
      FROM python:3.12 AS builder
      RUN python -m venv /opt/venv
      RUN /opt/venv/bin/pip install torch
      FROM python:3.12-slim
      COPY --from=builder /opt/venv /opt/venv
      CMD ["/opt/venv/bin/python", "serve.py"]
      """
    let project = Self.assemble([("render.yaml", Self.render), ("Dockerfile", dockerfile)])
    let api = try #require(project.services.first)
    let torch = try #require(api.python.packages.first { $0.name == "torch" })
    #expect(torch.span.line == 3)
    #expect(torch.copySpan?.line == 5)
    let finding = try #require(Self.findings(project).first { $0.ruleID == "torch-without-thread-limits" })
    #expect(finding.span.line == 3)
    #expect(finding.message.contains("copied into the image at Dockerfile:5:1"))
    #expect(finding.related.contains { $0.span.line == 5 && $0.message.contains("COPY") })
    // The fix still goes into the stage that ships.
    #expect(finding.edits.first?.span.line == 5)
  }

  @Test(arguments: [
    ("RUN pip install --prefix=/install torch", "COPY --from=builder /install /usr/local"),
    (
      "RUN pip install torch",
      "COPY --from=builder /usr/local/lib/python3.12/site-packages /usr/local/lib/python3.12/site-packages"
    ),
    ("RUN pip install torch", "COPY --from=builder /usr/local /usr/local"),
    ("RUN pip install --user torch", "COPY --from=builder /root/.local /root/.local"),
    // The build copies the project in (a manifest never copied is not read: item 3).
    ("WORKDIR /app\nCOPY pyproject.toml ./\nRUN uv sync", "COPY --from=builder /app /app"),
  ])
  func pythonEnvironmentsCopiedFromAnotherStageShip(_ install: String, _ copy: String) throws {
    let project = Self.assemble([
      ("render.yaml", Self.render),
      ("Dockerfile", "FROM python:3.12 AS builder\n\(install)\nFROM python:3.12-slim\n\(copy)\n"),
      ("pyproject.toml", "[project]\nname = \"api\"\nversion = \"1\"\ndependencies = [\"torch\"]\n"),
    ])
    let api = try #require(project.services.first)
    let torch = try #require(api.python.packages.first { $0.name == "torch" })
    #expect(torch.copySpan != nil)
  }

  @Test func aBinaryCopiedFromTheBuilderShipsNoPackagesButTheBuildStillRuns() throws {
    let dockerfile = """
      FROM python:3.12 AS tools
      RUN pip install torch
      FROM rust:1.82 AS builder
      RUN cargo build --release
      FROM debian:12-slim
      COPY --from=builder /app/target/release/server /usr/local/bin/server
      COPY --from=tools /usr/local/lib/python3.12/site-packages/torch/version.py /srv/version.py
      """
    let project = Self.assemble([
      ("render.yaml", Self.render), ("Dockerfile", dockerfile),
      ("Cargo.toml", "[package]\nname = \"server\"\nversion = \"0.1.0\"\n"),
      ("Cargo.lock", "version = 3\n\n[[package]]\nname = \"server\"\nversion = \"0.1.0\"\n"),
    ])
    let api = try #require(project.services.first)
    // The build memory of the builder stage still counts: buildkit runs it.
    #expect(api.rust?.buildSteps.map(\.span.line) == [4])
    #expect(api.build.recipe?.builtStageIndices == [0, 1, 2])
    // A file of torch's site-packages is part of its environment, so it ships.
    #expect(api.python.packages.map(\.name) == ["torch"])
  }

  static let stages = """
    FROM python:3.12-slim AS base
    RUN pip install fastapi
    FROM base AS web
    ENV OMP_NUM_THREADS=1
    CMD ["uvicorn", "app:api"]
    FROM base AS notebook
    RUN pip install torch jupyterlab
    CMD ["jupyter", "lab"]
    """

  @Test func composeBuildTargetSelectsTheStageThatShips() throws {
    let compose = """
      services:
        web:
          build:
            context: .
            target: web
          mem_limit: 512m
        lab:
          build: .
          mem_limit: 512m

      """
    let project = Self.assemble([("compose.yaml", compose), ("Dockerfile", Self.stages)])
    let web = try #require(project.services.first { $0.name == "web" })
    #expect(web.build.target?.value == "web")
    #expect(web.build.target?.span.line == 5)
    #expect(web.build.recipe?.finalStage?.name == "web")
    #expect(web.python.packages.map(\.name) == ["fastapi"])
    #expect(web.startCommand?.text == "uvicorn app:api")
    #expect(web.environment["OMP_NUM_THREADS"]?.value == "1")
    // `deploylint services --format json` says which line chose the stage.
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(ServicesRenderer.json(project, toolVersion: "t").utf8))
        as? [String: Any])
    let services = try #require(json["services"] as? [[String: Any]])
    let build = try #require(services.first { $0["name"] as? String == "web" }?["build"] as? [String: Any])
    #expect(build["target"] as? String == "web")
    #expect((build["targetLocation"] as? [String: Any])?["line"] as? Int == 5)
    // Without a target the last stage ships.
    let lab = try #require(project.services.first { $0.name == "lab" })
    #expect(lab.build.target == nil)
    #expect(lab.python.packages.map(\.name) == ["fastapi", "torch", "jupyterlab"])
    #expect(lab.startCommand?.text == "jupyter lab")
    let ml = Self.findings(project).filter { $0.ruleID == "ml-runtime-exceeds-memory" }
    #expect(ml.map(\.service) == ["lab"])
  }

  @Test func flyBuildTargetAndBuildArgsDecideWhatIsInstalled() throws {
    let dockerfile = """
      FROM python:3.12-slim AS web
      ARG ML_PKG=onnxruntime
      RUN pip install ${ML_PKG}
      FROM web AS worker
      RUN pip install celery
      """
    let fly = """
      app = "caption"

      [build]
        build-target = "web"

      [build.args]
        ML_PKG = "torch"

      """
    let project = Self.assemble([("fly.toml", fly), ("Dockerfile", dockerfile)])
    let app = try #require(project.services.first)
    #expect(app.build.target?.value == "web")
    #expect(app.build.target?.span.line == 4)
    #expect(app.python.packages.map(\.name) == ["torch"])
    // Located on the reference as written, never on text the build invented.
    let torch = try #require(app.python.packages.first)
    #expect(torch.span == Span(path: "Dockerfile", line: 3, column: 17, endLine: 3, endColumn: 26))
    #expect(app.buildEnvironment["ML_PKG"]?.source == "fly.toml [build.args]")
  }

  @Test func argDefaultsNameTheTorchInstall() throws {
    let dockerfile = """
      FROM python:3.12-slim
      ARG TORCH_PKG=torch
      ARG TORCH_VERSION=2.4.1
      RUN pip install --no-cache-dir ${TORCH_PKG}==${TORCH_VERSION}
      """
    let project = Self.assemble([("render.yaml", Self.render), ("Dockerfile", dockerfile)])
    let api = try #require(project.services.first)
    let torch = try #require(api.python.packages.first)
    #expect(torch.name == "torch")
    #expect(torch.span == Span(path: "Dockerfile", line: 4, column: 32, endLine: 4, endColumn: 44))
    let finding = try #require(Self.findings(project).first { $0.ruleID == "torch-without-thread-limits" })
    #expect(finding.span == torch.span)
  }

  @Test func composeBuildArgsReplaceTheArgDefault() throws {
    let dockerfile = "FROM python:3.12-slim\nARG ML_PKG=onnxruntime\nRUN pip install $ML_PKG\n"
    func packages(_ build: String) throws -> [String] {
      let compose = "services:\n  api:\n    build:\n\(build)    mem_limit: 512m\n"
      let project = Self.assemble([
        ("compose.yaml", compose), ("Dockerfile", dockerfile), (".env", "ML=torch\n"),
      ])
      return try #require(project.services.first).python.packages.map(\.name)
    }
    #expect(try packages("      context: .\n") == ["onnxruntime"])
    #expect(try packages("      context: .\n      args:\n        ML_PKG: ${ML}\n") == ["torch"])
    #expect(
      try packages("      context: .\n      args:\n        - ML_PKG=tflite-runtime\n") == ["tflite-runtime"])
    // An argument no ARG declares is not consumed.
    #expect(try packages("      context: .\n      args:\n        PKG: torch\n") == ["onnxruntime"])
  }

  @Test func aGlobalArgNotRedeclaredInTheStageInstallsNothing() throws {
    let dockerfile = "ARG PKG=torch\nFROM python:3.12-slim\nRUN pip install $PKG fastapi\n"
    let project = Self.assemble([("render.yaml", Self.render), ("Dockerfile", dockerfile)])
    #expect(try #require(project.services.first).python.packages.map(\.name) == ["fastapi"])
  }

  @Test func aTargetNoStageIsNamedIsShownAsAFailingBuild() throws {
    let compose = "services:\n  web:\n    build:\n      context: .\n      target: prod\n    mem_limit: 512m\n"
    let project = Self.assemble([("compose.yaml", compose), ("Dockerfile", Self.stages)])
    let web = try #require(project.services.first)
    #expect(web.build.target?.value == "prod")
    #expect(web.build.recipe?.targetIndex == nil)
    #expect(
      ServicesRenderer.text(project).contains(
        "target stage prod (compose.yaml:5), which no stage of the Dockerfile is named: the build fails"))
  }

  @Test func aStageTheTargetDoesNotNeedIsNotBuilt() throws {
    let dockerfile = """
      FROM rust:1.82 AS builder
      RUN cargo build --release
      FROM debian:12-slim AS server
      COPY --from=builder /app/target/release/server /usr/local/bin/server
      FROM rust:1.82 AS bench
      RUN cargo build --release --features bench
      """
    func steps(_ target: String?) throws -> [Int] {
      let build = target.map { "      target: \($0)\n" } ?? ""
      let compose = "services:\n  api:\n    build:\n      context: .\n\(build)    mem_limit: 512m\n"
      let project = Self.assemble([
        ("compose.yaml", compose), ("Dockerfile", dockerfile),
        ("Cargo.toml", "[package]\nname = \"server\"\nversion = \"0.1.0\"\n"),
        ("Cargo.lock", "version = 3\n\n[[package]]\nname = \"server\"\nversion = \"0.1.0\"\n"),
      ])
      return try #require(project.services.first).rust?.buildSteps.map(\.span.line) ?? []
    }
    // `target: server` builds the builder it copies from, not the bench stage.
    #expect(try steps("server") == [2])
    // Without a target buildkit builds the last stage only.
    #expect(try steps(nil) == [6])
  }

  @Test func aLongChainOfStagesStaysLinearPerStage() throws {
    // Each stage is built FROM the previous one and copies /usr/local from
    // the one before: chains are walked once per question, not re-searched.
    var lines = ["FROM python:3.12 AS s0", "RUN pip install torch"]
    for i in 1..<600 {
      lines += ["FROM s\(i - 1) AS s\(i)", "COPY --from=s\(max(0, i - 2)) /usr/local /usr/local"]
    }
    let project = Self.assemble([("render.yaml", Self.render), ("Dockerfile", lines.joined(separator: "\n"))])
    let api = try #require(project.services.first)
    #expect(api.build.recipe?.shippedStageIndices.count == 600)
    #expect(api.python.packages.map(\.name) == ["torch"])
  }
}
