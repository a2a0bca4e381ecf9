import DeploylintCLI
import DeploylintCore
import Foundation
import Testing

/// Issue 11 item 3: sizes and counts from the repository never trap. Integer
/// overflow used to end the run with SIGILL (exit 132) on `gunicorn --workers
/// 99999999999999999`, `memory_mb = 9223372036854775807` in fly.toml, compose
/// `replicas: 9999999999` with a 1g limit, two `mem_limit: 8388607t` on a
/// declared host, and Postgres `-c max_connections=2147483647 -c
/// work_mem=8388607TB`. A trap ends the test process, so each case passing is
/// the proof; the findings must also say the value is beyond representation.
@Suite(.serialized) struct HostileArithmeticTests {
  typealias Tree = HostileInputTests.Tree

  static let beyond = "beyond what deploylint can represent"

  static func run(_ arguments: [String]) -> HostileWriteTests.Run {
    HostileWriteTests.run(arguments)
  }

  /// The issue's cases with a rule to fire: a located finding says the value
  /// is beyond what deploylint represents (`rule@line:` matches any column).
  static let issueCases: [(name: String, files: [String: String], at: String)] = [
    (
      "gunicorn workers",
      [
        "Dockerfile": "FROM python:3.12\nCMD gunicorn --workers 99999999999999999 app:app\n",
        "render.yaml": "services:\n  - type: web\n    name: api\n    runtime: docker\n    plan: starter\n",
      ],
      "workers-multiply-memory@2:"
    ),
    (
      "compose replicas",
      [
        "compose.yaml":
          "services:\n  web:\n    image: nginx\n    mem_limit: 1g\n    deploy:\n      replicas: 9999999999\n"
      ],
      "compose-memory-exceeds-host@1:1"
    ),
    (
      "two mem_limits",
      [
        "compose.yaml":
          "services:\n  a:\n    image: nginx\n    mem_limit: 8388607t\n  b:\n    image: nginx\n    mem_limit: 8388607t\n"
      ],
      "compose-memory-exceeds-host@1:1"
    ),
    (
      "postgres",
      [
        "compose.yaml":
          "services:\n  db:\n    image: postgres:16\n    mem_limit: 1g\n"
          + "    command: postgres -c max_connections=2147483647 -c work_mem=8388607TB\n"
      ],
      "postgres-memory-exceeds-limit@5:56"
    ),
  ]

  @Test(arguments: 0..<4)
  func overflowIsALocatedFindingNotATrap(_ index: Int) throws {
    let (name, files, at) = Self.issueCases[index]
    let tree = try Tree()
    for (path, text) in files { try tree.write(path, text) }
    let r = try HostileInputTests.scan(tree, name, ["--host-memory", "4g"])
    #expect(r.status <= 1, "\(name): \(r.err)")
    let finding = r.findings.first { f in
      let l = f["location"] as? [String: Any] ?? [:]
      let location = "\(f["ruleId"] as? String ?? "")@\(l["line"] as? Int ?? 0):\(l["column"] as? Int ?? 0)"
      return at.hasSuffix(":") ? location.hasPrefix(at) : location == at
    }
    let message = try #require(finding?["message"] as? String, "\(name): \(r.locations)")
    #expect(message.contains(Self.beyond), "\(name): \(message)")
  }

  /// fly.toml's `memory_mb = 9223372036854775807` has no rule to fire, but the
  /// budget picture prints it, in every form.
  @Test func flyMemoryBeyondRangeIsShownAsSuch() throws {
    let tree = try Tree()
    try tree.write("fly.toml", "app = \"x\"\n[[vm]]\nmemory_mb = 9223372036854775807\n")
    try tree.write("Dockerfile", HostileInputTests.torchDockerfile)
    let text = Self.run(["budget", tree.root.path])
    #expect(text.status == 0, "\(text.err)")
    #expect(text.out.contains(Self.beyond), "\(text.out)")
    #expect(Self.run(["budget", "--format", "json", tree.root.path]).status == 0)
    #expect(Self.run(["budget", tree.root.path, "--html", tree.path("b.html")]).status == 0)
  }

  /// A compose memory value that is not a byte value used to read as "no
  /// limit" without a word; one beyond 8 EiB too.
  @Test func unreadableMemLimitIsALocatedFinding() throws {
    let tree = try Tree()
    try tree.write(
      "compose.yaml",
      "services:\n  a:\n    image: nginx\n    mem_limit: lots\n  b:\n    image: nginx\n"
        + "    mem_limit: 99999999999999999999g\n")
    let r = try HostileInputTests.scan(tree, "unreadable mem_limit")
    #expect(r.status == 1)
    let messages = r.findings.filter { $0["ruleId"] as? String == "invalid-compose-key" }
      .compactMap { $0["message"] as? String }
    #expect(r.locations.contains("invalid-compose-key@4:16"), "\(r.locations)")
    #expect(r.locations.contains("invalid-compose-key@7:16"), "\(r.locations)")
    #expect(messages.contains { $0.contains("`mem_limit: lots`") && $0.contains("not a byte value") })
    #expect(messages.contains { $0.contains("99999999999999999999g") && $0.contains(Self.beyond) })
  }

