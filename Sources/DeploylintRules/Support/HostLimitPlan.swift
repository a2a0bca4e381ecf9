import DeploylintCore

/// Memory limits deploylint proposes for the services of a compose host
/// (issue 16 item 4): each covers the service's known need (a JVM heap with
/// its overhead, a Postgres worst case, Redis `maxmemory` with its overhead…),
/// and together they leave the host its reserve for the OS and the container
/// runtime. When the known needs alone do not fit, there is no plan: the rules
/// say so instead of proposing numbers that cannot work.
struct HostLimitPlan {
  static let step = 64 * Bytes.MiB

  /// A service's share of the plan.
  struct Entry {
    var member: HostMember
    /// Its known need, when there is one.
    var need: MemoryEstimate?
    /// The limit proposed for one replica.
    var limit: Int64 = 0
  }

  var entries: [Entry]
  /// Host memory less the reserve.
  var usable: Int64
  /// Memory already taken by limits the plan keeps as they are.
  var fixed: Int64

  /// The members whose limits the plan chooses, and the memory left to them.
  init(_ members: [HostMember], host: HostFacts, project: Project, fixed: Int64 = 0) {
    let byName = Dictionary(project.services.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    entries = members.map { m in
      Entry(
        member: m,
        need: byName[m.service].flatMap { ServiceEstimates.knownNeed($0, hostMemory: host.budget.bytes) })
    }
    usable = host.usable
    self.fixed = fixed
  }

  /// Σ known needs × replicas.
  var knownNeeds: Int64 {
    entries.reduce(Int64(0)) {
      Saturating.sum($0, Saturating.product(Int64(replicas($1)), $1.need?.bytes ?? 0))
    }
  }

  /// Memory the chosen limits may take together.
  var available: Int64 { max(0, usable - fixed) }

  /// True when the known needs fit the memory available.
  var needsFit: Bool { knownNeeds <= available }

  func replicas(_ e: Entry) -> Int { max(1, e.member.compose.replicaCount) }

  static func roundUp(_ b: Int64) -> Int64 { Saturating.sum(b, step - 1) / step * step }
  static func roundDown(_ b: Int64) -> Int64 { b / step * step }

  /// Limits in proportion to `weight` (the current limits, or equal shares),
  /// each at least its need rounded up; nil when the needs do not fit or a
  /// share would be below 64 MiB.
  func proportional(weight: (Entry) -> Int64) -> [Entry]? {
    guard needsFit else { return nil }
    var result = entries
    var pinned = Set<Int>()
    // Pin the members whose proportional share is below their need, then
    // share what is left among the others; repeat until stable.
    for _ in 0...entries.count {
      let free = result.indices.filter { !pinned.contains($0) }
      let pinnedTotal = pinned.reduce(Int64(0)) {
        Saturating.sum($0, Saturating.product(Int64(replicas(result[$1])), result[$1].limit))
      }
      let left = available - pinnedTotal
      let weights = free.reduce(Int64(0)) {
        Saturating.sum($0, Saturating.product(Int64(replicas(result[$1])), max(1, weight(result[$1]))))
      }
      var changed = false
      for i in free {
        let share =
          weights > 0
          ? Saturating.int64(Double(left) * Double(max(1, weight(result[i]))) / Double(weights)) : 0
        result[i].limit = Self.roundDown(share)
        if let need = result[i].need?.bytes, result[i].limit < need {
          result[i].limit = Self.roundUp(need)
          pinned.insert(i)
          changed = true
        }
      }
      if !changed { break }
    }
    let total = result.reduce(Int64(0)) {
      Saturating.sum($0, Saturating.product(Int64(replicas($1)), $1.limit))
    }
    guard total <= available, result.allSatisfy({ $0.limit >= Self.step }) else { return nil }
    return result
  }

  /// "elasticsearch 1 GiB + logstash 341 MiB = 1.3 GiB".
  var needsText: String {
    let terms = entries.compactMap { e in
      e.need.map {
        "\(e.member.compose.serviceName) \(Bytes.format($0.bytes, .binary))\(replicas(e) > 1 ? " × \(replicas(e))" : "")"
      }
    }
    return terms.joined(separator: " + ") + (terms.count > 1 ? " = \(Bytes.format(knownNeeds, .binary))" : "")
  }
}
