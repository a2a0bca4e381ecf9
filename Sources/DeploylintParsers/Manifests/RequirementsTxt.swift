import DeploylintCore

/// What a pip requirements file states.
public struct RequirementsTxtFacts: Sendable {
  public var requirements: [PythonRequirement]
  /// `-r other.txt` / `--requirement other.txt`.
  public var includes: [Located<String>]
  /// `-c constraints.txt` / `--constraint constraints.txt`.
  public var constraints: [Located<String>]
  /// `--index-url`/`-i`, `--extra-index-url`, `--find-links`/`-f`, each with the span of its URL.
  public var indexURLs: [PythonIndexURL]
}

/// Reads pip's requirements file format
/// (https://pip.pypa.io/en/stable/reference/requirements-file-format/):
/// comments (`#` at line start or after whitespace), `\` line continuations,
/// option lines, environment markers, direct URLs and `-e` editables.
/// Never fails: lines it cannot understand are skipped, as they carry no
/// package a rule could act on.
public enum RequirementsTxt {
  /// A scalar of a logical line with the file offset it came from.
  typealias Piece = (scalar: Unicode.Scalar, offset: Int)

  public static func read(_ file: SourceFile) -> RequirementsTxtFacts {
    var facts = RequirementsTxtFacts(requirements: [], includes: [], constraints: [], indexURLs: [])
    var logical: [Piece] = []
    for line in 1...file.lineCount {
      let start = file.lineStarts[line - 1]
      let end = file.lineContentEnd(line)
      for o in start..<end { logical.append((file.scalars[o], o)) }
      // pip joins a line ending in a backslash with the next one.
      if let last = logical.last, last.scalar == "\\", last.offset == end - 1 {
        logical.removeLast()
        if line < file.lineCount { continue }
      }
      readLogicalLine(stripComment(logical), file, into: &facts)
      logical.removeAll(keepingCapacity: true)
    }
    return facts
  }

  static func stripComment(_ pieces: [Piece]) -> [Piece] {
    for (n, p) in pieces.enumerated() where p.scalar == "#" {
      if n == 0 || pieces[n - 1].scalar == " " || pieces[n - 1].scalar == "\t" { return Array(pieces[..<n]) }
    }
    return pieces
  }

  static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" }

  /// Splits on whitespace, keeping each token's pieces.
  static func tokens(_ pieces: [Piece]) -> [[Piece]] {
    var out: [[Piece]] = []
    var current: [Piece] = []
    for p in pieces {
      if isSpace(p.scalar) {
        if !current.isEmpty { out.append(current) }
        current = []
      } else {
        current.append(p)
      }
    }
    if !current.isEmpty { out.append(current) }
    return out
  }

  static func string(_ pieces: some Collection<Piece>) -> String {
    String(String.UnicodeScalarView(pieces.map(\.scalar)))
  }

  static func span(_ pieces: some Collection<Piece>, _ file: SourceFile) -> Span {
    guard let first = pieces.first, let last = pieces.reversed().first else { return Span.file(file.path) }
    return file.span(from: first.offset, to: last.offset + 1)
  }

  static func readLogicalLine(_ pieces: [Piece], _ file: SourceFile, into facts: inout RequirementsTxtFacts) {
    let words = tokens(pieces)
    guard let first = words.first else { return }
    let head = string(first)
    if head.hasPrefix("-") {
      readOption(words, file, into: &facts)
      return
    }
    // pip's per-requirement options (`--hash=…`, `--config-settings`) follow the requirement.
    var body = pieces
    for (n, p) in pieces.enumerated() where p.scalar == "-" && n > 0 && isSpace(pieces[n - 1].scalar) {
      if n + 1 < pieces.count, pieces[n + 1].scalar == "-" {
        body = Array(pieces[..<n])
        break
      }
    }
    if let req = requirement(body, file, editable: false) { facts.requirements.append(req) }
  }

