/// Compose settings of a service (`mem_limit`, `deploy.resources`, replicas,
/// its command and what that command configures).
public struct ComposeFacts: Sendable, Hashable {
  public var file: String
  /// The service's key under `services:` (the report name may be suffixed).
  public var serviceName: String = ""
  /// Override files merged onto `file` (`compose.override.yml`), in order.
  public var overrideFiles: [String] = []
  public var image: Located<String>?
  public var builds = false
  /// The image's final-stage base when `build:` points at a Dockerfile
  /// (`postgres:16`), so image rules see built images too.
  public var builtFrom: String?
  public var profiles: [String] = []
  /// False for services behind a profile that is not active by default.
  public var activeByDefault = true
  /// The `command:` words, each where it is written.
  public var command: ComposeCommand?

  /// `mem_limit` and `deploy.resources.limits.memory` separately (both may
  /// be set; compose-go rejects distinct values).
  public var serviceMemLimit: Setting<Int64>?
  public var deployMemLimit: Setting<Int64>?
  /// `mem_reservation` and `deploy.resources.reservations.memory` separately.
  public var serviceMemReservation: Setting<Int64>?
  public var deployMemReservation: Setting<Int64>?
  /// Memory settings whose value is not a byte value (`mem_limit: lots`) or is
  /// beyond what deploylint represents: they count as unset.
  public var unreadableSizes: [Setting<String>] = []
  /// Counts and CPU values that are not numbers once interpolated
  /// (`deploy.replicas: many`, `cpus: half`): Compose rejects the file.
  public var unreadableNumbers: [Setting<String>] = []
  /// `deploy.replicas` or `scale`, when set (negative counts read as 0).
  public var replicas: Setting<Int>?
  /// `container_name`, interpolated: Compose starts at most one container of
  /// a service with a fixed name.
  public var containerName: Located<String>?
  /// Why the service is a one-shot job (it runs to completion and exits, as
  /// a migration does) rather than a long-running one, located at the
  /// evidence: `restart: "no"`, or another service waiting for it with
  /// `condition: service_completed_successfully`. Nil for long-running services.
  public var oneShot: Located<String>?
  /// A service-level `replicas:` key, which the compose schema rejects: its
  /// value as written, located at the key.
  public var misplacedReplicas: Located<String>?

  /// What the command configures when the service runs PostgreSQL.
  public var postgres: PostgresSettings?
  /// What the command configures when the service runs Redis or Valkey.
  public var redis: RedisSettings?

  public init(file: String) { self.file = file }

  /// The limit the container gets: `mem_limit`, else `deploy.resources.limits.memory`.
  public var memLimit: Setting<Int64>? { serviceMemLimit ?? deployMemLimit }
  /// The reservation: `mem_reservation`, else `deploy.resources.reservations.memory`.
  public var memReservation: Setting<Int64>? { serviceMemReservation ?? deployMemReservation }
  /// Whether `mem_limit` or `deploy.resources.limits.memory` is written but
  /// unreadable: the service has a limit deploylint cannot read, not "no limit".
  public var hasUnreadableLimit: Bool {
    unreadableSizes.contains { $0.key == "mem_limit" || $0.key == "deploy.resources.limits.memory" }
  }
  /// Containers Compose starts: the replicas setting, else one.
  public var replicaCount: Int { replicas?.value ?? 1 }
  /// The command's words as plain strings (empty without `command:`).
  public var commandWords: [String] { command?.words.map(\.value) ?? [] }
  /// The image references the service runs: `image:` and the Dockerfile base.
  public var imageReferences: [String] { [image?.value, builtFrom].compactMap { $0 } }
}

/// A compose `command:`, word by word.
public struct ComposeCommand: Sendable, Hashable {
  /// Each word after Compose's shell-like split, located at its token (or at
  /// the whole command when it could not be found).
  public var words: [Located<String>]
  /// The whole `command:` value.
  public var span: Span
  public init(words: [Located<String>], span: Span) {
    self.words = words
    self.span = span
  }
}

/// A machine that runs a compose stack, when its memory is declared, with the
/// services it starts and the sums of their limits, computed once here for
/// every rule and the budget picture.
public struct HostFacts: Sendable, Hashable {
  public var name: String
  public var budget: MemoryBudget
  public var composeFile: String
  public var composeSpan: Span
  /// The services the host starts by default (not behind a profile), in order.
  public private(set) var members: [HostMember] = []
  /// Σ limit × replicas over the members that have a limit.
  public private(set) var limitTotal: Int64 = 0
  /// Σ reservation × replicas over the members that have a reservation.
  public private(set) var reservationTotal: Int64 = 0
  /// Memory the host keeps for the OS and the container runtime.
  public var reserve: HostReserveAmount

  public init(
    name: String, budget: MemoryBudget, composeFile: String, composeSpan: Span,
    reserve: HostReserveAmount? = nil
  ) {
    self.name = name
    self.budget = budget
    self.composeFile = composeFile
    self.composeSpan = composeSpan
    self.reserve = reserve ?? HostReserveAmount.of(host: budget.bytes, declared: nil)
  }

  /// What the containers may use together: the host's memory less the reserve.
  public var usable: Int64 { max(0, Saturating.difference(budget.bytes, reserve.bytes)) }

  /// This host running `members`, with their sums.
  public func running(_ members: [HostMember]) -> HostFacts {
    var host = self
    host.members = members
    host.limitTotal = Saturating.sum(members.compactMap(\.limitTotal))
    host.reservationTotal = Saturating.sum(members.compactMap(\.reservationTotal))
    return host
  }
}

/// One service of a compose host.
public struct HostMember: Sendable, Hashable {
  /// The service's name in the report.
  public var service: String
  /// Where the service is declared.
  public var span: Span
  public var compose: ComposeFacts

  public init(service: String, span: Span, compose: ComposeFacts) {
    self.service = service
    self.span = span
    self.compose = compose
  }

  /// limit × replicas: what the member's containers may take together.
  public var limitTotal: Int64? {
    compose.memLimit.map { Saturating.product(compose.replicaCount, $0.value) }
  }
  /// reservation × replicas.
  public var reservationTotal: Int64? {
    compose.memReservation.map { Saturating.product(compose.replicaCount, $0.value) }
  }
}
