import DeploylintCore

/// What deploylint needs from a `Cargo.lock`: how many crates a build
/// compiles and which of them are known to be heavy.
public struct CargoLockFacts: Sendable {
  /// The lock format version (`version = 3` at the top; nil for the v1 format without it).
  public var version: Located<Int>?
  public var packages: [CargoLockPackage]
  /// Packages from `CargoHeavyCrates.list`, in file order.
  public var heavyCrates: [CargoHeavyCrate]
  public var packageCount: Int { packages.count }
}

public struct CargoLockPackage: Sendable {
  public var name: String
  public var version: String?
  /// The `name = "…"` line.
  public var span: Span
}

public struct CargoHeavyCrate: Sendable {
  public var name: String
  public var version: String?
  /// Why the crate is listed, for messages.
  public var reason: String
  /// The `name = "…"` line.
  public var span: Span
}

/// Reads `Cargo.lock` with a line scan: lockfiles run to 500 KB and 1,700
/// packages, and everything needed sits on `[[package]]`, `name = "…"` and
/// `version = "…"` lines, so the full TOML reader would only cost time.
/// Lines that cannot belong to a lockfile are reported with their location.
public enum CargoLock {
  public static func read(_ file: SourceFile) throws(ParseError) -> CargoLockFacts {
    var facts = CargoLockFacts(version: nil, packages: [], heavyCrates: [])
    var inPackage = false
    var inArray = false
    var packageHeader: Span?
    var pending: CargoLockPackage?

    func flush() throws(ParseError) {
      if let header = packageHeader, pending == nil {
        throw ParseError("[[package]] without a name", at: header)
      }
      if let p = pending {
        facts.packages.append(p)
        if let reason = CargoHeavyCrates.reason(for: p.name) {
          facts.heavyCrates.append(
            CargoHeavyCrate(name: p.name, version: p.version, reason: reason, span: p.span))
        }
      }
      pending = nil
      packageHeader = nil
    }

    for line in 1...file.lineCount {
      let start = file.lineStarts[line - 1]
      let end = file.lineContentEnd(line)
      var a = start
      while a < end, file.scalars[a] == " " || file.scalars[a] == "\t" { a += 1 }
      guard a < end else { continue }
      let first = file.scalars[a]
      if first == "#" { continue }
      if inArray {
        // Multi-line `dependencies = [` arrays hold quoted strings and a closing `]`.
        if first == "]" {
          inArray = false
          continue
        }
        if first == "\"" { continue }
        throw ParseError("expected a quoted string or ']' inside an array", at: file.span(from: a, to: end))
      }
      if first == "[" {
        try flush()
        let text = file.text(from: a, to: end)
        inPackage = text.hasPrefix("[[package]]")
        if inPackage { packageHeader = file.span(from: a, to: end) }
        guard text.unicodeScalars.contains("]") else {
          throw ParseError("unterminated table header", at: file.span(from: a, to: end))
        }
        continue
      }
      guard let eq = keyValueSplit(file, from: a, to: end) else {
        throw ParseError("expected 'key = value' in Cargo.lock", at: file.span(from: a, to: end))
      }
      let key = file.text(from: a, to: eq.keyEnd)
      let valueStart = eq.valueStart
      if valueStart < end, file.scalars[valueStart] == "[" {
        let rest = file.text(from: valueStart, to: end)
        if !rest.unicodeScalars.contains("]") { inArray = true }
        continue
      }
      switch key {
      case "name" where inPackage:
        let name = try quoted(file, from: valueStart, to: end)
        pending = CargoLockPackage(name: name, version: nil, span: file.span(from: a, to: end))
      case "version" where inPackage:
        let version = try quoted(file, from: valueStart, to: end)
        pending?.version = version
      case "version" where !inPackage && packageHeader == nil && facts.packages.isEmpty:
        let text = file.text(from: valueStart, to: end).split(separator: "#").first ?? ""
        guard let v = Int(text.trimmingCharacters(in: " \t")) else {
          throw ParseError("lockfile version must be an integer", at: file.span(from: valueStart, to: end))
        }
        facts.version = Located(value: v, span: file.span(from: a, to: end))
      default:
        continue
      }
    }
    try flush()
    return facts
  }

  /// Finds ` = ` after a bare or quoted key; nil when the line is no key/value.
  private static func keyValueSplit(_ file: SourceFile, from a: Int, to end: Int) -> (
    keyEnd: Int, valueStart: Int
  )? {
    var k = a
    if file.scalars[k] == "\"" {
      k += 1
      while k < end, file.scalars[k] != "\"" { k += file.scalars[k] == "\\" ? 2 : 1 }
      guard k < end else { return nil }
      k += 1
    } else {
      while k < end, TOMLParser.isBareKeyScalar(file.scalars[k]) || file.scalars[k] == "." { k += 1 }
      guard k > a else { return nil }
    }
    let keyEnd = k
    while k < end, file.scalars[k] == " " || file.scalars[k] == "\t" { k += 1 }
    guard k < end, file.scalars[k] == "=" else { return nil }
    k += 1
    while k < end, file.scalars[k] == " " || file.scalars[k] == "\t" { k += 1 }
    guard k < end else { return nil }
    return (keyEnd, k)
  }

  /// The content of a `"…"` value (lockfiles never escape names or versions).
  private static func quoted(_ file: SourceFile, from a: Int, to end: Int) throws(ParseError) -> String {
    guard a < end, file.scalars[a] == "\"" else {
      throw ParseError("expected a quoted string", at: file.span(from: a, to: end))
    }
    var k = a + 1
    while k < end, file.scalars[k] != "\"" { k += 1 }
    guard k < end else { throw ParseError("unterminated string", at: file.span(from: a, to: end)) }
    return file.text(from: a + 1, to: k)
  }
}

extension StringProtocol {
  fileprivate func trimmingCharacters(in set: String) -> String {
    var s = Substring(self)
    while let f = s.first, set.contains(f) { s = s.dropFirst() }
    while let l = s.last, set.contains(l) { s = s.dropLast() }
    return String(s)
  }
}