  static func readOption(_ words: [[Piece]], _ file: SourceFile, into facts: inout RequirementsTxtFacts) {
    guard let first = words.first else { return }
    let head = string(first)
    // `--opt=value`, `--opt value`, `-rvalue`, `-r value`.
    var name = head
    var value: [Piece]? = words.count > 1 ? words[1] : nil
    if let eq = first.firstIndex(where: { $0.scalar == "=" }), head.hasPrefix("--") {
      name = string(first[..<eq])
      value = Array(first[(eq + 1)...])
    } else if !head.hasPrefix("--"), head.count > 2 {
      name = String(head.prefix(2))
      value = Array(first.dropFirst(2))
    }
    guard let value, !value.isEmpty else { return }
    let located = Located(value: string(value), span: span(value, file))
    switch name {
    case "-r", "--requirement": facts.includes.append(located)
    case "-c", "--constraint": facts.constraints.append(located)
    case "-i", "--index-url":
      facts.indexURLs.append(PythonIndexURL(url: located.value, kind: .primary, span: located.span))
    case "--extra-index-url":
      facts.indexURLs.append(PythonIndexURL(url: located.value, kind: .extra, span: located.span))
    case "-f", "--find-links":
      facts.indexURLs.append(PythonIndexURL(url: located.value, kind: .findLinks, span: located.span))
    case "-e", "--editable":
      if let req = requirement(value, file, editable: true) { facts.requirements.append(req) }
    default: break
    }
  }

  /// A requirement from a PEP 508 string, a URL or a path; nil when it names no package.
  static func requirement(_ pieces: [Piece], _ file: SourceFile, editable: Bool) -> PythonRequirement? {
    let text = string(pieces)
    let trimmedStart = pieces.firstIndex { !isSpace($0.scalar) } ?? pieces.count
    let lower = Substring(text.lowercased()).drop { $0 == " " || $0 == "\t" }
    let schemes = ["http://", "https://", "file:", "git+", "hg+", "svn+", "bzr+", "./", "../", "/", "~/"]
    let archive = lower.hasSuffix(".whl") || lower.hasSuffix(".tar.gz") || lower.hasSuffix(".zip")
    let looksLikeURL = schemes.contains { lower.hasPrefix($0) } || (archive && !lower.contains("@"))
    if looksLikeURL, let named = nameFromURL(pieces, file) {
      let url = string(pieces[trimmedStart...].prefix { !isSpace($0.scalar) })
      return PythonRequirement(name: named.name, url: url, editable: editable, span: named.span)
    }
    if looksLikeURL { return nil }
    guard let parsed = PEP508.parse(pieces.map(\.scalar)) else { return nil }
    let nameSpan = span(pieces[parsed.nameRange], file)
    return PythonRequirement(
      name: parsed.name, extras: parsed.extras, specifier: parsed.specifier, url: parsed.url,
      marker: parsed.marker, editable: editable, span: nameSpan)
  }

  /// `…#egg=name` or a wheel/sdist file name (`torch-2.3.0+cpu-cp312-…whl`).
  static func nameFromURL(_ pieces: [Piece], _ file: SourceFile) -> (name: String, span: Span)? {
    let scalars = pieces.map(\.scalar)
    for n in scalars.indices where n + 4 < scalars.count && (scalars[n] == "#" || scalars[n] == "&") {
      guard scalars[n + 1] == "e", scalars[n + 2] == "g", scalars[n + 3] == "g", scalars[n + 4] == "=" else {
        continue
      }
      let startIndex = n + 5
      var k = startIndex
      while k < scalars.count, PEP508.isNameScalar(scalars[k]) { k += 1 }
      guard k > startIndex else { return nil }
      return (string(pieces[startIndex..<k]), span(pieces[startIndex..<k], file))
    }
    // The last path component, up to the first `-` (wheel and sdist names put the version after it).
    var end = scalars.count
    if let q = scalars.firstIndex(where: { $0 == "?" || $0 == "#" || $0 == " " || $0 == ";" }) { end = q }
    var start = end
    while start > 0, scalars[start - 1] != "/" { start -= 1 }
    var k = start
    while k < end, PEP508.isNameScalar(scalars[k]), scalars[k] != "-" { k += 1 }
    let file_ = string(pieces[start..<end]).lowercased()
    guard k > start, k < end, file_.hasSuffix(".whl") || file_.hasSuffix(".tar.gz") || file_.hasSuffix(".zip")
    else { return nil }
    return (string(pieces[start..<k]), span(pieces[start..<k], file))
  }
}
