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
      started by default and are skipped. A one-shot job — `restart: "no"`, or a service another \
      waits for with `depends_on: {job: {condition: service_completed_successfully}}`, which the \
      Compose specification describes as expected to run to successful completion — holds \
      memory only while it runs, so it gets a note rather than a warning. A limit that is written \
      but unreadable (`mem_limit: lots`, `-1g`) is reported by invalid-compose-key, not here.
      """,
    references: [
      Reference(
        "Compose specification: mem_limit",
        "https://github.com/compose-spec/compose-spec/blob/170098ba07d9f53c383a41bfd4c5166b0a4529a6/05-services.md#mem_limit"
      ),
      Reference(
        "Compose specification: depends_on (service_completed_successfully)",
        "https://github.com/compose-spec/compose-spec/blob/170098ba07d9f53c383a41bfd4c5166b0a4529a6/05-services.md#depends_on"
      ),
      Reference(
        "Docker: resource constraints (memory)",
        "https://docs.docker.com/engine/containers/resource_constraints/"),
    ],
    fix: """
      Give the service a limit that fits beside the others, e.g. `mem_limit: 512m`. deploylint \
      proposes one that covers what the service is known to need (a JVM heap with its \
      overhead, a Postgres worst case, Redis `maxmemory` with its overhead) and leaves the host \
      its reserve for the OS and the container runtime: 10 % of its memory or 256 MiB, whichever \
      is larger (`host.reserve` in `.deploylint.yml` sets another). When the known needs alone do \
      not fit, it says so instead of proposing limits that cannot work.
      """,
    examples: examples)

  public init(options: RuleOptions) {}

  public func check(_ project: Project) -> [Finding] {
    project.hosts.flatMap { check($0, project) }
  }

  func check(_ host: HostFacts, _ project: Project) -> [Finding] {
    let taken = host.limitTotal
    let budget = host.budget
    // A limit written but unreadable (`mem_limit: lots`) is invalid-compose-key's
    // finding, located at the value: the service is not "without a limit".
    let unlimited = host.members.filter {
      $0.compose.memLimit == nil && !$0.compose.hasUnreadableLimit && $0.compose.replicaCount > 0
    }
    let plan = HostLimitPlan(unlimited, host: host, project: project, fixed: taken)
    // Unlimited services share what the other limits and the reserve leave:
    // those with a known need get it, the others equal parts of the rest.
    let limits = plan.proportional { $0.need == nil ? 1 : 0 }
    let context =
      "the other limits take \(Bytes.format(taken, .binary)) of \(Bytes.format(budget.bytes, .binary)) and the host "
      + "keeps \(host.reserve.description), leaving \(Bytes.format(plan.available, .binary)) for \(unlimited.count) "
      + "unlimited service\(unlimited.count == 1 ? "" : "s")"
    return unlimited.map { member -> Finding in
      let facts = member.compose
      var help: [String]
      if let limits, let entry = limits.first(where: { $0.member.service == member.service }) {
        var line =
          "\(context): add `mem_limit: \(MemorySize.dockerText(entry.limit))` to `\(facts.serviceName)`"
        if let need = entry.need {
          line += " (it needs \(need.arithmetic))"
        } else if unlimited.count > 1 {
          line += " (an equal share of what the services with a known need leave)"
        }
        help = [line]
      } else if !plan.needsFit {
        help = [
          "no limits can make this stack fit: the known needs alone, \(plan.needsText), are more than the "
            + "\(Bytes.format(plan.available, .binary)) that the other limits (\(Bytes.format(taken, .binary))) and "
            + "the host's reserve (\(Bytes.format(host.reserve.bytes, .binary))) leave of \(Bytes.format(budget.bytes, .binary)); "
            + "lower those needs (heaps, caches), move a service to another machine, or declare a bigger host"
        ]
      } else {
        help = [
          "add a `mem_limit:` to `\(facts.serviceName)`; the other limits and the host's reserve already take "
            + "\(Bytes.format(Saturating.sum(taken, host.reserve.bytes), .binary)) of \(Bytes.format(budget.bytes, .binary)), "
            + "so lower them too (see compose-memory-exceeds-host)"
        ]
      }
      if let oneShot = facts.oneShot {
        // A job that runs to completion and exits (a migration) holds its
        // memory only while it runs: worth a limit, not a warning.
        return finding(
          "`\(facts.serviceName)` is a one-shot job (\(oneShot.value)) without a memory limit: while it runs it "
            + "may take all the memory of the host (\(budget.source)), then it exits and frees it.",
          at: member.span, help: help,
          related: [RelatedLocation(oneShot.span, "runs once: \(oneShot.value)")] + budget.related,
          service: member.service, severity: .note)
      }
      return finding(
        "`\(facts.serviceName)` has no memory limit, so it may take all the memory of the host "
          + "(\(budget.source)) and get the other containers OOM-killed.",
        at: member.span, help: help, related: budget.related, service: member.service)
    }
  }
}
