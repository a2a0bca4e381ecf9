import DeploylintCore

/// Stable identities of findings across runs, for SARIF `partialFingerprints`
/// and the JSON `fingerprint` (and baselines built on them).
///
/// The key is the rule id, the path, and the whitespace-trimmed text of the
/// finding's source line(s) — not the line number — so the fingerprint survives
/// unrelated lines inserted above, and changes when the flagged line changes.
/// Identical keys (the same line flagged twice, or the same text on two lines)
/// are told apart by their occurrence index in the canonical order. When the
/// source is not available, the message stands in for the line text.
public enum Fingerprint {
  /// At most this many lines of a multi-line span enter the hash.
  static let maxLines = 100

  /// One fingerprint per finding, in the order given (callers pass canonical order).
  public static func compute(_ findings: [Finding], sources: [String: SourceFile]) -> [String] {
    var seen: [String: Int] = [:]
    return findings.map { finding in
      let key = self.key(finding, sources: sources)
      let occurrence = seen[key, default: 0]
      seen[key] = occurrence + 1
      return hex(fnv1a64(key + "\u{0}" + String(occurrence)))
    }
  }

  static func key(_ finding: Finding, sources: [String: SourceFile]) -> String {
    let span = finding.span
    var content: String
    if let source = sources[span.path], span.line >= 1, span.line <= source.lineCount {
      let last = min(max(span.line, span.endLine), source.lineCount, span.line + maxLines - 1)
      content = (span.line...last).map { trimmed(source.line($0)) }.joined(separator: "\n")
    } else {
      content = finding.message
    }
    return [finding.ruleID, span.path, content].joined(separator: "\u{0}")
  }

  private static func trimmed(_ s: String) -> String {
    var scalars = Substring(s).unicodeScalars[...]
    while let f = scalars.first, f.properties.isWhitespace { scalars.removeFirst() }
    while let l = scalars.last, l.properties.isWhitespace { scalars.removeLast() }
    return String(String.UnicodeScalarView(scalars))
  }

  /// FNV-1a, 64 bits, over the UTF-8 bytes: small, dependency-free, and stable
  /// across platforms and Swift versions (unlike `Hasher`, which is seeded).
  static func fnv1a64(_ s: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in s.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash
  }

  static func hex(_ v: UInt64) -> String {
    let digits = String(v, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
