#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A one-line progress bar on stderr (bytes done / total, rate), drawn only
/// when stderr is a terminal and at most ten times a second. Shared by the
/// layer workers; nothing is printed when it is disabled.
final class ProgressMeter: @unchecked Sendable {
  private struct State {
    var done: Int64 = 0
    var lastDraw: Double = 0
    var drawn = false
  }
  let label: String
  let total: Int64
  let enabled: Bool
  private let start: Double
  private let state = Locked(State())

  init(label: String, total: Int64, enabled: Bool) {
    self.label = label
    self.total = max(total, 1)
    self.enabled = enabled
    self.start = ProgressMeter.now()
  }

  static func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }

  /// Standard error is a terminal (the default for showing the bar).
  static var stderrIsTerminal: Bool { isatty(2) == 1 }

  func advance(by bytes: Int) {
    guard enabled, bytes > 0 else { return }
    let line: String? = state.withLock { s in
      s.done += Int64(bytes)
      let t = ProgressMeter.now()
      guard t - s.lastDraw >= 0.1 else { return nil }
      s.lastDraw = t
      s.drawn = true
      return render(done: s.done, elapsed: t - start)
    }
    if let line { write(line) }
  }

  /// Clears the line once the scan is over.
  func finish() {
    guard enabled else { return }
    let drawn = state.withLock { $0.drawn }
    if drawn { write("\r\u{1B}[K") }
  }

  private func render(done: Int64, elapsed: Double) -> String {
    let d = min(done, total)
    let width = 24
    let filled = Int(Double(width) * Double(d) / Double(total))
    let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
    let rate = elapsed > 0 ? Int64(Double(d) / elapsed) : 0
    let mb = { (b: Int64) in "\(b / 1_000_000) MB" }
    return "\r\u{1B}[Kscanning \(label) [\(bar)] \(mb(d)) / \(mb(total)) \(mb(rate))/s"
  }

  private func write(_ text: String) { writeToStandardError(text) }
}

private func writeToStandardError(_ text: String) {
  let bytes = Array(text.utf8)
  _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
