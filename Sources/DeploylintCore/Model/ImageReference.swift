/// Image references as compose files, platforms and registries write them.
public enum ImageReference {
  /// The repository without registry host, tag or digest:
  /// `docker.io/library/postgres:16-alpine@sha256:…` → `postgres`;
  /// `ghcr.io/org/app:1` → `org/app`.
  public static func repository(_ reference: String) -> String {
    var r = Substring(reference.lowercased())
    if let at = r.firstIndex(of: "@") { r = r[..<at] }
    if let slash = r.lastIndex(of: "/"), let colon = r.lastIndex(of: ":"), colon > slash {
      r = r[..<colon]
    } else if !r.contains("/"), let colon = r.firstIndex(of: ":") {
      r = r[..<colon]
    }
    var parts = r.split(separator: "/").map(String.init)
    // A first part with a dot or a port is a registry host.
    if parts.count > 1, parts[0].contains(".") || parts[0].contains(":") || parts[0] == "localhost" {
      parts.removeFirst()
    }
    if parts.count == 2, parts[0] == "library" { parts.removeFirst() }
    return parts.joined(separator: "/")
  }

  /// The official postgres image (or PostGIS, built on its entrypoint).
  public static let postgresRepositories: Set<String> = ["postgres", "postgis/postgis"]
  public static let redisRepositories: Set<String> = [
    "redis", "valkey/valkey", "valkey", "redis/redis-stack-server",
  ]
  public static let clickhouseRepositories: Set<String> = [
    "clickhouse/clickhouse-server", "clickhouse", "yandex/clickhouse-server", "altinity/clickhouse-server",
    "bitnami/clickhouse",
  ]
}
