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
    examples: examples)

  public init(options: RuleOptions) {}

  public func check(_ project: Project) -> [Finding] {
    project.hosts.flatMap(check)
  }

  func check(_ host: HostFacts) -> [Finding] {
    let taken = host.limitTotal
    let budget = host.budget
    let unlimited = host.members.filter { $0.compose.memLimit == nil && $0.compose.replicaCount > 0 }
    return unlimited.map { member -> Finding in
      let facts = member.compose
      let left = Saturating.difference(budget.bytes, taken)
      var help: [String]
      if left >= 64 * Bytes.MiB {
        let share = left / Int64(max(1, unlimited.count)) / Int64(max(1, facts.replicaCount))
        let suggestion = max(64 * Bytes.MiB, share / (64 * Bytes.MiB) * (64 * Bytes.MiB))
        help = [
          "the other limits take \(Bytes.format(taken, .binary)) of \(Bytes.format(budget.bytes, .binary)), "
            + "leaving \(Bytes.format(left, .binary)) (shared by \(unlimited.count) unlimited service"
            + "\(unlimited.count == 1 ? "" : "s") and the OS): add `mem_limit: \(MemorySize.dockerText(suggestion))` "
            + "at most to `\(facts.serviceName)`"
        ]
      } else {
        help = [
          "add a `mem_limit:` to `\(facts.serviceName)`; the other limits already take "
            + "\(Bytes.format(taken, .binary)) of \(Bytes.format(budget.bytes, .binary)), so lower them too "
            + "(see compose-memory-exceeds-host)"
        ]
      }
      return finding(
        "`\(facts.serviceName)` has no memory limit, so it may take all the memory of the host "
          + "(\(budget.source)) and get the other containers OOM-killed.",
        at: member.span, help: help, related: budget.related, service: member.service)
    }
  }
}
