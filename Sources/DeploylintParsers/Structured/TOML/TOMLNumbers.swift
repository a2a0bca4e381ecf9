/// Lexical checks for TOML's unquoted scalars, written against the TOML 1.0
/// ABNF (https://toml.io/en/v1.0.0#integer, #float, #offset-date-time).
enum TOMLNumbers {
  static func isDigit(_ c: Character, radix: Int) -> Bool {
    guard let v = c.hexDigitValue else { return false }
    return v < radix
  }

  /// Digits of `radix` with single underscores between digits.
  static func validDigits(_ text: Substring, radix: Int) -> Bool {
    guard let first = text.first, let last = text.last, isDigit(first, radix: radix),
      isDigit(last, radix: radix)
    else { return false }
    var previousUnderscore = false
    for c in text {
      if c == "_" {
        if previousUnderscore { return false }
        previousUnderscore = true
      } else if isDigit(c, radix: radix) {
        previousUnderscore = false
      } else {
        return false
      }
    }
    return true
  }

  /// Whether `text` is lexically an integer (it may still overflow).
  static func isInteger(_ text: String) -> Bool {
    let t = Substring(text)
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where t.hasPrefix(prefix) {
      return validDigits(t.dropFirst(2), radix: radix)
    }
    var body = t
    if body.first == "+" || body.first == "-" { body = body.dropFirst() }
    guard validDigits(body, radix: 10) else { return false }
    // No leading zeros: "0" alone is fine, "01" is not.
    return !(body.count > 1 && body.first == "0")
  }

  /// The integer's value, or nil when it is not an integer or overflows Int64.
  static func integer(_ text: String) -> Int64? {
    guard isInteger(text) else { return nil }
    var t = Substring(text)
    var radix = 10
    for (prefix, r) in [("0x", 16), ("0o", 8), ("0b", 2)] where t.hasPrefix(prefix) {
      radix = r
      t = t.dropFirst(2)
    }
    return Int64(String(t.filter { $0 != "_" }), radix: radix)
  }

  /// The float's text without underscores, or nil when `text` is no TOML float.
  static func float(_ text: String) -> String? {
    var t = Substring(text)
    var sign = ""
    if t.first == "+" || t.first == "-" {
      sign = t.first == "-" ? "-" : ""
      t = t.dropFirst()
    }
    let expIndex = t.firstIndex { $0 == "e" || $0 == "E" }
    let mantissa = expIndex.map { t[..<$0] } ?? t
    let exponent = expIndex.map { t[t.index(after: $0)...] }
    let dot = mantissa.firstIndex(of: ".")
    let intPart = dot.map { mantissa[..<$0] } ?? mantissa
    let fracPart = dot.map { mantissa[mantissa.index(after: $0)...] }
    guard fracPart != nil || exponent != nil else { return nil }
    guard validDigits(intPart, radix: 10), !(intPart.count > 1 && intPart.first == "0") else { return nil }
    if let f = fracPart, !validDigits(f, radix: 10) { return nil }
    if var e = exponent {
      if e.first == "+" || e.first == "-" { e = e.dropFirst() }
      guard validDigits(e, radix: 10) else { return nil }
    }
    let cleaned = sign + String(t.filter { $0 != "_" })
    return Double(cleaned) == nil ? nil : cleaned
  }

  /// Offset/local date-times, local dates and local times:
  /// `1979-05-27T07:32:00Z`, `1979-05-27 07:32:00.5-07:00`, `1979-05-27`, `07:32:00`.
  static func isDateTime(_ text: String) -> Bool {
    let c = Array(text)
    var k = 0
    func digits(_ n: Int) -> Bool {
      guard k + n <= c.count, c[k..<k + n].allSatisfy(\.isASCII), c[k..<k + n].allSatisfy(\.isNumber)
      else { return false }
      k += n
      return true
    }
    func char(_ x: Character) -> Bool {
      guard k < c.count, c[k] == x else { return false }
      k += 1
      return true
    }
    func time() -> Bool {
      guard digits(2), char(":"), digits(2), char(":"), digits(2) else { return false }
      if char(".") {
        guard digits(1) else { return false }
        while k < c.count, c[k].isASCII, c[k].isNumber { k += 1 }
      }
      return true
    }
    if c.count >= 3, c[2] == ":" { return time() && k == c.count }
    guard digits(4), char("-"), digits(2), char("-"), digits(2) else { return false }
    if k == c.count { return true }
    guard k < c.count, c[k] == "T" || c[k] == "t" || c[k] == " " else { return false }
    k += 1
    guard time() else { return false }
    if k == c.count { return true }
    if char("Z") || char("z") { return k == c.count }
    guard char("+") || char("-"), digits(2), char(":"), digits(2) else { return false }
    return k == c.count
  }
}
