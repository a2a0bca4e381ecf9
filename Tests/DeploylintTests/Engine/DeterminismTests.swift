import DeploylintCore
import DeploylintReporters
import Foundation
import Testing

@testable import DeploylintEngine

/// The same input gives the same bytes in every format, run after run and on
/// one or two parsing threads (`Analyzer.jobs`).
@Suite struct DeterminismTests {
  /// One input of every kind deploylint reads, with findings and a parse error.
  static let inputs: [(String, String)] = {
    var files: [(String, String)] = [
      (
        "render.yaml",
        "services:\n  - type: web\n    name: api\n    runtime: docker\n    plan: free\n"
          + "    dockerfilePath: ./api/Dockerfile\n  - type: worker\n    name: jobs\n    runtime: python\n"
          + "    plan: starter\n    rootDir: jobs\n    startCommand: gunicorn -w 8 app:app\n"
      ),
      (
        "compose.yaml",
        "services:\n  web:\n    build: ./web\n    deploy: {resources: {limits: {memory: 256m}}}\n"
      ),
      (
        "web/Dockerfile",
        "FROM node:22\nCOPY . .\nRUN npm ci && npm run build\nCMD [\"node\", \"dist/index.js\"]\n"
      ),
      (
        "web/package.json",
        "{\"name\": \"web\", \"scripts\": {\"build\": \"next build\", \"start\": \"node x\"}}"
      ),
      ("api/Dockerfile", "FROM python:3.12\nRUN pip install torch\nCMD python -m api\n"),
      ("api/.dockerignore", "*.md\n"),
      ("api/app.py", "import torch\n"),
      ("jobs/requirements.txt", "torch==2.3.0\ngunicorn\n"),
      ("jobs/Procfile", "web: gunicorn -w 4 app:app\n"),
      ("rail/railway.json", "{\"deploy\": {\"startCommand\": \"node index.js\"}}"),
      ("rail/railway.toml", "[deploy]\nstartCommand = \"node index.js\"\n"),
      ("fly/fly.toml", "app = \"f\"\n[[vm]]\nmemory = \"256mb\"\n"),
      ("fly/Dockerfile", "FROM rust:1\nRUN cargo build --release\n"),
      ("fly/Cargo.toml", "[package]\nname = \"f\"\nversion = \"0.1.0\"\n"),
      ("fly/Cargo.lock", "version = 3\n[[package]]\nname = \"f\"\nversion = \"0.1.0\"\n"),
      ("heroku/app.json", "{\"formation\": {\"web\": {\"size\": \"basic\"}}}"),
      ("heroku/Procfile", "web: node server.js\n"),
      ("pm2/ecosystem.config.js", "module.exports = { apps: [{ name: 'a', instances: 4 }] }\n"),
      ("pm2b/ecosystem.config.json", "{\"apps\": [{\"name\": \"b\", \"instances\": 2}]}"),
      ("pm2c/pm2.yaml", "apps:\n  - name: c\n    instances: 3\n"),
      ("py/pyproject.toml", "[project]\nname = \"p\"\ndependencies = [\"torch\"]\n"),
      ("py/poetry.lock", "[[package]]\nname = \"torch\"\nversion = \"2.3.0\"\n"),
      ("py/uv.lock", "version = 1\n[[package]]\nname = \"numpy\"\nversion = \"2.0.0\"\n"),
      ("py/.env", "OMP_NUM_THREADS=1\n"),
      ("rail/railpack.json", "{\"deploy\": {\"startCommand\": \"node index.js\"}}"),
      ("rail/nixpacks.toml", "[start]\ncmd = \"node index.js\"\n"),
      ("dokku/DOKKU_SCALE", "web=1\n"),
      ("dokku/Procfile", "web: node server.js\n"),
      ("heroku/heroku.yml", "build:\n  docker:\n    web: Dockerfile\n"),
      ("render-staging.yaml", "services: []\n"),
      ("rails/config/puma.rb", "workers ENV.fetch(\"WEB_CONCURRENCY\") { 3 }\nthreads 5, 5\n"),
      ("rails/config/sidekiq.yml", ":concurrency: 5\n"),
      ("rails/Gemfile.lock", "GEM\n  specs:\n    puma (7.1.0)\n      nio4r (~> 2.0)\n"),
      ("rails/Procfile", "web: bundle exec puma -C config/puma.rb\nworker: bundle exec sidekiq\n"),
      ("gun/gunicorn.conf.py", "workers = 4\npreload_app = True\n"),
      ("php/www.conf", "[www]\npm.max_children = 20\n"),
      ("jobs/celeryconfig.py", "worker_concurrency = 8\n"),
      ("jobs/airflow.cfg", "[celery]\nworker_concurrency = 16\n"),
      ("jobs/src/queue.ts", "import { Worker } from 'bullmq'\nnew Worker('q', run, { concurrency: 4 })\n"),
      ("jobs/run.sh", "#!/bin/sh\nexport OMP_NUM_THREADS=1\nexec celery -A tasks worker -c 2\n"),
      ("broken/Dockerfile", "FROM x\nRUN <<EOF\n"),
      ("broken/render.yaml", "services: [\n"),
    ]
    for i in 0..<30 {
      files.append(("svc\(i)/Dockerfile", "FROM python:3.12\nRUN pip install torch numpy\n"))
      files.append(("svc\(i)/requirements.txt", "torch\n"))
    }
    return files
  }()

