import DeploylintCore

/// What the shell that runs a `RUN` line sees. buildkit does not expand
/// `RUN` itself: it runs the script with the stage's `ARG`s and `ENV`s in the
/// environment, so the shell substitutes them (`pip install ${TORCH_PKG}` →
/// `pip install torch`). Here they are substituted before the script is
/// split into commands; quotes, escapes and every reference the stage does
/// not set (`$HOME`, a variable the script assigns itself, `$(…)`) are kept
/// as written for the shell word splitter.
enum RunExpansion {
  /// At most this many references are recorded per instruction.
  static let maxSubstitutions = 1_000
  /// Substitution stops once the script has grown by this many scalars (the
  /// shell word splitter reads no more than a million characters anyway).
  static let maxGrowth = 1_000_000

  /// The script with `variables` substituted (nil when nothing changes), and
  /// the references that changed. Each reference is expanded on its own, so
  /// one the expander cannot read (`${#X}`) stays as written without
  /// stopping the others.
  /// `unset` are the `ARG`s the stage declares without a value: the shell
  /// sees them unset (`${EXTRA:-none}` → `none`), while a variable the
  /// Dockerfile never names may come from the base image and is kept.
  static func expand(_ script: String, _ variables: [String: String], unset: Set<String> = [])
    -> (String?, [Substitution])
  {
    guard !variables.isEmpty || !unset.isEmpty, script.utf8.contains(UInt8(ascii: "$")) else {
      return (nil, [])
    }
    var keeping = ShellWordExpander(escapeToken: "\\")
    keeping.rawQuotes = true
    keeping.rawEscapes = true
    let unsetting = keeping
    keeping.skipUnsetEnv = true
    // UTF-8 bytes throughout: every character the scan reacts to is ASCII,
    // and copying byte ranges is far cheaper than appending scalars one by
    // one (which was most of the time spent here).
    let s = Array(script.utf8)
    var out: [UInt8] = []
    var substitutions: [Substitution] = []
    var changed = false
    var copied = 0
    var growth = 0
    for range in references(in: s) where growth <= maxGrowth {
      // A reference to a name the stage neither sets nor unsets stays as
      // written: skip the expander (most references of real Dockerfiles,
      // and the costly part), unless another reference is nested in it.
      let referenced = name(s, range)
      let isUnset = unset.contains(referenced)
      guard
        variables[referenced] != nil || isUnset
          || s[(range.lowerBound + 1)..<range.upperBound].contains(UInt8(ascii: "$"))
      else { continue }
      let reference = String(decoding: s[range], as: UTF8.self)
      let expander = isUnset ? unsetting : keeping
      guard let value = try? expander.processWord(reference, environment: variables), value != reference
      else { continue }
      if !changed { out.reserveCapacity(s.count + value.utf8.count) }
      out.append(contentsOf: s[copied..<range.lowerBound])
      out.append(contentsOf: value.utf8)
      growth += value.utf8.count
      copied = range.upperBound
      changed = true
      let substitution = Substitution(written: reference, value: value)
      if substitutions.count < maxSubstitutions, !substitutions.contains(substitution) {
        substitutions.append(substitution)
      }
    }
    guard changed else { return (nil, []) }
    out.append(contentsOf: s[copied...])
    return (String(decoding: out, as: UTF8.self), substitutions)
  }

  /// Where the variable references of a script's UTF-8 bytes stand (`$NAME`,
  /// `${NAME…}`), outside single quotes and not escaped, in order. Ranges
  /// start and end on scalar boundaries: an escape skips the first byte of
  /// the next scalar, and the bytes after it are continuation bytes that
  /// match no ASCII character.
  static func references(in s: [UInt8]) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var i = 0
    var inSingle = false
    var inDouble = false
    while i < s.count {
      let c = s[i]
      if inSingle {
        if c == UInt8(ascii: "'") { inSingle = false }
        i += 1
        continue
      }
      switch c {
      case UInt8(ascii: "\\"):
        i += 2
        continue
      case UInt8(ascii: "'") where !inDouble:
        inSingle = true
      case UInt8(ascii: "\""):
        inDouble.toggle()
      case UInt8(ascii: "$"):
        if let end = referenceEnd(s, from: i) {
          result.append(i..<end)
          i = end
          continue
        }
      default: break
      }
      i += 1
    }
    return result
  }

  /// The variable name of the reference at `range` (`PKG` of `${PKG:-x}`).
  private static func name(_ s: [UInt8], _ range: Range<Int>) -> String {
    var i = range.lowerBound + 1
    if i < range.upperBound, s[i] == UInt8(ascii: "{") { i += 1 }
    let start = i
    while i < range.upperBound, let (c, width) = scalar(s, at: i), isNameScalar(c) { i += width }
    return String(decoding: s[start..<i], as: UTF8.self)
  }

  /// The scalar whose UTF-8 encoding starts at byte `i`, and its width in
  /// bytes (the bytes come from a `String`, so they are valid UTF-8).
  private static func scalar(_ s: [UInt8], at i: Int) -> (Unicode.Scalar, Int)? {
    let lead = s[i]
    if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
    let width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
    guard i + width <= s.count else { return nil }
    var value = UInt32(lead) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
    for k in 1..<width { value = value << 6 | UInt32(s[i + k] & 0x3F) }
    return Unicode.Scalar(value).map { ($0, width) }
  }

  /// A letter, digit or `_` (ASCII tested directly: Unicode properties are
  /// looked up only for other scalars).
  private static func isNameScalar(_ c: Unicode.Scalar) -> Bool {
    if c.isASCII {
      let v = c.value
      return v == 0x5F || (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
    }
    return c.properties.isAlphabetic || c.properties.numericType == .decimal
  }

  /// The end of the reference starting with the `$` at byte `start`: after
  /// the matching `}` of `${…}`, or after the name of `$NAME`.
  private static func referenceEnd(_ s: [UInt8], from start: Int) -> Int? {
    var i = start + 1
    guard i < s.count else { return nil }
    if s[i] == UInt8(ascii: "{") {
      var depth = 1
      i += 1
      while i < s.count {
        if s[i] == UInt8(ascii: "\\") {
          i += 2
          continue
        }
        if s[i] == UInt8(ascii: "{") { depth += 1 }
        if s[i] == UInt8(ascii: "}") {
          depth -= 1
          if depth == 0 { return i + 1 }
        }
        i += 1
      }
      return nil
    }
    // A name starts with a letter or `_`, never a digit.
    guard let (first, width) = scalar(s, at: i) else { return nil }
    let startsName =
      first.isASCII
      ? first == "_" || (0x41...0x5A).contains(first.value) || (0x61...0x7A).contains(first.value)
      : first.properties.isAlphabetic
    guard startsName else { return nil }
    i += width
    while i < s.count, let (c, width) = scalar(s, at: i), isNameScalar(c) { i += width }
    return i
  }
}
