import DeploylintCore
import DeploylintEngine
import DeploylintParsers
import DeploylintRules
import Testing

/// Start commands followed into the repository's scripts (issue 15 item 4):
/// the chain ends in the script's process, the script's exports before it
/// join the environment, findings land on the script with the command that
/// runs it as a related location, and a script nothing runs is not read.
@Suite struct StartScriptTests {
  static func assemble(_ files: [(String, String)]) -> Project { ComposeAssemblyTests.assemble(files) }

  static func findings(_ files: [(String, String)], _ id: String) -> [Finding] {
    let rule = RuleRegistry.rule(id)!
    return ExampleRunner.run(files.map { ExampleFile($0.0, $0.1) }, rules: [rule]).findings.filter {
      $0.ruleID == id
    }
  }

  static let render = "services:\n  - type: web\n    name: api\n    runtime: docker\n    plan: starter\n"
  static let dockerfile =
    "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install gunicorn flask\nENTRYPOINT [\"./entrypoint.sh\"]\n"

  static func entrypoint(workers: Int) -> String {
    "#!/bin/sh\nset -e\nflask db upgrade\nexec gunicorn --workers \(workers) app:app\n"
  }

  @Test func entrypointScriptEndsTheChainInItsExecLine() throws {
    let project = Self.assemble([
      ("render.yaml", Self.render), ("Dockerfile", Self.dockerfile),
      ("entrypoint.sh", Self.entrypoint(workers: 4)),
    ])
    let service = try #require(project.services.first)
    #expect(service.start.links.map(\.kind) == [.image, .script, .process])
    #expect(service.processCommand?.text == "gunicorn --workers 4 app:app")
    #expect(service.processCommand?.span.path == "entrypoint.sh")
    #expect(service.processCommand?.span.line == 4)
    #expect(service.workers?.count == 4)
    #expect(service.files.contains { $0.path == "entrypoint.sh" && $0.role == .read })
  }

