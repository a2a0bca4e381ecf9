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
      the OS and the container runtime — deploylint prints limits scaled to fit the host less its \
      reserve (10 % or 256 MiB, whichever is larger; `host.reserve` sets another), none below what \
      its service is known to need, or says that no limits can fit —, move a service to another \
      machine, or declare the bigger host the stack really runs on (`host.memory` in `.deploylint.yml`).
      """,
    examples: examples)

  public init(options: RuleOptions) {}

  public func check(_ project: Project) -> [Finding] {
    project.hosts.compactMap { check($0, project) }
  }

  func check(_ host: HostFacts, _ project: Project) -> Finding? {
    let budget = host.budget
    let limitSum = host.limitTotal
    let reservationSum = host.reservationTotal
    guard limitSum > budget.bytes || reservationSum > budget.bytes else { return nil }
    let limits = host.members.filter { $0.compose.memLimit != nil }
    let reservations = host.members.filter { $0.compose.memReservation != nil }
    func terms(_ list: [HostMember], limit: Bool) -> String {
      list.map { m in
        let each = (limit ? m.compose.memLimit : m.compose.memReservation)?.value ?? 0
        return "\(m.compose.serviceName) \(Bytes.format(each, .binary)) × \(m.compose.replicaCount)"
      }.joined(separator: " + ")
    }
    let hostText = "host has (\(budget.source))"
    var message: String
    var related = budget.related
    if limitSum > budget.bytes {
      message =
        "The memory limits of the services \(host.composeFile) starts by default add up to "
        + "\(terms(limits, limit: true)) = \(Bytes.format(limitSum, .binary)), more than the \(hostText)."
      if reservationSum > budget.bytes {
        message +=
          " Even the reservations add up to \(Bytes.format(reservationSum, .binary)): they cannot be honoured."
      }
      for m in limits {
        if let limit = m.compose.memLimit {
          related.append(RelatedLocation(limit.span, "\(m.compose.serviceName): \(limit.written)"))
        }
      }
    } else {
      message =
        "The memory reservations of the services \(host.composeFile) starts by default add up to "
        + "\(terms(reservations, limit: false)) = \(Bytes.format(reservationSum, .binary)), more than the "
        + "\(hostText): they cannot all be honoured."
      for m in reservations {
        if let reservation = m.compose.memReservation {
          related.append(RelatedLocation(reservation.span, "\(m.compose.serviceName): reservation"))
        }
      }
    }
    let misplaced = host.members.compactMap { m -> String? in
      guard let v = m.compose.misplacedReplicas?.value else { return nil }
      return "`\(m.compose.serviceName)` (`replicas: \(v)`)"
    }
    if !misplaced.isEmpty {
      message +=
        " Counted once: \(misplaced.joined(separator: ", ")), whose service-level `replicas:` is not a "
        + "Compose key (see invalid-compose-key); under `deploy:` it would multiply the limit."
    }
    var help: [String] = []
    let overLimits = limitSum > budget.bytes
    let list = overLimits ? limits : reservations
    let sum = overLimits ? limitSum : reservationSum
    let key = overLimits ? "mem_limit" : "mem_reservation"
    func each(_ m: HostMember) -> Int64 {
      (overLimits ? m.compose.memLimit : m.compose.memReservation)?.value ?? 0
    }
    func total(_ m: HostMember) -> Int64 { (overLimits ? m.limitTotal : m.reservationTotal) ?? 0 }
    // Scale the limits to what the host leaves after its reserve, each at
    // least the service's known need; say so when the needs alone do not fit.
    let step = HostLimitPlan.step
    let usable = host.usable
    let plan = HostLimitPlan(list, host: host, project: project)
    if overLimits, let scaled = plan.proportional(weight: { each($0.member) }) {
      help.append(
        "scale the mem_limits to fit \(Bytes.format(budget.bytes, .binary)) less \(host.reserve.description), "
          + "none below what its service is known to need: "
          + scaled.map { "\($0.member.compose.serviceName): mem_limit: \(MemorySize.dockerText($0.limit))" }
          .joined(separator: ", "))
    } else if overLimits {
      help.append(
        "no limits can make this stack fit: the known needs alone, \(plan.needsText), are more than the "
          + "\(Bytes.format(usable, .binary)) left of \(Bytes.format(budget.bytes, .binary)) after the host's reserve "
          + "(\(Bytes.format(host.reserve.bytes, .binary))); lower those needs or move a service to another machine"
      )
    } else {
      let scaled = list.map { m -> String in
        let fit = max(step, Saturating.int64(Double(each(m)) * Double(usable) / Double(sum)) / step * step)
        return "\(m.compose.serviceName): \(key): \(MemorySize.dockerText(fit))"
      }
      help.append(
        "scale the \(key)s to fit \(Bytes.format(budget.bytes, .binary)) less \(host.reserve.description): "
          + scaled.joined(separator: ", "))
    }
    if let biggest = list.max(by: { total($0) < total($1) }) {
      let over = Saturating.difference(sum, usable)
      let replicas = biggest.compose.replicaCount
      let lowered =
        Saturating.difference(Saturating.product(replicas, each(biggest)), over) / Int64(max(1, replicas))
      let need = plan.entries.first { $0.member.service == biggest.service }?.need?.bytes ?? 0
      if lowered >= step, lowered >= need {
        help.append(
          "or lower the biggest, `\(biggest.compose.serviceName)`, by \(Bytes.format(over, .binary)) to "
            + "\(key): \(MemorySize.dockerText(lowered / Bytes.MiB * Bytes.MiB)) at most")
      }
    }
    let gib = Saturating.sum(sum, host.reserve.bytes, Bytes.GiB - 1) / Bytes.GiB
    // What the misplaced replicas would add once moved under `deploy:`.
    let extra = list.reduce(Int64(0)) { acc, m in
      guard let v = m.compose.misplacedReplicas?.value, let n = Saturating.parseCount(v), n > 1 else {
        return acc
      }
      return Saturating.sum(acc, Saturating.product(n - 1, total(m)))
    }
    let withReplicas =
      extra > 0
      ? " (\(Saturating.sum(sum, extra, host.reserve.bytes, Bytes.GiB - 1) / Bytes.GiB) GiB once the replicas are under `deploy:`)"
      : ""
    help.append(
      "or run the stack on a host with at least \(gib) GiB\(withReplicas) and declare it: host.memory: \(gib)g"
    )
    return finding(message, at: host.composeSpan, help: help, related: related)
  }
}
