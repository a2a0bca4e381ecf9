import DeploylintCore

/// buildkit's `newNodeFromLine`: splits one logical line into keyword, flags
/// and arguments, and dispatches the arguments to the keyword's line parser.
struct InstructionBuilder {
  let file: SourceFile
  let line: LogicalLine
  let escape: Unicode.Scalar

  func build(_ range: Range<Int>, depth: Int) throws(ArgumentError) -> DockerfileInstruction {
    guard depth < DockerfileParser.maxNesting else {
      throw ArgumentError(message: "ONBUILD nested too deeply")
    }
    let s = line.scalars
    let split = CommandSplitter.split(line, range, escape: escape)
    let keyword = line.text(split.keywordRange).lowercased()
    let args = split.argumentsRange
    var parsed: ParsedArguments
    switch keyword {
    case "add", "copy", "volume": parsed = try ArgumentParsers.maybeJSONToList(s, args)
    case "arg": parsed = ArgumentParsers.nameOrNameValue(s, args, escape: escape)
    case "cmd", "entrypoint", "run", "shell": parsed = try ArgumentParsers.maybeJSON(s, args)
    case "env": parsed = try ArgumentParsers.nameValue(s, args, keyword: "ENV", escape: escape)
    case "label": parsed = try ArgumentParsers.nameValue(s, args, keyword: "LABEL", escape: escape)
    case "expose", "from": parsed = ArgumentParsers.whitespaceDelimited(s, args)
    case "healthcheck": parsed = try ArgumentParsers.healthConfig(s, args)
    case "maintainer", "stopsignal", "user", "workdir": parsed = ArgumentParsers.string(s, args)
    case "onbuild":
      parsed = ParsedArguments()
      if !args.isEmpty { parsed.sub = try build(args, depth: depth + 1) }
    default:
      // buildkit's parseIgnore: unknown instructions keep one empty argument.
      parsed = ParsedArguments(arguments: [
        ParsedArgument(value: "", range: args.lowerBound..<args.lowerBound)
      ])
    }
    let start = split.keywordRange.lowerBound
    let end = max(start, GoChars.trimSpace(s, range).upperBound)
    return DockerfileInstruction(
      keyword: keyword,
      original: line.text(range),
      flags: split.flags.map(\.text),
      flagSpans: split.flags.map { line.span($0.range, in: file) },
      arguments: parsed.arguments.map(\.value),
      argumentSpans: parsed.arguments.map { line.span($0.range, in: file) },
      isJSON: parsed.isJSON,
      heredocs: [],
      span: line.span(start..<end, in: file),
      keywordSpan: line.span(split.keywordRange, in: file),
      argumentsSpan: line.span(args, in: file),
      argumentsText: line.text(args),
      subInstruction: parsed.sub)
  }
}