  @Test func workersFindingLandsOnTheScriptWithTheEntrypointRelated() throws {
    let files = [
      ("render.yaml", Self.render), ("Dockerfile", Self.dockerfile),
      ("entrypoint.sh", Self.entrypoint(workers: 4)),
    ]
    let f = try #require(Self.findings(files, "workers-multiply-memory").first)
    #expect(f.span.path == "entrypoint.sh" && f.span.line == 4)
    let runner = try #require(f.related.first { $0.message.hasPrefix("runs entrypoint.sh") })
    #expect(runner.span.path == "Dockerfile" && runner.span.line == 5)
    #expect(
      Self.findings(
        [
          ("render.yaml", Self.render), ("Dockerfile", Self.dockerfile),
          ("entrypoint.sh", Self.entrypoint(workers: 1)),
        ],
        "workers-multiply-memory"
      ).isEmpty)
  }

  @Test func scriptNobodyRunsIsNotRead() throws {
    let files = [
      ("render.yaml", Self.render),
      (
        "Dockerfile",
        "FROM python:3.12-slim\nCOPY . .\nRUN pip install gunicorn\nCMD [\"gunicorn\", \"-w\", \"1\", \"app:app\"]\n"
      ),
      ("scripts/bench.sh", "#!/bin/sh\nexec gunicorn --workers 8 app:app\n"),
    ]
    let service = try #require(Self.assemble(files).services.first)
    #expect(service.start.links.map(\.kind) == [.image])
    #expect(!service.files.contains { $0.path == "scripts/bench.sh" })
    #expect(Self.findings(files, "workers-multiply-memory").isEmpty)
  }

  @Test func exportsCountOnlyBeforeTheProcess() throws {
    let dockerfile =
      "FROM python:3.12-slim\nRUN pip install torch\nCOPY start.sh /srv/\nCMD [\"sh\", \"/srv/start.sh\"]\n"
    let before = "export OMP_NUM_THREADS=1\nMKL_NUM_THREADS=1\nexport MKL_NUM_THREADS\nexec python serve.py\n"
    let after = "python serve.py\nexport OMP_NUM_THREADS=1 MKL_NUM_THREADS=1\n"
    let clean = try #require(
      Self.assemble([("Dockerfile", dockerfile), ("start.sh", before)]).services.first)
    #expect(clean.environment["OMP_NUM_THREADS"]?.value == "1")
    #expect(clean.environment["OMP_NUM_THREADS"]?.span.line == 1)
    #expect(clean.environment["MKL_NUM_THREADS"]?.source == "exported by start.sh")
    #expect(clean.processCommand?.text == "python serve.py")
    #expect(
      Self.findings([("Dockerfile", dockerfile), ("start.sh", before)], "torch-without-thread-limits").isEmpty
    )

    let late = try #require(Self.assemble([("Dockerfile", dockerfile), ("start.sh", after)]).services.first)
    #expect(late.environment["OMP_NUM_THREADS"] == nil)
    #expect(late.processCommand?.text == "python serve.py")
    #expect(
      Self.findings([("Dockerfile", dockerfile), ("start.sh", after)], "torch-without-thread-limits").count
        == 1)
    // A prefix assignment on the process line counts too.
    let prefixed = try #require(
      Self.assemble([("Dockerfile", dockerfile), ("start.sh", "OMP_NUM_THREADS=2 exec python serve.py\n")])
        .services.first)
    #expect(prefixed.environment["OMP_NUM_THREADS"]?.value == "2")
  }

  @Test func execDollarAtHandsOverToTheImageCommand() throws {
    let dockerfile =
      "FROM python:3.12-slim\nRUN pip install gunicorn\nCOPY docker-entrypoint.sh /usr/local/bin/\n"
      + "ENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD [\"gunicorn\", \"--workers\", \"3\", \"app:app\"]\n"
    let script =
      "#!/bin/bash\nset -euo pipefail\nif [ -n \"${MIGRATE:-}\" ]; then\n  exec alembic upgrade head\nfi\nexec \"$@\"\n"
    let service = try #require(
      Self.assemble([("Dockerfile", dockerfile), ("docker-entrypoint.sh", script)]).services.first)
    #expect(service.start.links.map(\.kind) == [.image, .script, .process])
    #expect(service.processCommand?.text == "gunicorn --workers 3 app:app")
    #expect(service.processCommand?.span.path == "Dockerfile")
    #expect(service.workers?.count == 3)
  }

  @Test func platformCommandsAndShellStrings() throws {
    // Render startCommand through `bash -c`, a script calling a script.
    let files = [
      (
        "render.yaml",
        "services:\n  - type: web\n    name: api\n    runtime: python\n    plan: starter\n"
          + "    startCommand: bash -c \"./bin/boot.sh\"\n"
      ),
      ("requirements.txt", "gunicorn\n"),
      ("bin/boot.sh", "#!/bin/sh\nexport WEB_CONCURRENCY=3\nexec sh bin/serve.sh\n"),
      ("bin/serve.sh", "gunicorn app:app\n"),
    ]
    let service = try #require(Self.assemble(files).services.first)
    #expect(service.start.links.map(\.kind) == [.platformCommand, .script, .script, .process])
    #expect(service.processCommand?.text == "gunicorn app:app")
    #expect(service.environment["WEB_CONCURRENCY"]?.value == "3")
    #expect(service.workers?.count == 3)
  }

  @Test func selfReferenceAndDepthAreBounded() throws {
    let files = [
      ("Procfile", "web: ./loop.sh\n"),
      ("railway.json", "{}\n"),
      ("loop.sh", "#!/bin/sh\nexec ./loop.sh\n"),
    ]
    let service = try #require(Self.assemble(files).services.first)
    #expect(service.start.links.filter { $0.kind == .script }.count == 1)
    var chain: [(String, String)] = [("Procfile", "web: ./s0.sh\n"), ("railway.json", "{}\n")]
    for i in 0..<8 { chain.append(("s\(i).sh", "exec ./s\(i + 1).sh\n")) }
    let deep = try #require(Self.assemble(chain).services.first)
    #expect(deep.start.links.filter { $0.kind == .script }.count == 4)
  }

  @Test func scriptLinesIgnoreCommentsHeredocsAndBlocks() {
    let text = """
      #!/usr/bin/env bash
      # exec gunicorn --workers 9 (a comment)
      cat <<EOF > /tmp/conf
      exec gunicorn --workers 7
      EOF
      if [ "$1" = worker ]; then
        exec celery -A app worker
      fi
      exec uvicorn app:app \\
        --workers 2
      """
    let script = ShellScript.parse(SourceFile(path: "run.sh", text: text))
    #expect(script.shebang == "/usr/bin/env bash")
    #expect(script.lines.map(\.text).contains("exec uvicorn app:app --workers 2"))
    #expect(!script.lines.contains { $0.text.contains("--workers 7") || $0.text.contains("--workers 9") })
    let celery = script.lines.first { $0.text.contains("celery") }
    #expect(celery?.isTopLevel == false)
    let uvicorn = script.lines.last
    #expect(uvicorn?.isTopLevel == true && uvicorn?.span.line == 9 && uvicorn?.span.endLine == 10)
  }
}

