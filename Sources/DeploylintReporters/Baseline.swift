import DeploylintCore

/// A record of accepted findings, by fingerprint (`Fingerprint`: rule, path
/// and the flagged line's text, so it survives unrelated lines moving).
/// `--write-baseline` writes one; `--baseline` reports only findings not in it.
///
/// File format (JSON, stable, sorted):
/// `{"version": 1, "findings": [{"fingerprint", "ruleId", "path", "message"}]}`.
/// The rule, path and message are for people reading the file; only the
/// fingerprint is matched.
public struct Baseline: Sendable, Equatable {
  public struct Entry: Sendable, Equatable {
    public var fingerprint: String
    public var ruleID: String
    public var path: String
    public var message: String
  }
  public var entries: [Entry]

  /// The baseline of a report's findings.
  public init(_ report: Report) {
    let findings = Canonical.findings(report)
    let prints = Fingerprint.compute(findings, sources: report.sources)
    entries = zip(findings, prints).map {
      Entry(fingerprint: $1, ruleID: $0.ruleID, path: $0.span.path, message: $0.message)
    }
  }

  init(entries: [Entry]) { self.entries = entries }

  public func serialized() -> String {
    JSONValue.object([
      ("version", .int(1)),
      (
        "findings",
        .array(
          entries.map {
            .object([
              ("fingerprint", .string($0.fingerprint)), ("ruleId", .string($0.ruleID)),
              ("path", .string($0.path)), ("message", .string($0.message)),
            ])
          })
      ),
    ]).serialized() + "\n"
  }

  /// Reads a baseline file's text; nil when it is not a deploylint baseline.
  /// Only `"fingerprint": "<hex>"` pairs are needed, so the reader is a scan
  /// for them (the file is deploylint's own output).
  public static func parse(_ text: String) -> Baseline? {
    guard text.contains("\"version\""), text.contains("\"findings\"") else { return nil }
    var entries: [Entry] = []
    let chars = Array(text.unicodeScalars)
    let key = Array("\"fingerprint\"".unicodeScalars)
    var i = 0
    while i + key.count <= chars.count {
      guard Array(chars[i..<(i + key.count)]) == key else {
        i += 1
        continue
      }
      i += key.count
      while i < chars.count, chars[i] != "\"" { i += 1 }
      i += 1
      var value = ""
      while i < chars.count, chars[i] != "\"", value.unicodeScalars.count <= 16 {
        value.unicodeScalars.append(chars[i])
        i += 1
      }
      if value.count == 16, value.allSatisfy(\.isHexDigit) {
        entries.append(Entry(fingerprint: value, ruleID: "", path: "", message: ""))
      }
    }
    return Baseline(entries: entries)
  }

  /// The report without baselined findings, with `report.baseline` counting
  /// them and the stale entries (each entry matches at most one finding).
  public func apply(to report: Report) -> Report {
    let findings = Canonical.findings(report)
    let prints = Fingerprint.compute(findings, sources: report.sources)
    var remaining: [String: Int] = [:]
    for e in entries { remaining[e.fingerprint, default: 0] += 1 }
    var kept: [Finding] = []
    var baselined = 0
    for (finding, print) in zip(findings, prints) {
      if let n = remaining[print], n > 0 {
        remaining[print] = n - 1
        baselined += 1
      } else {
        kept.append(finding)
      }
    }
    var out = report
    out.findings = kept
    out.baseline = BaselineSummary(baselined: baselined, stale: remaining.values.reduce(0, +))
    return out
  }
}
