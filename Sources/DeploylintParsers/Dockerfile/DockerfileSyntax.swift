import DeploylintCore

/// A parsed Dockerfile: the syntax tree buildkit's parser would build, with
/// exact spans. The engine turns it into the model's `ImageRecipe`
/// (`makeImageRecipe(path:)`); rules never see this type.
public struct Dockerfile: Sendable {
  /// Parser directives (`# syntax=`, `# escape=`, `# check=`) in file order.
  public var directives: [DockerfileDirective]
  /// The escape and line-continuation character: `\` or a backtick.
  public var escapeToken: Character
  /// The instructions, in file order.
  public var instructions: [DockerfileInstruction]
  /// Lines of whitespace only found inside a line continuation (buildkit warns about them).
  public var emptyContinuationLines: [Span]

  public init(
    directives: [DockerfileDirective], escapeToken: Character,
    instructions: [DockerfileInstruction], emptyContinuationLines: [Span] = []
  ) {
    self.directives = directives
    self.escapeToken = escapeToken
    self.instructions = instructions
    self.emptyContinuationLines = emptyContinuationLines
  }
}

/// One parser directive at the top of the file, e.g. `# escape=``.
public struct DockerfileDirective: Sendable, Hashable {
  /// Lower-cased name: `syntax`, `escape` or `check`.
  public var name: String
  public var value: String
  /// The directive's whole line.
  public var span: Span

  public init(name: String, value: String, span: Span) {
    self.name = name
    self.value = value
    self.span = span
  }
}

/// A heredoc attached to a `RUN`, `COPY` or `ADD` (`<<EOF` … `EOF`).
public struct DockerfileHeredoc: Sendable, Hashable {
  /// The delimiter word, quotes removed.
  public var name: String
  /// The body exactly as in the file (lines with their terminators, leading
  /// tabs kept even for `<<-`; see `chompedContent`).
  public var content: String
  /// `<<-`: leading tabs are stripped from the body and the terminator.
  public var chomp: Bool
  /// False when the delimiter is quoted: the body is not variable-expanded.
  public var expand: Bool
  /// File descriptor written before `<<` (`3<<EOF`), 0 when absent.
  public var fileDescriptor: Int
  /// From the first body line to the end of the terminator line.
  public var span: Span

  public init(
    name: String, content: String, chomp: Bool, expand: Bool, fileDescriptor: Int = 0, span: Span
  ) {
    self.name = name
    self.content = content
    self.chomp = chomp
    self.expand = expand
    self.fileDescriptor = fileDescriptor
    self.span = span
  }

  /// The body as the build sees it: for `<<-`, leading tabs removed from every line.
  public var chompedContent: String {
    guard chomp else { return content }
    var out = String.UnicodeScalarView()
    var atLineStart = true
    for c in content.unicodeScalars {
      if atLineStart && c == "\t" { continue }
      atLineStart = c == "\n"
      out.append(c)
    }
    return String(out)
  }
}

/// One instruction, shaped like buildkit's `Node` (value, flags, next chain).
public struct DockerfileInstruction: Sendable {
  /// Lower-cased keyword, as buildkit's `Node.Value` (unknown keywords kept).
  public var keyword: String
  /// The instruction's text with continuation lines joined (buildkit's `Original`).
  public var original: String
  /// Builder flags as written after unquoting, e.g. `--from=builder`.
  public var flags: [String]
  /// Spans of `flags`, one per flag.
  public var flagSpans: [Span]
  /// The `Node.Next` chain values. `ENV`/`LABEL` pairs are key, value, marker
  /// (`"="` for `k=v`, `""` for the legacy `k v` form).
  public var arguments: [String]
  /// One span per argument, on the line and column where it really is (also
  /// on continuation lines). For `ENV`/`LABEL`: key span, value span, and the
  /// whole pair's span for the marker; for JSON form, the string literal with its quotes.
  public var argumentSpans: [Span]
  /// True when the arguments came from a JSON array (exec form).
  public var isJSON: Bool
  public var heredocs: [DockerfileHeredoc]
  /// The whole instruction, continuation lines and heredoc bodies included.
  public var span: Span
  public var keywordSpan: Span
  /// From the first character after the flags to the end of the instruction text.
  public var argumentsSpan: Span
  /// The text covered by `argumentsSpan` with continuations joined.
  public var argumentsText: String
  /// The nested instruction of `ONBUILD` (buildkit nests it as a child node).
  public var subInstruction: DockerfileInstruction? {
    get { subBox?.instruction }
    set { subBox = newValue.map(Box.init) }
  }
  private var subBox: Box?

  /// Indirection so an instruction can hold its `ONBUILD` child.
  private final class Box: Sendable {
    let instruction: DockerfileInstruction
    init(_ instruction: DockerfileInstruction) { self.instruction = instruction }
  }

  public init(
    keyword: String, original: String, flags: [String], flagSpans: [Span], arguments: [String],
    argumentSpans: [Span], isJSON: Bool, heredocs: [DockerfileHeredoc], span: Span,
    keywordSpan: Span, argumentsSpan: Span, argumentsText: String,
    subInstruction: DockerfileInstruction? = nil
  ) {
    self.keyword = keyword
    self.original = original
    self.flags = flags
    self.flagSpans = flagSpans
    self.arguments = arguments
    self.argumentSpans = argumentSpans
    self.isJSON = isJSON
    self.heredocs = heredocs
    self.span = span
    self.keywordSpan = keywordSpan
    self.argumentsSpan = argumentsSpan
    self.argumentsText = argumentsText
    self.subBox = subInstruction.map(Box.init)
  }
}
