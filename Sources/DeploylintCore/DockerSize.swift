extension MemorySize {
  /// Bytes written as a Compose/Docker byte value (`4g`, `384m`, `1536k`),
  /// the largest binary unit that divides exactly: what a fix can paste into
  /// `mem_limit:`. Compose reads these units as powers of 1024.
  public static func dockerText(_ bytes: Int64) -> String {
    let k: Int64 = 1_024
    if bytes > 0, bytes % (k * k * k) == 0 { return "\(bytes / (k * k * k))g" }
    if bytes > 0, bytes % (k * k) == 0 { return "\(bytes / (k * k))m" }
    if bytes > 0, bytes % k == 0 { return "\(bytes / k)k" }
    return "\(bytes)"
  }
}
