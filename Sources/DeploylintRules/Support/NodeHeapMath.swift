import DeploylintCore

/// The arithmetic the Node rules share: Node's documentation sizes
/// `--max-old-space-size` at 75 % of the memory ("On a machine with 2 GiB of
/// memory, consider setting this to 1536"), and the flag counts MiB.
enum NodeHeapMath {

  /// 75 % of `bytes` in MiB, rounded down to a multiple of 64 MiB (at least 64).
  static func recommendedMiB(for bytes: Int64) -> Int {
    let mib = Int(Saturating.product(bytes, 3) / 4 / Bytes.MiB)
    return max(64, mib / 64 * 64)
  }

  /// Whole percent of `part` in `whole`.
  static func percent(_ part: Int64, of whole: Int64) -> Int {
    whole > 0 ? Saturating.int((Double(part) * 100 / Double(whole)).rounded()) : 0
  }

  /// A budget as the user reads it next to a MiB heap: binary when it is a
  /// whole number of MiB (`1 GiB`), else both (`512 MB (488 MiB)`).
  static func describe(_ bytes: Int64) -> String {
    bytes % Bytes.MiB == 0
      ? Bytes.format(bytes, .binary) : "\(Bytes.format(bytes, .decimal)) (\(Bytes.format(bytes, .binary)))"
  }

  /// The edit that replaces the number of a located flag, when the span is
  /// exactly the `--max-old-space-size=N` token.
  static func numberEdit(_ heap: HeapFlag, to mebibytes: Int) -> TextEdit? {
    let digits = String(heap.mebibytes).count
    let span = heap.span
    guard span.line == span.endLine, span.endColumn - span.column == "--max-old-space-size=".count + digits
    else { return nil }
    return TextEdit(
      span: Span(
        path: span.path, line: span.line, column: span.endColumn - digits, endLine: span.line,
        endColumn: span.endColumn),
      replacement: String(mebibytes))
  }

  /// The cheapest plan of a PaaS on which `heap` is at most 75 % of memory.
  static func biggerPlan(_ service: Service, heapBytes: Int64) -> Plan? {
    ServiceEstimates.smallestPlan(service.platform, fitting: Saturating.product(heapBytes, 4) / 3)
  }
}
