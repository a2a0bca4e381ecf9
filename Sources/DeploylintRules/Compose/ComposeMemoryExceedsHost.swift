import DeploylintCore

/// Adds up the memory limits (× replicas) of the services a compose host
/// starts by default and compares the sum with the host's declared memory:
/// limits that add up to more than the machine are not limits (seed 004: the
/// MemoList stack on a 4 GB Raspberry Pi).
public struct ComposeMemoryExceedsHost: Rule {
  public static let description = RuleDescription(
    id: "compose-memory-exceeds-host",
    category: .runtime,
    severity: .error,
    summary: "The memory limits (or reservations) of a compose stack add up to more than its host",
    rationale: """
      `mem_limit` / `deploy.resources.limits.memory` cap each container, but nothing checks that \
      the caps fit together: when the services of a stack are allowed more than the machine has, \
      they can all be within their limits and still run the host out of memory, and the kernel's \
      OOM killer picks a victim (often the database, the largest process) across containers. \
      Each replica (`deploy.replicas`, `scale`) is its own container with the full limit. \
      Reservations (`mem_reservation`, `deploy.resources.reservations.memory`) that add up to \
      more than the host cannot be honoured at all. Services behind a `profiles:` entry are left \
      out: Compose starts them only when the profile is activated. The host's memory comes from \
      `--host-memory` or `host.memory` in `.deploylint.yml`; leave room for the OS and the \
      Docker daemon beside the containers.
      """,
    references: [
      Reference(
        "Compose specification: mem_limit, mem_reservation",
        "https://github.com/compose-spec/compose-spec/blob/170098ba07d9f53c383a41bfd4c5166b0a4529a6/05-services.md#mem_limit"
      ),
      Reference(
        "Compose specification: deploy.resources, deploy.replicas",
        "https://github.com/compose-spec/compose-spec/blob/170098ba07d9f53c383a41bfd4c5166b0a4529a6/deploy.md"
      ),
      Reference(
        "Docker: resource constraints (memory)",
        "https://docs.docker.com/engine/containers/resource_constraints/"),
    ],
    fix: """
      Lower the limits so that their sum (× replicas) stays below the host's memory with room for \
      the OS — deploylint prints limits scaled to fit —, move a service to another machine, or \
      declare the bigger host the stack really runs on (`host.memory` in `.deploylint.yml`).
      """,
    examples: [
      .triggering(
        "seed 004 tier 4 limits on the 4 GB Pi",
        [
          ExampleFile(".deploylint.yml", "host:\n  name: pi4\n  memory: 4g\n"),
          ExampleFile(
            "docker-compose.yml",
            """
            ↓services:
              api:
                image: memolist/api
                mem_limit: 4096m
              postgres:
                image: postgres:15
                mem_limit: 4096m
                command: postgres -c shared_buffers=1GB
              nginx:
                image: nginx:1.27
                mem_limit: 512m

            """),
        ]),
      .triggering(
        "replicas multiply the limit",
        [
          ExampleFile(".deploylint.yml", "host:\n  memory: 2g\n"),
          ExampleFile(
            "compose.yaml",
            """
            ↓services:
              worker:
                image: app/worker
                deploy:
                  replicas: 3
                  resources:
                    limits:
                      memory: 768M

            """),
        ]),
      .nonTriggering(
        "seed 004 tier 1 limits fit in 4 GB; a profiled service is not counted",
        [
          ExampleFile(".deploylint.yml", "host:\n  name: pi4\n  memory: 4g\n"),
          ExampleFile(
            "docker-compose.yml",
            """
            services:
              api:
                image: memolist/api
                mem_limit: 512m
              postgres:
                image: postgres:15
                mem_limit: 256m
              tools:
                image: memolist/tools
                profiles: [debug]
                mem_limit: 8g

            """),
        ]),
      .nonTriggering(
        "no host memory declared: nothing to compare with",
        [
          ExampleFile(
            "docker-compose.yml",
            """
            services:
              api:
                image: memolist/api
                mem_limit: 64g

            """)
        ]),
    ])

  public init(options: NoOptions) {}

  public func check(_ project: Project) -> [Finding] {
    project.hosts.compactMap { check($0, project) }
  }

  struct Term {
    var service: Service
    var facts: ComposeFacts
    var bytes: Int64
  }

