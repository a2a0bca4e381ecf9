import DeploylintCore

/// Well-known servers a service runs, from the images it runs (compose
/// `image:`, the base of the Dockerfile it builds, the image a platform or
/// `.deploylint.yml` names) or its command, and the memory settings of that
/// command (Postgres `-c shared_buffers=…`, Redis `--maxmemory`). Runs after
/// the configuration's overrides, which may name the image.
enum ServerAssembly {
  @Sendable static func enrich(_ service: inout Service, _ assembler: Assembler) {
    let repositories = service.imageReferences.map(ImageReference.repository)
    let words = service.compose?.command?.words ?? []
    let commandName = words.first.flatMap { $0.value.split(separator: "/").last.map(String.init) }
    if repositories.contains(where: ImageReference.postgresRepositories.contains), service.compose != nil {
      service.servers.postgres = PostgresSettings.read(words)
    }
    if repositories.contains(where: ImageReference.redisRepositories.contains)
      || ["redis-server", "valkey-server"].contains(commandName ?? "")
    {
      service.servers.redis = RedisSettings.read(words)
    }
    if repositories.contains(where: ImageReference.clickhouseRepositories.contains)
      || commandName == "clickhouse-server"
    {
      service.servers.clickhouse = ClickHouseSettings.read(words)
    }
  }
}