  /// Every number a template holds is replaced by each extreme value, and the
  /// tree goes through every format, `budget` (text, JSON, HTML) and `init`.
  static let extremes = [
    "9223372036854775807", "9223372036854775808", "99999999999999999999", "-9223372036854775808", "0", "-1",
    "1e400", "nan", "8388607",
  ]

  static let templates: [[String: String]] = [
    [
      "Dockerfile":
        "FROM python:3.12\nENV WEB_CONCURRENCY=N CARGO_BUILD_JOBS=N\nRUN pip install torch && cargo build -jN\n"
        + "CMD gunicorn -wN --preload app:app\n",
      "render.yaml":
        "services:\n  - type: web\n    name: api\n    runtime: docker\n    plan: Nc-Ng\n    numInstances: N\n",
      "Cargo.lock": "version = 3\n[[package]]\nname = \"api\"\nversion = \"0.1.0\"\n",
      "Cargo.toml": "[package]\nname = \"api\"\nversion = \"0.1.0\"\n[profile.release]\ncodegen-units = N\n",
    ],
    [
      "fly.toml": "app = \"x\"\n[[vm]]\nmemory_mb = N\ncpus = N\n",
      "Dockerfile": "FROM node:20\nCMD node --max-old-space-size=N server.js\n",
    ],
    [
      "compose.yaml":
        "services:\n  api:\n    image: x\n    mem_limit: Nm\n    mem_reservation: Ng\n    cpus: N\n"
        + "    deploy:\n      replicas: N\n  db:\n    image: postgres\n    mem_limit: Nt\n"
        + "    command: postgres -c max_connections=N -c work_mem=NTB -c shared_buffers=NkB\n"
        + "  cache:\n    image: redis\n    mem_limit: Nk\n    command: redis-server --maxmemory Ngb\n"
        + "  other:\n    image: x\n    replicas: N\n    scale: N\n",
      ".deploylint.yml":
        "host: { memory: Ng, cpus: N }\nservices:\n  api: { memory: Nm, cpus: N, build-memory: Ng }\n",
    ],
    [
      "ecosystem.config.js":
        "module.exports = { apps: [{ name: 'web', script: 'server.js', instances: N, exec_mode: 'cluster',\n"
        + "  max_memory_restart: 'NM', node_args: '--max-old-space-size=N' }] }\n",
      "package.json": "{\"scripts\": {\"build\": \"NODE_OPTIONS=--max-old-space-size=N next build\"}}\n",
      "railway.json": "{\"deploy\": {\"numReplicas\": N, \"startCommand\": \"node server.js\"}}\n",
    ],
  ]

  @Test(arguments: 0..<4)
  func extremeNumbersNeverTrap(_ template: Int) throws {
    for value in Self.extremes {
      let tree = try Tree()
      for (path, text) in Self.templates[template] {
        try tree.write(path, text.replacingOccurrences(of: "N", with: value))
      }
      let root = tree.root.path
      let check = try #require(
        HostileInputTests.capped("template \(template), \(value)") { () -> HostileWriteTests.Run in
          Self.run([
            root, "--host-memory", "4g", "--format", "github", "--sarif-output", root + "/r.sarif",
            "--json-output", root + "/r.json", "--text-output", root + "/r.txt", "--gitlab-output",
            root + "/r.gitlab", "--junit-output", root + "/r.xml", "--checkstyle-output", root + "/r.cs",
          ])
        })
      #expect(check.status <= 2, "template \(template), \(value)")
      #expect(Self.run(["budget", root, "--html", root + "/b.html"]).status <= 2)
      #expect(Self.run(["budget", "--format", "json", root]).status <= 2)
      #expect(Self.run(["init", root]).status <= 2)
      #expect(Self.run(["fix", "--dry-run", root]).status <= 2)
    }
  }

  @Test func saturatingHelpers() {
    #expect(Saturating.product(Int64.max, 2) == .max)
    #expect(Saturating.product(Int64.min, 2) == .min)
    #expect(Saturating.product(-3, Int64.max) == .min)
    #expect(Saturating.sum(Int64.max, 1) == .max)
    #expect(Saturating.sum([Int64.max, Int64.max]) == .max)
    #expect(Saturating.difference(.min, 1) == .min)
    #expect(Saturating.int64(.infinity) == .max)
    #expect(Saturating.int64(-.infinity) == .min)
    #expect(Saturating.int64(.nan) == 0)
    #expect(Saturating.int64(9.3e18) == .max)
    #expect(Saturating.quotient(5, 0) == .max)
    #expect(Saturating.parseCount("99999999999999999999") == .max)
    #expect(Saturating.parseCount("-99999999999999999999") == .min)
    #expect(Saturating.parseCount("12a") == nil)
    #expect(Saturating.text(1e300) == "1e+300")
    #expect(Saturating.text(2) == "2")
    #expect(Bytes.format(.max, .decimal) == "over 8 EiB (beyond what deploylint can represent)")
    #expect(Bytes.format(Int64.max - 1, .decimal) == "9223372036855 MB")
    #expect(MemorySize.read("99999999999999999999g") == .tooLarge)
    #expect(MemorySize.read("8388608t") == .tooLarge)
    #expect(MemorySize.read("lots") == .malformed)
  }
}