  func check(_ host: HostFacts, _ project: Project) -> Finding? {
    let services = ComposeImages.services(of: host, in: project)
    let limits = services.compactMap { s in
      s.compose.flatMap { c in c.memLimit.map { Term(service: s, facts: c, bytes: $0 * Int64(c.replicas)) } }
    }
    let reservations = services.compactMap { s in
      s.compose.flatMap { c in
        c.memReservation.map { Term(service: s, facts: c, bytes: $0 * Int64(c.replicas)) }
      }
    }
    let limitSum = limits.reduce(Int64(0)) { $0 + $1.bytes }
    let reservationSum = reservations.reduce(Int64(0)) { $0 + $1.bytes }
    let budget = host.budget
    guard limitSum > budget.bytes || reservationSum > budget.bytes else { return nil }

    func terms(_ list: [Term], limit: Bool) -> String {
      list.map { t in
        let each = limit ? t.facts.memLimit ?? 0 : t.facts.memReservation ?? 0
        return "\(t.facts.serviceName) \(BinaryBytes.format(each)) × \(t.facts.replicas)"
      }.joined(separator: " + ")
    }
    let hostText = "host has (\(budget.source))"
    var message: String
    var related: [RelatedLocation] = []
    if let span = budget.span { related.append(RelatedLocation(span, budget.source)) }
    if limitSum > budget.bytes {
      message =
        "The memory limits of the services \(host.composeFile) starts by default add up to "
        + "\(terms(limits, limit: true)) = \(BinaryBytes.format(limitSum)), more than the \(hostText)."
      if reservationSum > budget.bytes {
        message +=
          " Even the reservations add up to \(BinaryBytes.format(reservationSum)): they cannot be honoured."
      }
      for t in limits {
        if let span = t.facts.memLimitSpan {
          related.append(RelatedLocation(span, "\(t.facts.serviceName): \(t.facts.memLimitText ?? "")"))
        }
      }
    } else {
      message =
        "The memory reservations of the services \(host.composeFile) starts by default add up to "
        + "\(terms(reservations, limit: false)) = \(BinaryBytes.format(reservationSum)), more than the "
        + "\(hostText): they cannot all be honoured."
      for t in reservations {
        if let span = t.facts.memReservationSpan {
          related.append(RelatedLocation(span, "\(t.facts.serviceName): reservation"))
        }
      }
    }
    let misplaced = services.compactMap { s -> String? in
      guard let c = s.compose, let v = c.misplacedReplicasValue else { return nil }
      return "`\(c.serviceName)` (`replicas: \(v)`)"
    }
    if !misplaced.isEmpty {
      message +=
        " Counted once: \(misplaced.joined(separator: ", ")), whose service-level `replicas:` is not a "
        + "Compose key (see invalid-compose-key); under `deploy:` it would multiply the limit."
    }

    var help: [String] = []
    let list = limitSum > budget.bytes ? limits : reservations
    let sum = limitSum > budget.bytes ? limitSum : reservationSum
    let key = limitSum > budget.bytes ? "mem_limit" : "mem_reservation"
    // Scale every limit by the same factor, rounded down to 64 MiB steps.
    let step = 64 * Bytes.MiB
    let scaled = list.map { t -> String in
      let each = (limitSum > budget.bytes ? t.facts.memLimit : t.facts.memReservation) ?? 0
      let fit = max(step, Int64(Double(each) * Double(budget.bytes) / Double(sum)) / step * step)
      return "\(t.facts.serviceName): \(key): \(MemorySize.dockerText(fit))"
    }
    help.append(
      "scale the \(key)s to fit \(BinaryBytes.format(budget.bytes)) (leave room for the OS): "
        + scaled.joined(separator: ", "))
    if let biggest = list.max(by: { $0.bytes < $1.bytes }) {
      let over = sum - budget.bytes
      let each = (limitSum > budget.bytes ? biggest.facts.memLimit : biggest.facts.memReservation) ?? 0
      let lowered = (each * Int64(biggest.facts.replicas) - over) / Int64(max(1, biggest.facts.replicas))
      if lowered >= step {
        help.append(
          "or lower the biggest, `\(biggest.facts.serviceName)`, by \(BinaryBytes.format(over)) to "
            + "\(key): \(MemorySize.dockerText(lowered / Bytes.MiB * Bytes.MiB)) at most")
      }
    }
    let gib = (sum + Bytes.GiB - 1) / Bytes.GiB
    // What the misplaced replicas would add once moved under `deploy:`.
    let extra = list.reduce(Int64(0)) { total, t in
      guard let v = t.facts.misplacedReplicasValue, let n = Int(v), n > 1 else { return total }
      return total + t.bytes * Int64(n - 1)
    }
    let withReplicas =
      extra > 0
      ? " (\((sum + extra + Bytes.GiB - 1) / Bytes.GiB) GiB once the replicas are under `deploy:`)" : ""
    help.append(
      "or run the stack on a host with at least \(gib) GiB\(withReplicas) and declare it: host.memory: \(gib)g"
    )
    return finding(message, at: host.composeSpan, help: help, related: related)
  }
}
