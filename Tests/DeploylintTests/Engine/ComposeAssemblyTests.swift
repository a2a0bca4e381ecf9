import DeploylintCore
import DeploylintEngine
import Testing

@testable import DeploylintRules

/// Compose files assembled into services and hosts: overrides, `.env`
/// interpolation, profiles, limits, replicas, the host's budget.
@Suite struct ComposeAssemblyTests {
  static func assemble(
    _ files: [(String, String)], hostMemory: Int64? = nil, today: CalendarDate = beforeRailwayCutoff
  ) -> Project {
    let inputs = files.compactMap { (path, content) -> InputFile? in
      guard let kind = FileKind.classify(fileName: path.split(separator: "/").last.map(String.init) ?? path)
      else { return nil }
      return InputFile(relativePath: path, displayPath: path, kind: kind, bytes: Array(content.utf8))
    }
    var analyzer = Analyzer(toolVersion: "test", hostMemory: hostMemory)
    analyzer.today = today
    return analyzer.assemble(inputs, rootName: "stack").0
  }

  /// A day before Railway's config-as-code cut-off (2026-12-01), when
  /// `railway.json` is still read: assembly tests are pinned to it.
  static let beforeRailwayCutoff = CalendarDate(year: 2026, month: 11, day: 28)

  static func service(_ project: Project, _ name: String) -> Service? {
    project.services.first { $0.name == name }
  }

  @Test func overrideOverlaysServiceKeysAndAddsServices() throws {
    let project = Self.assemble([
      (
        "docker-compose.yml",
        "services:\n  api:\n    image: app/api:1\n    mem_limit: 512m\n    environment:\n      A: base\n      B: base\n"
      ),
      (
        "docker-compose.override.yml",
        "services:\n  api:\n    mem_limit: 1g\n    environment:\n      B: override\n  debug:\n    image: busybox\n"
      ),
    ])
    #expect(project.services.map(\.name).sorted() == ["api", "debug"])
    let api = try #require(Self.service(project, "api"))
    #expect(api.compose?.memLimit?.value == Bytes.GiB)
    #expect(api.compose?.memLimit?.span.path == "docker-compose.override.yml")
    #expect(api.compose?.overrideFiles == ["docker-compose.override.yml"])
    #expect(api.environment["A"]?.value == "base")
    #expect(api.environment["B"]?.value == "override")
    #expect(api.compose?.image?.value == "app/api:1")
    #expect(api.runtimeBudget?.source == "compose mem_limit 1g")
  }

  @Test func interpolatesFromDotEnvWithDefaults() throws {
    let project = Self.assemble([
      (
        "compose.yaml",
        "services:\n  db:\n    image: postgres:${PG_VERSION:-15}\n    mem_limit: ${DB_MEM}\n"
          + "    environment:\n      - PASSWORD=${PG_PASSWORD}\n  cache:\n    image: redis\n    mem_limit: ${CACHE_MEM:-128m}\n"
      ),
      (".env", "DB_MEM=768m\nPG_PASSWORD=s3cret\n"),
    ])
    let db = try #require(Self.service(project, "db"))
    #expect(db.compose?.image?.value == "postgres:15")
    #expect(db.compose?.memLimit?.value == 768 * Bytes.MiB)
    #expect(db.compose?.memLimit?.text == "768m", "quoted as interpolated")
    #expect(db.environment["PASSWORD"]?.value == "s3cret")
    #expect(db.environment["PASSWORD"]?.span.line == 6)
    #expect(Self.service(project, "cache")?.compose?.memLimit?.value == 128 * Bytes.MiB)
    #expect(Self.service(project, "cache")?.servers.redis?.maxmemory == nil)
  }

  @Test func profiledServicesAreNotDefaultAndNotOnTheHost() throws {
    let project = Self.assemble([
      (".deploylint.yml", "host:\n  name: pi4\n  memory: 4g\n"),
      (
        "docker-compose.yml",
        "services:\n  api:\n    image: a\n    mem_limit: 256m\n  tools:\n    image: t\n    profiles: [debug]\n"
      ),
    ])
    #expect(Self.service(project, "tools")?.compose?.activeByDefault == false)
    #expect(Self.service(project, "api")?.compose?.activeByDefault == true)
    let host = try #require(project.hosts.first)
    #expect(host.members.map(\.service) == ["api"])
    #expect(host.limitTotal == 256 * Bytes.MiB)
    #expect(host.name == "pi4")
    #expect(host.budget.bytes == 4 * Bytes.GiB)
    #expect(host.budget.source == "host `pi4`: 4 GiB (.deploylint.yml host.memory)")
    #expect(host.budget.span?.path == ".deploylint.yml")
    #expect(host.composeSpan.line == 1)
  }

