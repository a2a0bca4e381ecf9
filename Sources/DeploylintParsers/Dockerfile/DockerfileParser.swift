import DeploylintCore

/// Parses Dockerfiles exactly as buildkit's `frontend/dockerfile/parser`
/// does (directives, escape token, continuations, heredocs, exec vs shell
/// form, builder flags, per-instruction argument rules), adding exact spans.
public enum DockerfileParser {
  /// Longest line buildkit's scanner accepts, terminator included, in UTF-8 bytes.
  static let maxLineBytes = 64 * 1024
  /// Nesting cap for `ONBUILD ONBUILD …`.
  static let maxNesting = 64

  /// Parses `file`. Throws a located `ParseError` where buildkit fails.
  public static func parse(_ file: SourceFile) throws(ParseError) -> Dockerfile {
    var state = ParserState(file: file)
    return try state.run()
  }
}

/// The line loop of buildkit's `Parse`.
private struct ParserState {
  let file: SourceFile
  let lines: [PhysicalLine]
  var index = 0
  var directiveScanner = DirectiveScanner()
  var directives: [DockerfileDirective] = []
  var escape: Unicode.Scalar = "\\"
  var instructions: [DockerfileInstruction] = []
  var emptyContinuationLines: [Span] = []

  init(file: SourceFile) {
    self.file = file
    self.lines = LineSplitter.physicalLines(file)
  }

  var s: [Unicode.Scalar] { file.scalars }

  func lineSpan(_ l: PhysicalLine) -> Span { file.span(from: l.start, to: l.contentEnd) }

  mutating func run() throws(ParseError) -> Dockerfile {
    while index < lines.count {
      let first = lines[index]
      index += 1
      try checkLength(first)
      var start = first.start
      if index == 1, start < first.contentEnd, s[start] == "\u{FEFF}" { start += 1 }
      while start < first.contentEnd, GoChars.isSpace(s[start]) { start += 1 }
      try scanDirective(start..<first.contentEnd, line: first)
      let isComment = start < first.contentEnd && s[start] == "#"
      let content = isComment ? start..<start : start..<first.contentEnd
      var (kept, continues) = LineSplitter.trimContinuation(s, content, escape: escape)
      if !continues && kept.isEmpty { continue }

      var logical = LogicalLine()
      logical.append(from: file, kept)
      var last = first
      while continues && index < lines.count {
        let line = lines[index]
        index += 1
        try checkLength(line)
        last = line
        var a = line.start
        while a < line.contentEnd, GoChars.isSpace(s[a]) { a += 1 }
        if a < line.contentEnd, s[a] == "#" { continue }
        if a == line.contentEnd {
          emptyContinuationLines.append(lineSpan(line))
          continue
        }
        (kept, continues) = LineSplitter.trimContinuation(
          s, line.start..<line.contentEnd, escape: escape)
        logical.append(from: file, kept)
      }
      logical.endOffset = logical.offsets.last.map { $0 + 1 } ?? kept.lowerBound
      let instructionStart = logical.offsets.first ?? kept.lowerBound
      var instructionEnd = last.contentEnd

      var instruction: DockerfileInstruction
      let fallback = file.span(from: instructionStart, to: max(instructionStart, instructionEnd))
      do {
        instruction = try InstructionBuilder(file: file, line: logical, escape: escape)
          .build(0..<logical.count, depth: 0)
      } catch {
        throw ParseError(error.message, at: fallback)
      }

      if canContainHeredoc(instruction), logical.containsHeredocMarker {
        let text = logical.text(0..<logical.count)
        let openers: [HeredocOpener]
        do {
          openers = try HeredocScanner.openers(in: text)
        } catch {
          throw ParseError(error.message, at: fallback)
        }
        for opener in openers {
          let heredoc = try readHeredoc(opener, instructionSpan: fallback)
          instruction.heredocs.append(heredoc.0)
          instructionEnd = heredoc.1
        }
      }
      instruction.span = file.span(from: instructionStart, to: max(instructionStart, instructionEnd))
      instructions.append(instruction)
    }

    guard !instructions.isEmpty else {
      let span =
        lines.last.map(lineSpan) ?? Span(path: file.path, line: 1, column: 1, endLine: 1, endColumn: 1)
      throw ParseError("file with no instructions", at: span)
    }
    return Dockerfile(
      directives: directives, escapeToken: Character(escape), instructions: instructions,
      emptyContinuationLines: emptyContinuationLines)
  }

  func checkLength(_ line: PhysicalLine) throws(ParseError) {
    // Cheap bound first: a scalar is at most 4 bytes.
    guard (line.end - line.start) * 4 > DockerfileParser.maxLineBytes else { return }
    var bytes = 0
    for i in line.start..<line.end { bytes += UTF8.width(s[i]) }
    if bytes > DockerfileParser.maxLineBytes {
      throw ParseError(
        "dockerfile line greater than max allowed size of \(DockerfileParser.maxLineBytes - 1)",
        at: lineSpan(line))
    }
  }

  mutating func scanDirective(_ range: Range<Int>, line: PhysicalLine) throws(ParseError) {
    let found: (String, String)?
    do {
      found = try directiveScanner.parse(s[range])
    } catch {
      throw ParseError(error.message, at: lineSpan(line))
    }
    if let (name, value) = found {
      if name == "escape" {
        guard value == "`" || value == "\\" else {
          throw ParseError(
            "invalid escape token '\(value)' does not match ` or \\", at: lineSpan(line))
        }
        escape = value.unicodeScalars.first ?? "\\"
      }
      directives.append(DockerfileDirective(name: name, value: value, span: lineSpan(line)))
    }
  }

  /// buildkit's `canContainHeredoc`: RUN/COPY/ADD (also under ONBUILD) in shell form.
  func canContainHeredoc(_ instruction: DockerfileInstruction) -> Bool {
    var node = instruction
    if node.keyword == "onbuild", let sub = node.subInstruction { node = sub }
    return HeredocScanner.keywords.contains(node.keyword) && !node.isJSON
  }

  /// Reads body lines up to the terminator. Returns the heredoc and where it ends.
  mutating func readHeredoc(_ opener: HeredocOpener, instructionSpan: Span) throws(ParseError)
    -> (DockerfileHeredoc, Int)
  {
    let terminator = Array(opener.name.unicodeScalars)
    var content = String.UnicodeScalarView()
    let bodyStart = index < lines.count ? lines[index].start : file.scalars.count
    while index < lines.count {
      let line = lines[index]
      index += 1
      var a = line.start
      if opener.chomp { while a < line.contentEnd, s[a] == "\t" { a += 1 } }
      if s[a..<line.contentEnd].elementsEqual(terminator) {
        let heredoc = DockerfileHeredoc(
          name: opener.name, content: String(content), chomp: opener.chomp, expand: opener.expand,
          fileDescriptor: opener.fileDescriptor,
          span: file.span(from: bodyStart, to: line.contentEnd))
        return (heredoc, line.contentEnd)
      }
      content.append(contentsOf: s[line.start..<line.end])
    }
    var span = instructionSpan
    if let last = lines.last { span = span.union(lineSpan(last)) }
    throw ParseError("unterminated heredoc", at: span)
  }
}