/// Script following on other start commands and inputs.
@Suite struct StartScriptEdgeTests {
  @Test func composeCommandAndNodeHeapInAScript() throws {
    let files = [
      (
        "render.yaml",
        "services:\n  - type: web\n    name: web\n    runtime: node\n    plan: free\n    startCommand: ./bin/start.sh\n"
      ),
      ("package.json", #"{"scripts": {"start": "node server.js"}}"#),
      ("bin/start.sh", "#!/bin/sh\nexec node --max-old-space-size=1536 server.js\n"),
    ]
    let f = try #require(StartScriptTests.findings(files, "node-heap-exceeds-memory").first)
    #expect(f.span.path == "bin/start.sh" && f.span.line == 2 && f.span.column == 11)
    #expect(
      f.related.contains {
        $0.span.path == "render.yaml" && $0.message == "runs start.sh: render.yaml startCommand"
      })

    let compose = StartScriptTests.assemble([
      ("compose.yaml", "services:\n  api:\n    build: ./api\n    command: [\"sh\", \"./run.sh\"]\n"),
      ("api/Dockerfile", "FROM python:3.12\nWORKDIR /srv\nCOPY . .\nRUN pip install gunicorn\n"),
      ("api/run.sh", "export WEB_CONCURRENCY=5\nexec gunicorn app:app\n"),
    ])
    let api = try #require(compose.services.first)
    #expect(api.start.links.map(\.kind) == [.platformCommand, .script, .process])
    #expect(api.processCommand?.text == "gunicorn app:app")
    #expect(api.workers?.count == 5)
  }

  @Test func flyProcessesAndRailwayStartCommand() throws {
    let fly = [
      (
        "fly.toml",
        "app = \"shop\"\n[processes]\n  web = \"./bin/web.sh\"\n  worker = \"bash -c 'exec ./bin/worker.sh'\"\n[[vm]]\n  memory = \"512mb\"\n"
      ),
      ("Dockerfile", "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install gunicorn celery\n"),
      ("bin/web.sh", "#!/bin/sh\nexec gunicorn --workers 4 app:app\n"),
      ("bin/worker.sh", "#!/bin/sh\nexec celery -A tasks worker --concurrency 8\n"),
    ]
    let services = StartScriptTests.assemble(fly).services
    let web = try #require(services.first { $0.processCommand?.text.hasPrefix("gunicorn") == true })
    #expect(web.workers?.count == 4)
    let worker = try #require(services.first { $0.processCommand?.text.hasPrefix("celery") == true })
    #expect(worker.start.links.map(\.kind) == [.platformCommand, .script, .process])
    #expect(worker.processCommand?.span.path == "bin/worker.sh")
    let f = try #require(StartScriptTests.findings(fly, "workers-multiply-memory").first)
    #expect(f.span.path == "bin/web.sh")
    #expect(f.related.contains { $0.message == "runs web.sh: fly.toml [processes]" && $0.span.line == 3 })

    let railway = StartScriptTests.assemble([
      ("railway.json", #"{"deploy": {"startCommand": "sh ./go.sh"}}"#),
      ("requirements.txt", "gunicorn\n"),
      ("go.sh", "export WEB_CONCURRENCY=2\ngunicorn app:app\n"),
    ])
    let service = try #require(railway.services.first)
    #expect(service.processCommand?.text == "gunicorn app:app")
    #expect(service.workers?.count == 2)
  }

  @Test func lateExportsGetAHelpOnTheScript() throws {
    let files = [
      (
        "Dockerfile",
        "FROM python:3.12-slim\nRUN pip install torch\nCOPY start.sh /srv/\nCMD [\"sh\", \"/srv/start.sh\"]\n"
      ),
      ("start.sh", "python serve.py\nexport OMP_NUM_THREADS=1\n"),
    ]
    let f = try #require(StartScriptTests.findings(files, "torch-without-thread-limits").first)
    #expect(f.help.contains { $0.hasPrefix("or export them in start.sh before the process starts") })
    #expect(f.related.contains { $0.span.path == "start.sh" && $0.span.line == 1 })
  }

  @Test func longScriptsAreReadOnlySoFar() {
    let text = String(repeating: "echo step\n", count: 20_000) + "exec gunicorn -w 9 app:app\n"
    let script = ShellScript.parse(SourceFile(path: "big.sh", text: text))
    #expect(script.truncated)
    #expect(script.lines.count == ShellScript.maxLines)
    #expect(!script.lines.contains { $0.text.contains("gunicorn") })
  }
}
