import DeploylintCore
import Testing

@testable import DeploylintEngine
@testable import DeploylintRules

/// Compose issue 15 item 5: commands run through `sh -c`, interpolated
/// replicas and CPU counts, `container_name` with replicas, one-shot
/// services, and sizes Compose refuses.
@Suite struct ComposeCommandsAndCountsTests {
  static func assemble(_ files: [(String, String)]) -> Project { ComposeAssemblyTests.assemble(files) }

  static func findings(_ files: [(String, String)], _ rule: String) -> [Finding] {
    let inputs = files.compactMap { (path, content) -> InputFile? in
      guard let kind = FileKind.classify(fileName: path.split(separator: "/").last.map(String.init) ?? path)
      else { return nil }
      return InputFile(relativePath: path, displayPath: path, kind: kind, bytes: Array(content.utf8))
    }
    var analyzer = Analyzer(toolVersion: "test")
    analyzer.today = ComposeAssemblyTests.beforeRailwayCutoff
    return analyzer.analyze(inputs, rootName: "stack").findings.filter { $0.ruleID == rule }
  }

  @Test func shellScriptCommandIsUnwrapped() {
    #expect(
      ShellScriptCommand.innerCommand(["sh", "-c", "redis-server --maxmemory 200mb"])
        == ["redis-server", "--maxmemory", "200mb"])
    #expect(
      ShellScriptCommand.innerCommand([
        "/bin/bash", "-lc", "python manage.py migrate && exec gunicorn -w 4 app:app",
      ])
        == ["gunicorn", "-w", "4", "app:app"])
    #expect(
      ShellScriptCommand.innerCommand(["sh", "-ec", "migrate; gunicorn app:app"]) == ["gunicorn", "app:app"])
    #expect(ShellScriptCommand.innerCommand(["redis-server", "--maxmemory", "1mb"]) == nil)
    #expect(ShellScriptCommand.innerCommand(["sh", "start.sh"]) == nil, "a script file, not -c")
    #expect(ShellScriptCommand.innerCommand(["sh", "-c"]) == nil)
  }

  /// A Redis `cache` service limited to 256m, started by `line` (line 5).
  static func cache(_ line: String) -> Service? {
    let project = assemble([
      ("compose.yaml", "services:\n  cache:\n    image: redis:7\n    mem_limit: 256m\n    \(line)\n")
    ])
    return ComposeAssemblyTests.service(project, "cache")
  }

  @Test func redisMaxmemoryInsideShCIsReadAndLocated() throws {
    let cache = try #require(
      Self.cache("command: sh -c \"redis-server --maxmemory 200mb --maxmemory-policy allkeys-lru\""))
    #expect(cache.servers.redis?.maxmemory?.value == 200 * Bytes.MiB)
    #expect(cache.servers.redis?.maxmemory?.span.column == 46)
    let words = try #require(cache.compose?.command?.words)
    #expect(
      words.map(\.value) == ["redis-server", "--maxmemory", "200mb", "--maxmemory-policy", "allkeys-lru"])
    // `200mb` where it is written inside the quoted script.
    #expect(words[2].span.line == 5)
    #expect(words[2].span.column == 46)
    // The start command stays what runs the container: the shell.
    let script = "'redis-server --maxmemory 200mb --maxmemory-policy allkeys-lru'"
    #expect(cache.startCommand?.text == "sh -c \(script)", "quoted, so the script stays one word")
  }

  @Test func redisWithoutMaxmemoryInsideShCIsStillFound() {
    let files = [
      (
        "compose.yaml",
        "services:\n  cache:\n    image: redis:7\n    mem_limit: 256m\n    command: [\"sh\", \"-c\", \"redis-server --appendonly yes\"]\n"
      )
    ]
    #expect(Self.findings(files, "redis-without-maxmemory").count == 1)
    let clean = [
      (
        "compose.yaml",
        "services:\n  cache:\n    image: redis:7\n    mem_limit: 256m\n    command: [\"sh\", \"-c\", \"redis-server --maxmemory 192mb\"]\n"
      )
    ]
    #expect(Self.findings(clean, "redis-without-maxmemory").isEmpty)
  }

  @Test func entrypointShellScriptWithoutCommand() throws {
    let cache = try #require(
      Self.cache("entrypoint: [\"sh\", \"-c\", \"exec redis-server --maxmemory 150mb\"]"))
    #expect(cache.servers.redis?.maxmemory?.value == 150 * Bytes.MiB)
    #expect(cache.servers.redis?.maxmemory?.span.line == 5)
  }

  @Test func postgresAndGunicornInsideBashC() throws {
    let project = Self.assemble([
      (
        "compose.yaml",
        "services:\n  db:\n    image: postgres:16\n    mem_limit: 1g\n"
          + "    command: bash -c \"exec postgres -c shared_buffers=384MB\"\n"
          + "  web:\n    image: shop/web\n    mem_limit: 1g\n"
          + "    command: sh -c \"python manage.py migrate && gunicorn --workers 5 shop.wsgi\"\n"
      )
    ])
    #expect(ComposeAssemblyTests.service(project, "db")?.servers.postgres?.sharedBuffers == 384 * Bytes.MiB)
    let web = try #require(ComposeAssemblyTests.service(project, "web"))
    #expect(web.workers?.count == 5)
  }

  @Test func replicasAndCPUsAreInterpolated() throws {
    let project = Self.assemble([
      (
        "compose.yaml",
        "services:\n  worker:\n    image: w\n    mem_limit: 512m\n    cpus: ${WORKER_CPUS:-0.5}\n"
          + "    deploy:\n      replicas: ${WORKER_REPLICAS:-3}\n"
          + "  api:\n    image: a\n    scale: ${API_SCALE}\n"
      ),
      (".env", "API_SCALE=2\n"),
    ])
    let worker = try #require(ComposeAssemblyTests.service(project, "worker"))
    #expect(worker.compose?.replicaCount == 3)
    #expect(worker.instanceCount == 3)
    // The count points at the `${…}` as written.
    #expect(worker.compose?.replicas?.span.line == 7)
    #expect(worker.compose?.replicas?.span.column == 17)
    #expect(worker.runtimeBudget?.cpus == 0.5)
    #expect(ComposeAssemblyTests.service(project, "api")?.compose?.replicaCount == 2)
  }

  @Test func interpolatedReplicasMultiplyTheHostSum() throws {
    let files = [
      (".deploylint.yml", "host:\n  memory: 2g\n"),
      (
        "compose.yaml",
        "services:\n  worker:\n    image: w\n    mem_limit: 768m\n    deploy:\n      replicas: ${WORKER_REPLICAS:-3}\n"
      ),
    ]
    let host = try #require(Self.assemble(files).hosts.first)
    #expect(host.limitTotal == 3 * 768 * Bytes.MiB)
    let found = Self.findings(files, "compose-memory-exceeds-host")
    #expect(found.count == 1)
    #expect(found.first?.message.contains("worker 768 MiB × 3") == true)
  }

  @Test func containerNameWithReplicasIsAnError() throws {
    let files = [
      (
        "compose.yaml",
        "services:\n  web:\n    image: w\n    container_name: web\n    deploy:\n      replicas: ${WEB_REPLICAS:-2}\n"
          + "  db:\n    image: postgres:16\n    container_name: db\n    mem_limit: 1g\n"
      )
    ]
    let found = Self.findings(files, "invalid-compose-key")
    #expect(found.count == 1)
    let f = try #require(found.first)
    #expect(f.severity == .error)
    #expect(f.span.line == 6)
    #expect(f.span.column == 17)
    #expect(f.related.first?.span.line == 4)
    #expect(f.message.contains("container_name `web` and deploy.replicas 2"))
  }

  @Test func oneShotServicesGetANote() throws {
    let files = [
      (".deploylint.yml", "host:\n  memory: 2g\n"),
      (
        "compose.yaml",
        """
        services:
          api:
            image: a
            mem_limit: 512m
            depends_on:
              migrate:
                condition: service_completed_successfully
              seed:
                condition: service_completed_successfully
          migrate:
            image: a
          seed:
            image: a
            restart: always
          backup:
            image: b
            restart: "no"
          worker:
            image: w

        """
      ),
    ]
    let found = Self.findings(files, "service-without-memory-limit")
    let bySeverity = Dictionary(grouping: found, by: { $0.service ?? "" }).mapValues { $0.map(\.severity) }
    #expect(bySeverity["migrate"] == [.note])
    #expect(bySeverity["backup"] == [.note])
    #expect(bySeverity["seed"] == [.warning], "restart: always keeps it running")
    #expect(bySeverity["worker"] == [.warning])
    let migrate = try #require(found.first { $0.service == "migrate" })
    #expect(migrate.related.first?.span.line == 7, "the condition that makes it a one-shot job")
  }

  @Test func invalidSizesAreLocatedAndNotNoLimit() throws {
    let files = [
      (".deploylint.yml", "host:\n  memory: 2g\n"),
      (
        "compose.yaml",
        "services:\n  a:\n    image: a\n    mem_limit: -1g\n  b:\n    image: b\n    mem_limit: ${B_MEM:-lots}\n"
          + "  c:\n    image: c\n    mem_limit: 99999999999999999999g\n"
      ),
    ]
    let invalid = Self.findings(files, "invalid-compose-key")
    #expect(invalid.map(\.span.line) == [4, 7, 10])
    #expect(invalid.map(\.span.column) == [16, 16, 16])
    #expect(invalid[0].message.contains("is negative"))
    #expect(invalid[1].message.contains("`mem_limit: lots`"))
    #expect(Self.findings(files, "service-without-memory-limit").isEmpty)
  }
}
