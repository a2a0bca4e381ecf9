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
    guard !variables.isEmpty || !unset.isEmpty, script.unicodeScalars.contains("$") else { return (nil, []) }
    var keeping = ShellWordExpander(escapeToken: "\\")
    keeping.rawQuotes = true
    keeping.rawEscapes = true
    var unsetting = keeping
    keeping.skipUnsetEnv = true
    var out = String.UnicodeScalarView()
    var substitutions: [Substitution] = []
    var changed = false
    let s = Array(script.unicodeScalars)
    var copied = 0
    var growth = 0
    for range in references(in: s) where growth <= maxGrowth {
      // A reference to a name the stage neither sets nor unsets stays as
      // written: skip the expander (most references of real Dockerfiles,
      // and the costly part), unless another reference is nested in it.
      let referenced = name(s, range)
      let isUnset = unset.contains(referenced)
      guard
        variables[referenced] != nil || isUnset || s[(range.lowerBound + 1)..<range.upperBound].contains("$")
      else { continue }
      let reference = String(String.UnicodeScalarView(s[range]))
      let expander = isUnset ? unsetting : keeping
      guard let value = try? expander.processWord(reference, environment: variables), value != reference
      else { continue }
      out.append(contentsOf: s[copied..<range.lowerBound])
      out.append(contentsOf: value.unicodeScalars)
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
    return (String(out), substitutions)
  }

  /// Where the variable references of a script stand (`$NAME`, `${NAME…}`),
  /// outside single quotes and not escaped, in order.
  static func references(in s: [Unicode.Scalar]) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var i = 0
    var inSingle = false
    var inDouble = false
    while i < s.count {
      let c = s[i]
      if inSingle {
        if c == "'" { inSingle = false }
        i += 1
        continue
      }
      switch c {
      case "\\":
        i += 2
        continue
      case "'" where !inDouble:
        inSingle = true
      case "\"":
        inDouble.toggle()
      case "$":
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
  private static func name(_ s: [Unicode.Scalar], _ range: Range<Int>) -> String {
    var i = range.lowerBound + 1
    if i < range.upperBound, s[i] == "{" { i += 1 }
    var name = String.UnicodeScalarView()
    while i < range.upperBound, isNameScalar(s[i]) {
      name.append(s[i])
      i += 1
    }
    return String(name)
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

  /// The end of the reference starting with the `$` at `start`: after the
  /// matching `}` of `${…}`, or after the name of `$NAME`.
  private static func referenceEnd(_ s: [Unicode.Scalar], from start: Int) -> Int? {
    var i = start + 1
    guard i < s.count else { return nil }
    if s[i] == "{" {
      var depth = 1
      i += 1
      while i < s.count {
        if s[i] == "\\" {
          i += 2
          continue
        }
        if s[i] == "{" { depth += 1 }
        if s[i] == "}" {
          depth -= 1
          if depth == 0 { return i + 1 }
        }
        i += 1
      }
      return nil
    }
    // A name starts with a letter or `_`, never a digit.
    let first = s[i]
    let startsName =
      first.isASCII
      ? first == "_" || (0x41...0x5A).contains(first.value) || (0x61...0x7A).contains(first.value)
      : first.properties.isAlphabetic
    guard startsName else { return nil }
    while i < s.count, isNameScalar(s[i]) { i += 1 }
    return i
  }
}
