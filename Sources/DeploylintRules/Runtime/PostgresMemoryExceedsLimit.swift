import DeploylintCore

/// Compares what a Postgres server may allocate with its settings (from the
/// command line, else the defaults) to the container's memory limit: past it,
/// the kernel kills the server in the middle of a busy query.
public struct PostgresMemoryExceedsLimit: Rule {
  public static let description = RuleDescription(
    id: "postgres-memory-exceeds-limit",
    category: .runtime,
    severity: .warning,
    summary: "Postgres settings can allocate more than the container's memory limit",
    rationale: """
      A Postgres server allocates `shared_buffers` once, then up to `work_mem` × \
      `hash_mem_multiplier` (2.0 by default) per sort or hash operation of every session, and \
      `maintenance_work_mem` for VACUUM and index builds. deploylint estimates the worst case as \
      `shared_buffers + max_connections × work_mem × 2 + maintenance_work_mem` (a query can run \
      several operations at once, so real peaks can be higher) with the settings of the \
      container's `command:` (`-c name=value`), or the defaults (128MB, 4MB, 100 connections, \
      64MB). When that exceeds the container's `mem_limit`, a burst of connections ends with the \
      server OOM-killed: an error. `shared_buffers` above 40 % of the memory is \
      unlikely to help (PostgreSQL docs) and leaves little for the sessions: a warning. \
      `effective_cache_size` is a planner hint, not memory, and is not counted.
      """,
    references: [
      Reference(
        "PostgreSQL: resource consumption (shared_buffers, work_mem, hash_mem_multiplier)",
        "https://www.postgresql.org/docs/current/runtime-config-resource.html"),
      Reference("postgres image docs: database configuration", "https://hub.docker.com/_/postgres"),
    ],
    fix: """
      Set settings that fit on the server's command line, e.g. for `mem_limit: 256m`:

      ```yaml
      command: postgres -c shared_buffers=64MB -c work_mem=4MB -c max_connections=14 -c maintenance_work_mem=16MB
      ```

      (shared_buffers about 25 % of the limit, the worst case within 75 % of it), put a \
      connection pooler (PgBouncer) in front so fewer server connections are needed, or raise \
      the limit.
      """,
    examples: examples)

  public init(options: RuleOptions) {}

  public func check(_ project: Project) -> [Finding] {
    project.services.compactMap(check)
  }

  func check(_ service: Service) -> Finding? {
    guard let facts = service.compose, let limit = facts.memLimit, let settings = service.servers.postgres
    else { return nil }
    let estimate = settings.estimate
    let limitText = "\(limit.written) (\(Bytes.format(limit.value, .binary)))"
    let sharedShare = Double(settings.sharedBuffers) / Double(limit.value)
    let exceeds = estimate.bytes > limit.value
    guard exceeds || sharedShare > 0.4 else { return nil }
    let fit = settings.fitting(limit.value)
    let origin = settings.settings.isEmpty ? "the default settings" : "its settings"
    var message: String
    var span: Span
    if exceeds {
      message =
        "Postgres `\(facts.serviceName)` can allocate up to \(estimate.arithmetic) with \(origin), more than "
        + "its container \(limitText): a burst of connections gets the server OOM-killed."
      // Point at the largest term the command sets, else at the limit.
      let perConnections = Saturating.product(
        Saturating.product(settings.maxConnections, settings.workMem), 2)
      let culprit =
        perConnections >= settings.sharedBuffers
        ? (settings.settings["work_mem"] ?? settings.settings["max_connections"])
        : settings.settings["shared_buffers"]
      span = culprit?.span ?? limit.span
    } else {
      message =
        "Postgres `\(facts.serviceName)` sets shared_buffers to \(Bytes.format(settings.sharedBuffers, .binary)), "
        + "\(Saturating.int((sharedShare * 100).rounded())) % of its container \(limitText): the PostgreSQL docs start "
        + "at 25 % and find more than 40 % unlikely to help, and it leaves little for the sessions "
        + "(worst case \(estimate.arithmetic))."
      span = settings.settings["shared_buffers"]?.span ?? limit.span
    }
    if settings.settings["effective_cache_size"] != nil {
      message += " (`effective_cache_size` is a planner hint, not memory, and is not counted.)"
    }
    var related: [RelatedLocation] = []
    if limit.span != span {
      related.append(RelatedLocation(limit.span, "container limit: \(limit.written)"))
    }
    let help = [
      "command: \(fit.commandLine) (worst case \(fit.estimate.arithmetic))",
      "or put PgBouncer in front to need fewer server connections, or raise \(limit.key) to at least "
        + MemorySize.dockerText(Saturating.sum(estimate.bytes, Bytes.MiB - 1) / Bytes.MiB * Bytes.MiB),
    ]
    return finding(
      message, at: span, help: help, related: related, service: service.name,
      severity: exceeds ? .error : .warning)
  }
}
