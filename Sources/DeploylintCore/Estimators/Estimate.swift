/// An estimated amount of memory with the arithmetic that produced it, so a
/// finding can print how the number was reached and a user can disagree with
/// a specific term.
public struct MemoryEstimate: Sendable, Hashable {
  public var bytes: Int64
  /// The arithmetic, e.g. "2 jobs × 512 MiB = 1.0 GiB".
  public var arithmetic: String
  /// Where the constants come from.
  public var sources: [String]
  public init(bytes: Int64, arithmetic: String, sources: [String]) {
    self.bytes = bytes
    self.arithmetic = arithmetic
    self.sources = sources
  }
}