  @Test func sameBytesEveryRunAndThreadCount() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "deploylint-determinism-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    for (path, text) in Self.inputs {
      let url = root.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    var outputs: [String: String] = [:]
    for jobs in [1, 2, 1, 2, 2] {
      var analyzer = Analyzer(toolVersion: "0.0.0-test")
      analyzer.jobs = jobs
      let report = analyzer.scan(roots: [(root.path, "repo")])
      #expect(report.findings.count >= 3)
      for format in OutputFormat.allCases {
        let options = ReporterOptions(sourceRoot: "/src")
        let bytes = DeploylintReporters.reporter(for: format).render(report, options: options)
        if let first = outputs[format.rawValue] {
          #expect(bytes == first, "\(format) differs with \(jobs) job(s)")
        } else {
          outputs[format.rawValue] = bytes
        }
      }
    }
    #expect(outputs.count == OutputFormat.allCases.count)
  }

  /// The parallel parse merges per-file workspaces: a table or a field lost
  /// by `Workspace.absorb` would be empty here and differ from the serial parse.
  @Test func parallelParseKeepsEveryProperty() {
    let inputs =
      Self.inputs.compactMap { path, text -> InputFile? in
        guard let kind = FileKind.classify(fileName: path.baseName) else { return nil }
        return InputFile(relativePath: path, displayPath: path, kind: kind, bytes: Array(text.utf8))
      } + [
        InputFile(
          relativePath: ".deploylint.yml", displayPath: ".deploylint.yml", kind: .deploylintConfig,
          bytes: Array("host:\n  memory: 4g\n".utf8))
      ]
    let covered = Set(inputs.map(\.kind))
    #expect(covered.isSuperset(of: FileKind.allCases))
    let serial = Workspace.parse(inputs, jobs: 1)
    let parallel = Workspace.parse(inputs, jobs: 2)
    // Every input kind filled its table, and both parses hold the same rows.
    #expect(serial.inputs.inventory.count >= 14)
    #expect(serial.inputs.inventory == parallel.inputs.inventory)
    let a = Mirror(reflecting: serial).children
    let b = Mirror(reflecting: parallel).children
    #expect(a.count == b.count)
    for (x, y) in zip(a, b) where x.label != "inputs" {
      if let cx = x.value as? any Collection, let cy = y.value as? any Collection {
        #expect(cx.count == cy.count, "Workspace.\(x.label ?? "?")")
      } else {
        #expect(String(describing: x.value) == String(describing: y.value), "Workspace.\(x.label ?? "?")")
      }
    }
    #expect(serial.paths(of: .dockerfile) == parallel.paths(of: .dockerfile))
    #expect(serial.diagnostics.map(\.span) == parallel.diagnostics.map(\.span))
  }
}
