import DeploylintCore

/// Flags compose memory and replica settings that Compose or the Docker
/// daemon refuse: a service-level `replicas:` (not a Compose key), distinct
/// `mem_limit` and `deploy.resources.limits.memory`, and a reservation above
/// the limit.
public struct InvalidComposeKey: Rule {
  public static let description = RuleDescription(
    id: "invalid-compose-key",
    category: .platform,
    severity: .error,
    summary: "A compose service sets replicas or memory in a way Compose or Docker rejects",
    rationale: """
      - `replicas:` directly under a service is not part of the Compose specification: the \
      service schema allows no other properties, so `docker compose` refuses the file \
      ("additional properties 'replicas' not allowed"). Replicas are `deploy.replicas` (or \
      `scale`). Seed 004's tier 4 configuration has `replicas: 2` there.
      - `mem_limit` and `deploy.resources.limits.memory` (likewise `mem_reservation` and \
      `deploy.resources.reservations.memory`) must be consistent when both are set: compose-go \
      rejects distinct values ("can't set distinct values on 'mem_limit' and \
      'deploy.resources.limits.memory'").
      - A reservation above the limit is refused by the Docker daemon when the container is \
      created ("Minimum memory limit should be larger than memory reservation limit").
      - `container_name` with more than one replica: the specification says Compose does not \
      scale a service beyond one container when the file sets a `container_name`, and that \
      trying is an error (container names are unique); compose-go refuses the project when it \
      loads it.
      - A size that is negative, not a number (`lots`) or beyond what a byte count holds, and a \
      replica or CPU count that is not a number, are refused by Compose. Values are read after \
      interpolation (`${VAR:-default}` and the `.env` beside the file), as Compose reads them, \
      and the finding points at the value as written.
      """,
    references: [
      Reference(
        "Compose specification: services (mem_limit, scale)",
        "https://github.com/compose-spec/compose-spec/blob/170098ba07d9f53c383a41bfd4c5166b0a4529a6/05-services.md"
      ),
      Reference(
        "Compose specification: deploy",
        "https://github.com/compose-spec/compose-spec/blob/170098ba07d9f53c383a41bfd4c5166b0a4529a6/deploy.md"
      ),
      Reference(
        "Compose specification: container_name",
        "https://github.com/compose-spec/compose-spec/blob/170098ba07d9f53c383a41bfd4c5166b0a4529a6/05-services.md#container_name"
      ),
      Reference(
        "Compose specification: interpolation",
        "https://github.com/compose-spec/compose-spec/blob/170098ba07d9f53c383a41bfd4c5166b0a4529a6/12-interpolation.md"
      ),
      Reference(
        "moby daemon_unix.go: verifyPlatformContainerResources",
        "https://github.com/moby/moby/blob/master/daemon/daemon_unix.go"),
    ],
    fix: """
      Move replicas under `deploy:`:

      ```yaml
      api:
        deploy:
          replicas: 2
      ```

      Keep one memory limit per service (either `mem_limit` or `deploy.resources.limits.memory`), \
      and a reservation at or below the limit. Drop `container_name` from a service with replicas \
      (Compose names them `api-1`, `api-2`, …). Write sizes as a positive number with a unit \
      (`512m`, `2g`) and counts as whole numbers, also when they come from a variable's default.
      """,
    examples: examples)

  public init(options: RuleOptions) {}

  public func check(_ project: Project) -> [Finding] {
    project.services.flatMap(check)
  }

