import DeploylintCore

/// Flags environment variables that the service's image never reads, so the
/// setting the team believes it made does not exist (seed 004: Postgres tuned
/// through `POSTGRES_SHARED_BUFFERS` / `POSTGRES_WORK_MEM`, which the official
/// image ignores).
public struct IneffectiveEnvironmentVariable: Rule {
  /// What an image's entrypoint reads, as data: the variables with `prefix`
  /// that it honours (and their `_FILE` variants when `fileVariants`).
  struct ImageVariables {
    var images: Set<String>
    var displayName: String
    var prefix: String
    var read: Set<String>
    var fileVariants: Bool
    var source: String
  }

  /// docker-library/postgres `docker-entrypoint.sh` at 6edb0a8c (2026-02-26):
  /// `file_env` for POSTGRES_PASSWORD/USER/DB/INITDB_ARGS, and
  /// POSTGRES_INITDB_WALDIR, POSTGRES_HOST_AUTH_METHOD, PGDATA.
  static let table: [ImageVariables] = [
    ImageVariables(
      images: ImageReference.postgresRepositories, displayName: "the official postgres image",
      prefix: "POSTGRES_",
      read: [
        "POSTGRES_PASSWORD", "POSTGRES_USER", "POSTGRES_DB", "POSTGRES_INITDB_ARGS", "POSTGRES_INITDB_WALDIR",
        "POSTGRES_HOST_AUTH_METHOD",
      ],
      fileVariants: true,
      source:
        "https://github.com/docker-library/postgres/blob/6edb0a8c4def40c371514b34aef9037ec82d9110/docker-entrypoint.sh"
    )
  ]

  /// Server settings people try to pass as `POSTGRES_<SETTING>`.
  static let postgresSettings: Set<String> = [
    "shared_buffers", "work_mem", "effective_cache_size", "max_connections", "maintenance_work_mem",
    "wal_buffers", "random_page_cost", "effective_io_concurrency", "max_wal_size", "min_wal_size",
    "checkpoint_completion_target", "default_statistics_target", "max_worker_processes",
    "max_parallel_workers",
    "max_parallel_workers_per_gather", "huge_pages", "temp_buffers", "listen_addresses", "log_statement",
  ]

  public static let description = RuleDescription(
    id: "ineffective-environment-variable",
    category: .platform,
    severity: .warning,
    summary: "An environment variable is set for an image that never reads it (e.g. POSTGRES_SHARED_BUFFERS)",
    rationale: """
      The official `postgres` image configures the server from its command line and \
      `postgresql.conf`, not from the environment: its `docker-entrypoint.sh` reads only \
      `POSTGRES_PASSWORD`, `POSTGRES_USER`, `POSTGRES_DB`, `POSTGRES_INITDB_ARGS`, \
      `POSTGRES_INITDB_WALDIR`, `POSTGRES_HOST_AUTH_METHOD` and `PGDATA` (plus the `*_FILE` \
      variants of the first four). `POSTGRES_SHARED_BUFFERS`, `POSTGRES_WORK_MEM`, \
      `POSTGRES_EFFECTIVE_CACHE_SIZE` or `POSTGRES_MAX_CONNECTIONS` are silently ignored, so the \
      server keeps its defaults (shared_buffers 128 MB, work_mem 4 MB, max_connections 100) while \
      the team believes it tuned them (seed 004: the MemoList stack on a Raspberry Pi). The image's \
      documentation sets server parameters with `command: postgres -c shared_buffers=256MB …`.
      """,
    references: [
      Reference(
        "docker-library/postgres docker-entrypoint.sh (6edb0a8c)",
        "https://github.com/docker-library/postgres/blob/6edb0a8c4def40c371514b34aef9037ec82d9110/docker-entrypoint.sh"
      ),
      Reference(
        "postgres image docs: database configuration", "https://hub.docker.com/_/postgres"),
      Reference(
        "PostgreSQL: resource consumption settings",
        "https://www.postgresql.org/docs/current/runtime-config-resource.html"),
    ],
    fix: """
      Pass the settings on the server's command line and remove the variables:

      ```yaml
      postgres:
        image: postgres:15
        command: postgres -c shared_buffers=256MB -c work_mem=4MB -c max_connections=50
      ```

      Check the result against the container's `mem_limit` (see `postgres-memory-exceeds-limit`): \
      `work_mem` is per sort or hash operation and per connection. `effective_cache_size` is a \
      planner hint, not memory the server allocates.
      """,
    examples: examples)

  public init(options: RuleOptions) {}

  public func check(_ project: Project) -> [Finding] {
    project.services.compactMap(check)
  }

  func check(_ service: Service) -> Finding? {
    guard let facts = service.compose else { return nil }
    let repositories = service.imageReferences.map(ImageReference.repository)
    guard let entry = Self.table.first(where: { t in repositories.contains { t.images.contains($0) } })
    else { return nil }
    let commandText = facts.commandWords.joined(separator: " ")
    let ignored = service.environment.entries.filter { v in
      v.source == "compose environment" || v.source.hasPrefix("env_file")
    }.filter { v in
      guard v.key.hasPrefix(entry.prefix) else { return false }
      var base = v.key
      if entry.fileVariants, base.hasSuffix("_FILE") { base = String(base.dropLast(5)) }
      // A command that reads the variable itself makes it effective.
      return !entry.read.contains(base) && !commandText.contains(v.key)
    }
    guard let first = ignored.first else { return nil }
    let names = ignored.map { "`\($0.key)`" }.joined(separator: ", ")
    var message =
      "\(names) \(ignored.count == 1 ? "is" : "are") set on `\(facts.serviceName)`, but \(entry.displayName) "
      + "never reads \(ignored.count == 1 ? "it" : "them"): its entrypoint reads only "
      + entry.read.sorted().map { "`\($0)`" }.joined(separator: ", ")
      + " and `PGDATA` (plus the `*_FILE` variants). The server runs with its defaults "
      + "(shared_buffers 128MB, work_mem 4MB, max_connections 100)."

    // The command line the team meant, from the ignored values.
    var assignments: [(String, String)] = []
    for v in ignored {
      let setting = String(v.key.dropFirst(entry.prefix.count)).lowercased()
      if Self.postgresSettings.contains(setting) { assignments.append((setting, v.value)) }
    }
    var help: [String] = []
    var related = ignored.dropFirst().map { RelatedLocation($0.span, "`\($0.key)` is ignored too") }
    if assignments.contains(where: { $0.0 == "effective_cache_size" }) {
      message += " (`effective_cache_size` is a planner hint, not memory the server allocates.)"
    }
    if !assignments.isEmpty {
      let existing = facts.commandWords.isEmpty ? "postgres" : commandText
      let line =
        "command: \(existing) " + assignments.map { "-c \($0.0)=\($0.1)" }.joined(separator: " ")
      help.append("set them on the server's command line and remove the variables: \(line)")
      let settings = PostgresSettings.read(
        line.split(separator: " ").dropFirst().map(String.init), at: first.span)
      let estimate = settings.estimate
      if let limit = facts.memLimit, estimate.bytes > limit.value {
        help.append(
          "but these values would need up to \(estimate.arithmetic), more than the container's "
            + "\(limit.written) (\(Bytes.format(limit.value, .binary))); values that fit: command: "
            + settings.fitting(limit.value).commandLine)
        related.append(RelatedLocation(limit.span, "container limit: \(limit.written)"))
      }
    } else {
      help.append(
        "remove \(names); set server parameters with `command: postgres -c name=value` or a mounted "
          + "postgresql.conf")
    }
    return finding(message, at: first.span, help: help, related: related, service: service.name)
  }
}