  @Test func deployLimitsReplicasAndConflictsAreRecorded() throws {
    let project = Self.assemble([
      (
        "compose.yaml",
        """
        services:
          api:
            image: a
            mem_limit: 512m
            mem_reservation: 256m
            deploy:
              replicas: 3
              resources:
                limits:
                  memory: 1G
          worker:
            image: w
            scale: 2
            replicas: 4
            deploy:
              resources:
                limits:
                  memory: 300M

        """
      )
    ])
    let api = try #require(Self.service(project, "api")?.compose)
    #expect(api.serviceMemLimit?.value == 512 * Bytes.MiB)
    #expect(api.deployMemLimit?.value == Bytes.GiB)
    #expect(api.memLimit?.value == 512 * Bytes.MiB)
    #expect(api.memReservation?.value == 256 * Bytes.MiB)
    #expect(api.replicaCount == 3)
    #expect(api.replicas?.key == "deploy.replicas")
    let worker = try #require(Self.service(project, "worker"))
    #expect(worker.compose?.memLimit?.value == 300 * Bytes.MiB)
    #expect(worker.compose?.memLimit?.written == "deploy.resources.limits.memory 300M")
    #expect(worker.compose?.replicaCount == 2)
    #expect(worker.instanceCount == 2)
    #expect(worker.compose?.misplacedReplicas?.value == "4")
    #expect(worker.compose?.misplacedReplicas?.span.line == 14)
    #expect(worker.compose?.misplacedReplicas?.span.column == 5)
    #expect(project.hosts.isEmpty, "no host declared")
  }

  @Test func hostMemoryFlagWinsOverConfiguration() throws {
    let files = [
      (".deploylint.yml", "host:\n  name: vps\n  memory: 8g\n"),
      ("docker-compose.yml", "services:\n  api:\n    build: ./api\n"),
      ("api/Dockerfile", "FROM node:20\nENV NODE_ENV=production\nCMD [\"node\", \"server.js\"]\n"),
    ]
    let fromConfig = try #require(Self.assemble(files).hosts.first)
    #expect(fromConfig.budget.bytes == 8 * Bytes.GiB)
    let project = Self.assemble(files, hostMemory: 2 * Bytes.GiB)
    let host = try #require(project.hosts.first)
    #expect(host.budget.bytes == 2 * Bytes.GiB)
    #expect(host.budget.source.hasPrefix("--host-memory 2g"))
    #expect(host.budget.span == nil)
    let api = try #require(Self.service(project, "api"))
    #expect(api.build.declaredBudget?.bytes == 2 * Bytes.GiB)
    #expect(api.build.location?.onPlatform == false)
    #expect(api.build.location?.description == "the compose host (docker compose build)")
    #expect(api.build.recipe?.path == "api/Dockerfile")
    #expect(api.environment["NODE_ENV"]?.value == "production")
    #expect(api.startCommand?.source == "Dockerfile CMD")
    #expect(api.compose?.builtFrom == "node:20")
    // No limit: the whole host, said so.
    #expect(api.runtimeBudget?.source.hasPrefix("no container limit, the whole host") == true)
    #expect(project.services.count == 1, "the Dockerfile is claimed by the compose service")
  }

  @Test func commandWordsAreLocatedAndOverrideTheImageCommand() throws {
    let project = Self.assemble([
      (
        "docker-compose.yml",
        "services:\n  db:\n    image: postgres:15\n    command: postgres -c shared_buffers=256MB -c work_mem=8MB\n"
      )
    ])
    let db = try #require(Self.service(project, "db"))
    let facts = try #require(db.compose)
    #expect(facts.commandWords == ["postgres", "-c", "shared_buffers=256MB", "-c", "work_mem=8MB"])
    let words = try #require(facts.command?.words)
    #expect(words.count == 5)
    #expect(words[2].span.line == 4)
    #expect(words[2].span.column == 26)
    #expect(words[4].span.column == 50)
    // Assembly parsed the command once for the rules and the budget.
    let settings = try #require(db.servers.postgres)
    #expect(settings.sharedBuffers == 256 * Bytes.MiB)
    #expect(settings.settings["work_mem"]?.span.column == 50)
    #expect(db.startCommand?.text == "postgres -c shared_buffers=256MB -c work_mem=8MB")
    #expect(db.startCommand?.source == "compose command")
  }

  @Test func seedFixturesReportTheirRules() {
    let tier3 = FixtureOutputTests.render("memolist-pi-tier3")
    #expect(tier3.contains("warning[ineffective-environment-variable]"))
    #expect(tier3.contains("warning[redis-without-maxmemory]"))
    #expect(tier3.contains("warning[service-without-memory-limit]"))
    #expect(!tier3.contains("compose-memory-exceeds-host"), "3468 MiB of limits fit in 4 GiB")
    let tier4 = FixtureOutputTests.render("memolist-pi-tier4")
    #expect(tier4.contains("error[compose-memory-exceeds-host]"))
    #expect(tier4.contains("= 10 GiB"))
    #expect(tier4.contains("error[invalid-compose-key]"))
    #expect(FixtureOutputTests.fixtures.contains("memolist-pi-fixed"))
  }

  @Test func redisAndPostgresUnits() {
    #expect(MemorySize.parse("96mb", convention: .redis) == 96 * Bytes.MiB)
    #expect(MemorySize.parse("100m", convention: .redis) == 100_000_000)
    #expect(MemorySize.parse("1gb", convention: .redis) == Bytes.GiB)
    #expect(MemorySize.parse("lots", convention: .redis) == nil)
    let span = Span.file("compose.yaml")
    let settings = PostgresSettings.read(["-c", "shared_buffers=512MB", "-c", "work_mem=4096"], at: span)
    #expect(settings.sharedBuffers == 512 * Bytes.MiB)
    #expect(settings.workMem == 4 * Bytes.MiB, "a bare number counts kB")
    #expect(PostgresSettings.read(["-B", "16384"], at: span).sharedBuffers == 128 * Bytes.MiB, "8 kB pages")
  }
}
