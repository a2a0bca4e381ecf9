import DeploylintCore
import DeploylintEngine
import Testing

@testable import DeploylintRules

/// Compose files assembled into services and hosts: overrides, `.env`
/// interpolation, profiles, limits, replicas, the host's budget.
@Suite struct ComposeAssemblyTests {
  static func assemble(_ files: [(String, String)], hostMemory: Int64? = nil) -> Project {
    let inputs = files.compactMap { (path, content) -> InputFile? in
      guard let kind = FileKind.classify(fileName: path.split(separator: "/").last.map(String.init) ?? path)
      else { return nil }
      return InputFile(relativePath: path, displayPath: path, kind: kind, bytes: Array(content.utf8))
    }
    return Analyzer(toolVersion: "test", hostMemory: hostMemory).assemble(inputs, rootName: "stack").0
  }

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
    #expect(api.compose?.memLimit == Bytes.GiB)
    #expect(api.compose?.memLimitSpan?.path == "docker-compose.override.yml")
    #expect(api.compose?.overrideFiles == ["docker-compose.override.yml"])
    #expect(api.environment["A"]?.value == "base")
    #expect(api.environment["B"]?.value == "override")
    #expect(api.compose?.image == "app/api:1")
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
    #expect(db.compose?.image == "postgres:15")
    #expect(db.compose?.memLimit == 768 * Bytes.MiB)
    #expect(db.environment["PASSWORD"]?.value == "s3cret")
    #expect(db.environment["PASSWORD"]?.span.line == 6)
    #expect(Self.service(project, "cache")?.compose?.memLimit == 128 * Bytes.MiB)
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
    #expect(host.services == ["api"])
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
    #expect(api.serviceMemLimit == 512 * Bytes.MiB)
    #expect(api.deployMemLimit == Bytes.GiB)
    #expect(api.memLimit == 512 * Bytes.MiB)
    #expect(api.memReservation == 256 * Bytes.MiB)
    #expect(api.replicas == 3)
    #expect(api.replicasKey == "deploy.replicas")
    let worker = try #require(Self.service(project, "worker"))
    #expect(worker.compose?.memLimit == 300 * Bytes.MiB)
    #expect(worker.compose?.memLimitText == "deploy.resources.limits.memory 300M")
    #expect(worker.compose?.replicas == 2)
    #expect(worker.instances == 2)
    #expect(worker.compose?.misplacedReplicasValue == "4")
    #expect(worker.compose?.misplacedReplicasSpan?.line == 14)
    #expect(worker.compose?.misplacedReplicasSpan?.column == 5)
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
    #expect(api.buildBudget?.bytes == 2 * Bytes.GiB)
    #expect(api.buildLocation?.onPlatform == false)
    #expect(api.buildLocation?.description == "the compose host (docker compose build)")
    #expect(api.recipe?.path == "api/Dockerfile")
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
    #expect(facts.command == ["postgres", "-c", "shared_buffers=256MB", "-c", "work_mem=8MB"])
    #expect(facts.commandWordSpans.count == 5)
    #expect(facts.commandWordSpans[2].line == 4)
    #expect(facts.commandWordSpans[2].column == 26)
    #expect(facts.commandWordSpans[4].column == 50)
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
    #expect(RedisWithoutMaxmemory.bytes("96mb") == 96 * Bytes.MiB)
    #expect(RedisWithoutMaxmemory.bytes("100m") == 100_000_000)
    #expect(RedisWithoutMaxmemory.bytes("1gb") == Bytes.GiB)
    #expect(RedisWithoutMaxmemory.bytes("lots") == nil)
    #expect(PostgresSettings.bytes("512MB", setting: "shared_buffers") == 512 * Bytes.MiB)
    #expect(PostgresSettings.bytes("16384", setting: "shared_buffers") == 128 * Bytes.MiB)
    #expect(PostgresSettings.bytes("4096", setting: "work_mem") == 4 * Bytes.MiB)
  }
}
