import DeploylintCore

/// Flags a Redis (or Valkey) container that has a memory limit but no
/// `maxmemory` below it: Redis then grows until the kernel kills it, instead
/// of evicting keys (seed 004: the MemoList cache on a 4 GB Pi).
public struct RedisWithoutMaxmemory: Rule {
  public static let description = RuleDescription(
    id: "redis-without-maxmemory",
    category: .runtime,
    severity: .warning,
    summary: "A Redis container has a memory limit but no `--maxmemory` below it",
    rationale: """
      `maxmemory` defaults to 0, which on 64-bit builds means no limit: Redis does not know about \
      the container's `mem_limit` and keeps accepting writes until the kernel OOM-kills the \
      container, losing the dataset that was not persisted. With `maxmemory` set, Redis evicts \
      keys (with an eviction policy such as `allkeys-lru`) or refuses writes (`noeviction`, the \
      default policy) instead of dying. `maxmemory` counts the dataset only: replica output \
      buffers, AOF buffers and allocator fragmentation come on top, so it must stay well below \
      the container limit (75 % leaves room for them).
      """,
    references: [
      Reference("Redis: key eviction, maxmemory", "https://redis.io/docs/latest/develop/reference/eviction/"),
      Reference(
        "Compose specification: mem_limit",
        "https://github.com/compose-spec/compose-spec/blob/170098ba07d9f53c383a41bfd4c5166b0a4529a6/05-services.md#mem_limit"
      ),
    ],
    fix: """
      Give Redis a `maxmemory` of about 75 % of the container limit and an eviction policy when \
      it is a cache:

      ```yaml
      redis:
        image: redis:7-alpine
        mem_limit: 512m
        command: redis-server --maxmemory 384mb --maxmemory-policy allkeys-lru
      ```
      """,
    examples: examples)

  public init(options: RuleOptions) {}

  public func check(_ project: Project) -> [Finding] {
    project.services.compactMap(check)
  }

  func check(_ service: Service) -> Finding? {
    guard let facts = service.compose, let limit = facts.memLimit, let redis = service.servers.redis,
      // A config file we cannot see may set maxmemory.
      !redis.readsConfigFile
    else { return nil }
    let target = Saturating.product(limit.value, 3) / 4 / Bytes.MiB
    let fixCommand = "command: redis-server --maxmemory \(target)mb --maxmemory-policy allkeys-lru"
    let related = [RelatedLocation(limit.span, "container limit: \(limit.written)")]
    let limitText = "\(limit.written) (\(Bytes.format(limit.value, .binary)))"
    if let maxmemory = redis.maxmemory {
      guard let bytes = maxmemory.value, bytes >= limit.value else { return nil }
      return finding(
        "Redis `\(facts.serviceName)` has --maxmemory \(maxmemory.text) (\(Bytes.format(bytes, .binary))), "
          + "not below its container \(limitText): maxmemory counts the dataset only, so with "
          + "replication and AOF buffers and fragmentation on top the kernel kills the container "
          + "before Redis starts evicting.",
        at: maxmemory.span,
        help: ["lower it to about 75 % of the limit: --maxmemory \(target)mb", fixCommand],
        related: related, service: service.name)
    }
    let span = facts.command?.span ?? facts.image?.span ?? service.span
    return finding(
      "Redis `\(facts.serviceName)` runs in a container limited by \(limitText) but sets no --maxmemory: "
        + "maxmemory defaults to 0 (no limit), so Redis grows until the kernel OOM-kills the container "
        + "instead of evicting keys.",
      at: span,
      help: ["set maxmemory to about 75 % of the limit, with an eviction policy for a cache: \(fixCommand)"],
      related: related, service: service.name)
  }
}