  func check(_ service: Service) -> [Finding] {
    guard let c = service.compose else { return [] }
    var findings: [Finding] = []
    let name = c.serviceName
    if let misplaced = c.misplacedReplicas {
      let value = misplaced.value
      findings.append(
        finding(
          "`replicas: \(value)` is not a Compose key at the service level of `\(name)`: the service schema "
            + "allows no other properties, so `docker compose` rejects the file (and tools that skip "
            + "validation run a single container).",
          at: misplaced.span,
          help: ["move it under deploy: `deploy: {replicas: \(value)}`, or use `scale: \(value)`"],
          service: service.name))
    }
    for size in c.unreadableSizes {
      let tooLarge = MemorySize.read(size.value, convention: .docker) == .tooLarge
      findings.append(
        finding(
          "`\(size.key): \(size.value)` of `\(name)` "
            + (tooLarge
              ? "is \(Saturating.beyondText)"
              : size.value.trimmingWhitespace().hasPrefix("-")
                ? "is negative, and a size is a byte count"
                : "is not a byte value Compose accepts (a number with b, k, m or g, as `512m` or `2g`)")
            + (size.key.contains("limit")
              ? ": Compose rejects it; deploylint counts the service as limited by a value it cannot read, "
                + "not as unlimited."
              : ": Compose rejects it; deploylint reads the service as having no such setting."),
          at: size.span, help: ["write a byte value Compose accepts, such as `512m` or `2g`"],
          service: service.name))
    }
    for number in c.unreadableNumbers {
      findings.append(
        finding(
          "`\(number.key): \(number.value)` of `\(name)` is not "
            + (number.key.hasSuffix("cpus") ? "a CPU count" : "a whole number of containers")
            + " Compose accepts, so `docker compose` rejects the file; deploylint reads the service as having "
            + "no such setting.",
          at: number.span,
          help: [
            number.key.hasSuffix("cpus")
              ? "write a number of CPUs, such as `0.5` or `2`"
              : "write a whole number, or a variable whose value is one (`${WORKER_REPLICAS:-3}`)"
          ],
          service: service.name))
    }
    if let fixed = c.containerName, let replicas = c.replicas, replicas.value > 1 {
      // Compose specification, 05-services.md `container_name`: Compose does
      // not scale a service beyond one container when it has a fixed name,
      // and trying is an error. compose-go refuses the project when it is
      // loaded ("can't set container_name and <service> as container name
      // must be unique").
      findings.append(
        finding(
          "`\(name)` sets container_name `\(fixed.value)` and \(replicas.written): container names are "
            + "unique, so Compose refuses to start \(replicas.value) containers of it (\"can't set container_name "
            + "and \(name) as container name must be unique\").",
          at: replicas.span,
          help: [
            "remove `container_name` (Compose names the replicas \(name)-1, \(name)-2, …), or run one replica"
          ],
          related: [RelatedLocation(fixed.span, "container_name: \(fixed.value)")], service: service.name))
    }
    if let a = c.serviceMemLimit, let b = c.deployMemLimit, a.value != b.value {
      findings.append(
        finding(
          "`\(name)` sets \(a.written) (\(Bytes.format(a.value, .binary))) and "
            + "\(b.written) (\(Bytes.format(b.value, .binary))): "
            + "Compose rejects distinct values (\"can't set distinct values on 'mem_limit' and "
            + "'deploy.resources.limits.memory'\").",
          at: b.span, help: ["keep one of them; deploylint used \(a.written)"],
          related: [RelatedLocation(a.span, a.written)], service: service.name))
    }
    if let a = c.serviceMemReservation, let b = c.deployMemReservation, a.value != b.value {
      findings.append(
        finding(
          "`\(name)` sets \(a.written) and \(b.written): Compose rejects distinct values.",
          at: b.span, help: ["keep one of them"], service: service.name))
    }
    if let limit = c.memLimit, let reservation = c.memReservation, reservation.value > limit.value {
      findings.append(
        finding(
          "`\(name)` reserves \(Bytes.format(reservation.value, .binary)), more than its limit \(limit.written) "
            + "(\(Bytes.format(limit.value, .binary))): the Docker daemon refuses to create the container (\"Minimum "
            + "memory limit should be larger than memory reservation limit\").",
          at: reservation.span,
          help: [
            "lower the reservation to \(MemorySize.dockerText(limit.value)) at most, or raise the limit"
          ],
          related: [RelatedLocation(limit.span, "limit: \(limit.written)")], service: service.name))
    }
    return findings
  }
}
