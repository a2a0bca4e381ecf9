/// Memory a host keeps for itself: the kernel, the OS's services, the
/// container runtime (dockerd, containerd and their shims) and the page cache
/// the services' files need. Limits that add up to the whole host leave none
/// of it, and the kernel's OOM killer then picks a container.
///
/// The default is 10 % of the host or 256 MiB, whichever is larger. Managed
/// Kubernetes reserves more on small nodes (GKE: 25 % of the first 4 GiB, plus
/// a 100 MiB eviction threshold); 10 % / 256 MiB is the least a compose host
/// should keep, and `host.reserve` in `.deploylint.yml` sets another amount.
public enum HostReserve: Sendable, Hashable {
  case bytes(Int64)
  /// A share of the host's memory, in percent.
  case percent(Double)

  public static let defaultShare = 0.10
  public static let defaultFloor: Int64 = 256 * Bytes.MiB
  public static let sources = [
    "https://cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes#memory_and_cpu_reservations",
    "https://kubernetes.io/docs/tasks/administer-cluster/reserve-compute-resources/",
  ]

  /// The reserve on a host of `hostBytes`.
  public func bytes(ofHost hostBytes: Int64) -> Int64 {
    switch self {
    case .bytes(let b): return max(0, min(b, hostBytes))
    case .percent(let p): return Saturating.int64(Double(max(0, hostBytes)) * p / 100)
    }
  }

  /// The default reserve of a host: max(10 %, 256 MiB), never more than the host.
  public static func defaultBytes(ofHost hostBytes: Int64) -> Int64 {
    min(max(0, hostBytes), max(Saturating.int64(Double(max(0, hostBytes)) * defaultShare), defaultFloor))
  }
}

/// A host's reserve as the rules and the budget state it.
public struct HostReserveAmount: Sendable, Hashable {
  public var bytes: Int64
  /// "the default reserve, max(10 %, 256 MiB) = 410 MiB", "host.reserve 512m (.deploylint.yml)".
  public var description: String
  /// Where `host.reserve` is set, when it is.
  public var span: Span?

  public init(bytes: Int64, description: String, span: Span? = nil) {
    self.bytes = bytes
    self.description = description
    self.span = span
  }

  /// The reserve of a host of `hostBytes`: `declared` when `.deploylint.yml`
  /// sets one, else the default.
  public static func of(host hostBytes: Int64, declared: Located<HostReserve>?) -> HostReserveAmount {
    if let declared {
      let b = declared.value.bytes(ofHost: hostBytes)
      return HostReserveAmount(
        bytes: b, description: "host.reserve \(declared.text) = \(Bytes.format(b, .binary))",
        span: declared.span)
    }
    let b = HostReserve.defaultBytes(ofHost: hostBytes)
    return HostReserveAmount(
      bytes: b,
      description:
        "a reserve for the OS and the container runtime of max(10 %, 256 MiB) = \(Bytes.format(b, .binary))"
    )
  }
}
