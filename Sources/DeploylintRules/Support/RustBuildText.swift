import DeploylintCore

/// How the two Rust build rules word the estimate they share
/// (`RustBuildEstimate`), so both print the same figures the same way.
extension RustBuildEstimate {
  /// "1,712".
  static func grouped(_ n: Int) -> String {
    let digits = Array(String(n))
    var out = ""
    for (i, d) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(d)
    }
    return out
  }

  /// "none of them on deploylint's list of heavy crates" or "heavy crates: `a` (why); `b` (why)".
  var heavyText: String {
    guard !rust.heavyCrates.isEmpty else { return "none of them on deploylint's list of heavy crates" }
    return "heavy crates: "
      + rust.heavyCrates.prefix(4).map { "`\($0.name)` (\($0.reason))" }.joined(separator: "; ")
      + (rust.heavyCrates.count > 4 ? " and \(rust.heavyCrates.count - 4) more" : "")
  }

  /// The lock and profile lines the estimate rests on.
  var related: [RelatedLocation] {
    var related = [
      RelatedLocation(rust.lockSpan, "\(Self.grouped(rust.packageCount)) packages in \(rust.lockPath)")
    ]
    for crate in rust.heavyCrates.prefix(4) { related.append(RelatedLocation(crate.span, crate.reason)) }
    if let lto = rust.profile.lto {
      related.append(RelatedLocation(lto.span, "\(lto.value) LTO raises the final link's memory"))
    }
    if let debug = rust.profile.debug, debug.value {
      related.append(RelatedLocation(debug.span, "full debug info roughly doubles the final link's memory"))
    }
    return related
  }
}
