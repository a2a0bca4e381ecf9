import DeploylintCore

/// buildkit's `DirectiveParser`: directives are `# key=value` comment lines at
/// the very top of the file. The first line that is not one (an instruction,
/// another comment, a blank line) ends the directive section for good.
struct DirectiveScanner {
  private(set) var done = false
  private var seen: Set<String> = []
  static let validNames: Set<String> = ["syntax", "escape", "check"]

  /// Looks at one line (leading whitespace and terminator already removed).
  /// Returns the directive's name and value when the line is one.
  mutating func parse(_ line: ArraySlice<Unicode.Scalar>) throws(ArgumentError) -> (String, String)? {
    if done { return nil }
    guard line.first == "#" else {
      done = true
      return nil
    }
    var rest = line.dropFirst()
    while let c = rest.first, GoChars.isSpace(c) { rest = rest.dropFirst() }
    // ^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$
    var i = rest.startIndex
    guard i < rest.endIndex, isASCIILetter(rest[i]) else {
      done = true
      return nil
    }
    while i < rest.endIndex, isASCIILetter(rest[i]) || isASCIIDigit(rest[i]) { i += 1 }
    let name = String(String.UnicodeScalarView(rest[rest.startIndex..<i])).lowercased()
    while i < rest.endIndex, GoChars.isRegexSpace(rest[i]) { i += 1 }
    guard i < rest.endIndex, rest[i] == "=" else {
      done = true
      return nil
    }
    i += 1
    guard i < rest.endIndex, Self.validNames.contains(name) else {
      done = true
      return nil
    }
    while i < rest.endIndex, GoChars.isRegexSpace(rest[i]) { i += 1 }
    var e = rest.endIndex
    // `(.+?)` needs one character: when only spaces follow `=`, it takes the last one.
    if i == rest.endIndex { i = rest.endIndex - 1 }
    while e > i + 1, GoChars.isRegexSpace(rest[e - 1]) { e -= 1 }
    guard seen.insert(name).inserted else {
      throw ArgumentError(message: "only one \(name) parser directive can be used")
    }
    return (name, String(String.UnicodeScalarView(rest[i..<e])))
  }

  private func isASCIILetter(_ c: Unicode.Scalar) -> Bool {
    (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
  }
  private func isASCIIDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
}
