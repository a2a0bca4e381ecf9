import DeploylintCore

/// Flags a compose service with no memory limit on a host whose memory is
/// declared: one leaking or busy container can take the whole machine and
/// get its neighbours OOM-killed (seed 004: MinIO beside Postgres on a Pi).
public struct ServiceWithoutMemoryLimit: Rule {
  public static let description = RuleDescription(
    id: "service-without-memory-limit",
    category: .runtime,
    severity: .warning,
    summary: "A compose service on a declared host has no memory limit",
    rationale: """
      Without `mem_limit` (or `deploy.resources.limits.memory`) a container may use all the \
      memory of the host. On a small machine shared by several services (a Raspberry Pi, a VPS), \
      one container that grows — a cache, an object store buffering uploads, a runaway Node \
      heap — pushes the host into its OOM killer, which may pick another container, typically \
      the database, the largest process. With a limit, the kernel confines the failure to the \
      container that exceeded it. This rule only runs when the host's memory is declared \
      (`host.memory` in `.deploylint.yml` or `--host-memory`), so that the limit it proposes \
      fits what the other services already take. Services behind a `profiles:` entry are not \
      started by default and are skipped.
      """,
    references: [
      Reference(
        "Compose specification: mem_limit",
        "https://github.com/compose-spec/compose-spec/blob/170098ba07d9f53c383a41bfd4c5166b0a4529a6/05-services.md#mem_limit"
      ),
      Reference(
        "Docker: resource constraints (memory)",
        "https://docs.docker.com/engine/containers/resource_constraints/"),
    ],
    fix: """
      Give the service a limit that fits beside the others, e.g. `mem_limit: 512m`; deploylint \
      prints how much of the host the other limits leave.
      """,
    examples: [
      .triggering(
        "seed 004: MinIO without a limit beside limited services on the Pi",
        [
          ExampleFile(".deploylint.yml", "host:\n  name: pi4\n  memory: 4g\n"),
          ExampleFile(
            "docker-compose.yml",
            """
            services:
              postgres:
                image: postgres:15
                mem_limit: 1200m
                command: postgres -c shared_buffers=256MB -c max_connections=40
              ↓minio:
                image: minio/minio
                command: server /data

            """),
        ]),
      .nonTriggering(
        "every default service is limited; the profiled one is not started by default",
        [
          ExampleFile(".deploylint.yml", "host:\n  memory: 4g\n"),
          ExampleFile(
            "docker-compose.yml",
            """
            services:
              minio:
                image: minio/minio
                deploy:
                  resources:
                    limits:
                      memory: 512M
              adminer:
                image: adminer
                profiles: [debug]

            """),
        ]),
      .nonTriggering(
        "no host declared",
        [
          ExampleFile(
            "docker-compose.yml",
            """
            services:
              minio:
                image: minio/minio

            """)
        ]),
    ])

  public init(options: NoOptions) {}

  public func check(_ project: Project) -> [Finding] {
    project.hosts.flatMap { check($0, project) }
  }

  func check(_ host: HostFacts, _ project: Project) -> [Finding] {
    let services = ComposeImages.services(of: host, in: project)
    let limited = services.compactMap { s in
      s.compose.flatMap { c in c.memLimit.map { $0 * Int64(c.replicas) } }
    }
    let taken = limited.reduce(Int64(0), +)
    let budget = host.budget
    return services.compactMap { service -> Finding? in
      guard let facts = service.compose, facts.memLimit == nil, facts.replicas > 0 else { return nil }
      let unlimited = services.filter { $0.compose?.memLimit == nil && ($0.compose?.replicas ?? 1) > 0 }.count
      let left = budget.bytes - taken
      var help: [String]
      if left >= 64 * Bytes.MiB {
        let share = left / Int64(max(1, unlimited)) / Int64(max(1, facts.replicas))
        let suggestion = max(64 * Bytes.MiB, share / (64 * Bytes.MiB) * (64 * Bytes.MiB))
        help = [
          "the other limits take \(BinaryBytes.format(taken)) of \(BinaryBytes.format(budget.bytes)), "
            + "leaving \(BinaryBytes.format(left)) (shared by \(unlimited) unlimited service"
            + "\(unlimited == 1 ? "" : "s") and the OS): add `mem_limit: \(MemorySize.dockerText(suggestion))` "
            + "at most to `\(facts.serviceName)`"
        ]
      } else {
        help = [
          "add a `mem_limit:` to `\(facts.serviceName)`; the other limits already take "
            + "\(BinaryBytes.format(taken)) of \(BinaryBytes.format(budget.bytes)), so lower them too "
            + "(see compose-memory-exceeds-host)"
        ]
      }
      var related: [RelatedLocation] = []
      if let span = budget.span { related.append(RelatedLocation(span, budget.source)) }
      return finding(
        "`\(facts.serviceName)` has no memory limit, so it may take all the memory of the host "
          + "(\(budget.source)) and get the other containers OOM-killed.",
        at: service.span, help: help, related: related, service: service.name)
    }
  }
}
