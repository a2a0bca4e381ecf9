import DeploylintCore
import DeploylintEngine
import Foundation
import Testing

/// Compose projects made of several files (issue 15 item 5): named in
/// `.deploylint.yml` `compose.files`, in `COMPOSE_FILE` of `.env`, or on the
/// command line, and merged in order as the Compose specification says.
@Suite struct ComposeMergeTests {
  static func service(_ project: Project, _ name: String) -> Service? {
    ComposeAssemblyTests.service(project, name)
  }

  @Test func configComposeFilesMergeInOrderAndSkipTheDefaultOverride() throws {
    let project = ComposeAssemblyTests.assemble([
      (".deploylint.yml", "compose:\n  files: [compose.yml, compose.prod.yml]\n"),
      (
        "compose.yml",
        "services:\n  api:\n    image: a:1\n    mem_limit: 512m\n    command: [\"node\", \"a.js\"]\n"
      ),
      ("compose.prod.yml", "services:\n  api:\n    mem_limit: 1g\n    command: [\"node\", \"b.js\"]\n"),
      ("compose.override.yml", "services:\n  api:\n    mem_limit: 64m\n  mail:\n    image: mailpit\n"),
    ])
    #expect(project.services.map(\.name) == ["api"], "the default override is not read")
    let api = try #require(Self.service(project, "api"))
    #expect(api.compose?.memLimit?.value == Bytes.GiB)
    #expect(api.compose?.memLimit?.span.path == "compose.prod.yml")
    #expect(api.compose?.overrideFiles == ["compose.prod.yml"])
    #expect(api.compose?.commandWords == ["node", "b.js"], "command is replaced, not appended")
    #expect(api.platformEvidence?.reason.contains("named by .deploylint.yml compose.files") == true)
    #expect(project.ignoredFiles.map(\.path) == ["compose.override.yml"])
  }

  @Test func composeFileInDotEnvWithItsSeparator() throws {
    let project = ComposeAssemblyTests.assemble([
      (
        "deploy/.env",
        "COMPOSE_PATH_SEPARATOR=;\nCOMPOSE_FILE=compose.base.yml;docker-compose.cache.yml\nCACHE_MEM=384m\n"
      ),
      ("deploy/docker-compose.yml", "services:\n  unused:\n    image: u\n"),
      (
        "deploy/docker-compose.cache.yml",
        "services:\n  cache:\n    image: redis:7\n    mem_limit: ${CACHE_MEM}\n"
      ),
      ("deploy/compose.base.yml", "services:\n  api:\n    image: a\n"),
    ])
    #expect(Self.service(project, "unused") == nil, "not among the files COMPOSE_FILE names")
    #expect(project.ignoredFiles.map(\.path) == ["deploy/docker-compose.yml"])
    let cache = try #require(Self.service(project, "cache"))
    #expect(cache.compose?.memLimit?.value == 384 * Bytes.MiB)
    #expect(cache.compose?.file == "deploy/compose.base.yml")
    #expect(Self.service(project, "api")?.compose?.overrideFiles == ["deploy/docker-compose.cache.yml"])
  }

  @Test func composeFileListsBothFilesOfAFolder() throws {
    let project = ComposeAssemblyTests.assemble([
      (".env", "COMPOSE_FILE=docker-compose.yml:docker-compose.cache.yml\n"),
      ("docker-compose.yml", "services:\n  api:\n    image: a\n    environment:\n      A: '1'\n"),
      (
        "docker-compose.cache.yml",
        "services:\n  api:\n    environment:\n      B: '2'\n  cache:\n    image: redis:7\n    mem_limit: 256m\n"
      ),
    ])
    #expect(project.services.map(\.name).sorted() == ["api", "cache"])
    let api = try #require(Self.service(project, "api"))
    #expect(api.environment["A"]?.value == "1")
    #expect(api.environment["B"]?.value == "2")
    #expect(api.compose?.overrideFiles == ["docker-compose.cache.yml"])
  }

