import DeploylintCore

/// Which well-known server a compose service runs, from its `image:`, the
/// base of the Dockerfile it builds, or its command.
enum ComposeImages {
  /// `docker.io/library/postgres:16-alpine@sha256:…` → `postgres`;
  /// `ghcr.io/org/app:1` → `org/app`.
  static func repository(_ reference: String) -> String {
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

  /// The image references the service runs: `image:` and the Dockerfile base.
  static func references(_ service: Service) -> [String] {
    [service.compose?.image, service.compose?.builtFrom, service.imageReference].compactMap { $0 }
  }

  /// The command name of the service's `command:` (after `exec`, `env`…).
  static func commandName(_ service: Service) -> String? {
    guard let first = service.compose?.command.first else { return nil }
    return first.split(separator: "/").last.map(String.init)
  }

  static let postgresImages: Set<String> = ["postgres", "postgis/postgis"]
  static let redisImages: Set<String> = ["redis", "valkey/valkey", "valkey", "redis/redis-stack-server"]

  /// The official postgres image (or PostGIS, built on its entrypoint).
  static func isPostgres(_ service: Service) -> Bool {
    references(service).contains { postgresImages.contains(repository($0)) }
  }

  static func isRedis(_ service: Service) -> Bool {
    references(service).contains { redisImages.contains(repository($0)) }
      || ["redis-server", "valkey-server"].contains(commandName(service) ?? "")
  }

  /// The span of the command word at `index`, else the command, else `fallback`.
  static func wordSpan(_ facts: ComposeFacts, _ index: Int, fallback: Span) -> Span {
    if index >= 0, index < facts.commandWordSpans.count { return facts.commandWordSpans[index] }
    return facts.commandSpan ?? fallback
  }

  /// The default-profile compose services a host runs.
  static func services(of host: HostFacts, in project: Project) -> [Service] {
    project.services.filter { s in
      guard let c = s.compose else { return false }
      return c.file == host.composeFile && c.activeByDefault
    }
  }
}