  @Test func resetAndOverrideTagsAndAppendedSequences() throws {
    let project = ComposeAssemblyTests.assemble([
      (
        "compose.yaml",
        """
        services:
          api:
            image: a
            mem_limit: 512m
            profiles: [web]
            env_file: [base.env]
            environment:
              A: '1'
              B: '2'
          worker:
            image: w
            container_name: w
            deploy:
              replicas: 1

        """
      ),
      (
        "compose.override.yaml",
        """
        services:
          api:
            mem_limit: !reset null
            profiles: [extra]
            env_file: [local.env]
            environment: !override
              C: '3'
          worker:
            container_name: !reset null

        """
      ),
    ])
    let api = try #require(Self.service(project, "api"))
    #expect(api.compose?.memLimit == nil, "!reset removes the base's limit")
    #expect(api.compose?.profiles == ["web", "extra"], "sequences append")
    #expect(api.environment["A"] == nil, "!override replaces the mapping whole")
    #expect(api.environment["C"]?.value == "3")
    #expect(Self.service(project, "worker")?.compose?.containerName == nil)
  }

  @Test func filesNamedOnTheCommandLineAreOneProject() throws {
    let folder = RepositoryPaths.repo("Fixtures/compose-file-env-redis").path
    let report = Analyzer(toolVersion: "test").scan(roots: [
      (folder + "/docker-compose.yml", "docker-compose.yml"),
      (folder + "/docker-compose.cache.yml", "docker-compose.cache.yml"),
    ])
    #expect(report.serviceNames.sorted() == ["api", "backup", "cache", "search", "thumbnails"])
    #expect(report.findings.contains { $0.ruleID == "redis-without-maxmemory" })
    #expect(!report.findings.contains { $0.ruleID == "unparseable-file" })
    // `${API_MEMORY}` comes from the `.env` beside the first file.
    #expect(!report.findings.contains { $0.message.contains("`mem_limit: ` of `api`") })
  }

  @Test func aYAMLFileNamedExplicitlyIsReadByItsContent() throws {
    let folder = try TestInputs.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try "services:\n  api:\n    image: a\n    mem_limit: lots\n".write(
      toFile: folder + "/prod.yml", atomically: true, encoding: .utf8)
    try "services:\n  - type: web\n    name: x\n".write(
      toFile: folder + "/other.yaml", atomically: true, encoding: .utf8)
    let report = Analyzer(toolVersion: "test").scan(roots: [(folder + "/prod.yml", "prod.yml")])
    #expect(!report.findings.contains { $0.ruleID == "unparseable-file" })
    #expect(report.findings.map(\.ruleID) == ["invalid-compose-key"])
    #expect(report.findings.first?.span.line == 4)
    let other = Analyzer(toolVersion: "test").scan(roots: [(folder + "/other.yaml", "other.yaml")])
    #expect(other.findings.isEmpty)
    #expect(other.notifications.first?.message.contains("not a compose file") == true)
  }

  @Test func filesAProjectNamesAreReadWhateverTheirNames() throws {
    let folder = try TestInputs.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try "COMPOSE_FILE=base.yml:prod.yml\n".write(toFile: folder + "/.env", atomically: true, encoding: .utf8)
    try "services:\n  api:\n    image: a\n    mem_limit: 256m\n".write(
      toFile: folder + "/base.yml", atomically: true, encoding: .utf8)
    try "services:\n  api:\n    container_name: api\n    scale: 2\n".write(
      toFile: folder + "/prod.yml", atomically: true, encoding: .utf8)
    let report = Analyzer(toolVersion: "test").scan(roots: [(folder, "app")])
    #expect(report.serviceNames == ["api"])
    let found = report.findings.filter { $0.ruleID == "invalid-compose-key" }
    #expect(found.count == 1)
    #expect(found.first?.span.path == "app/prod.yml")
  }
}
