import DeploylintCore
import Yams

/// Reads YAML into a `ConfigDocument` with exact spans, through Yams (libyaml).
///
/// Yams composes aliases by handing back the anchored node again, so a
/// billion-laughs document is a small DAG in memory but an exponential tree
/// to walk. We walk it once: the first node seen with a given anchor at a
/// given position is the definition; every later node with the same anchor
/// and the same start mark is an alias and becomes `.alias(name)` without
/// being traversed. Yams only reports start marks, so `YAMLSpanScanner`
/// computes every end from the source text.
public enum YAMLReader {
  /// Deepest nesting accepted; deeper input is rejected before Yams recurses.
  public static let maximumDepth = 512

  /// The first document of `file` (an empty file reads as a null root).
  public static func read(_ file: SourceFile) throws(ParseError) -> ConfigDocument {
    try readAll(file).first ?? ConfigDocument(root: ConfigNode(.scalar("", .null), span: .file(file.path)))
  }

  /// Every document of a multi-document stream (`---` separated), in order.
  public static func readAll(_ file: SourceFile) throws(ParseError) -> [ConfigDocument] {
    try YAMLDepthGuard.check(file, limit: maximumDepth)
    let parser: Parser
    do {
      parser = try Parser(yaml: file.text)
    } catch {
      throw convert(error, file)
    }
    var documents: [ConfigDocument] = []
    var converter = YAMLConverter(file: file)
    while true {
      let root: Node?
      do {
        root = try parser.nextRoot()
      } catch {
        throw convert(error, file)
      }
      guard let root else { break }
      documents.append(try converter.document(root))
    }
    return documents
  }

  /// Maps a Yams error to a located `ParseError`.
  static func convert(_ error: any Error, _ file: SourceFile) -> ParseError {
    func at(_ mark: Mark, _ message: String) -> ParseError {
      let offset = file.offset(line: mark.line, column: mark.column)
      return ParseError(message, at: file.span(from: offset, to: min(offset + 1, file.scalars.count)))
    }
    guard let yamlError = error as? YamlError else {
      return ParseError("invalid YAML: \(error)", at: .file(file.path))
    }
    switch yamlError {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let text = [context?.text, problem].compactMap { $0 }.joined(separator: ": ")
      return at(mark, "invalid YAML: \(text)")
    case .duplicatedKeysInMapping(let duplicates, let context):
      return at(context.mark, "duplicate mapping key: \(duplicates.joined(separator: ", "))")
    case .reader(let problem, let offset, _, _):
      // Yams counts this offset in Characters; spans count Unicode scalars.
      let text = file.text
      let index =
        text.index(text.startIndex, offsetBy: max(0, offset ?? 0), limitedBy: text.endIndex) ?? text.endIndex
      let o = text.unicodeScalars.distance(from: text.startIndex, to: index)
      return ParseError("unreadable YAML: \(problem)", at: file.span(from: o, to: o))
    default:
      return ParseError("invalid YAML: \(yamlError)", at: .file(file.path))
    }
  }
}

/// Converts Yams nodes of one stream, keeping anchor bookkeeping across documents.
struct YAMLConverter {
  let file: SourceFile
  let scanner: YAMLSpanScanner
  /// Anchor name → start offset of its current definition.
  private var definitions: [String: Int] = [:]
  private var anchors: [String: ConfigNode] = [:]
  private var tags: [ConfigDocument.Position: String] = [:]
  /// Offset after the last converted node, where the search for the next alias token starts.
  private var cursor = 0

  init(file: SourceFile) {
    self.file = file
    self.scanner = YAMLSpanScanner(file: file)
  }

  mutating func document(_ root: Node) throws(ParseError) -> ConfigDocument {
    anchors = [:]
    tags = [:]
    let node = try convert(root, depth: 0)
    var document = ConfigDocument(root: node, anchors: anchors)
    document.tags = tags
    return document
  }

  private func startOffset(_ mark: Mark?) -> Int {
    guard let mark else { return cursor }
    return file.offset(line: mark.line, column: mark.column)
  }

  private mutating func convert(_ node: Node, depth: Int) throws(ParseError) -> ConfigNode {
    let start = startOffset(node.mark)
    if depth > YAMLReader.maximumDepth {
      throw ParseError(
        "YAML nesting deeper than \(YAMLReader.maximumDepth) levels", at: file.span(from: start, to: start))
    }
    let anchorName = node.anchor?.rawValue
    if let name = anchorName, definitions[name] == start, start < cursor {
      // A node we already converted: Yams substituted it for `*name`.
      let (from, to) = scanner.aliasToken(after: cursor, name: name)
      cursor = to
      return ConfigNode(.alias(name), span: file.span(from: from, to: to))
    }
    if case .alias(let alias) = node {
      let name = alias.anchor.rawValue
      let (from, to) = scanner.aliasToken(after: cursor, name: name)
      cursor = to
      return ConfigNode(.alias(name), span: file.span(from: from, to: to))
    }
    if let name = anchorName { definitions[name] = start }
    let contentStart = scanner.skipProperties(from: start)
    if case .scalar(let scalar) = node, scalar.string.isEmpty, scalar.style == .plain || scalar.style == .any
    {
      // libyaml marks an empty scalar at the next token; keep the cursor where it is.
    } else {
      cursor = contentStart
    }
    var result: ConfigNode
    switch node {
    case .scalar(let scalar) where scalar.string.isEmpty && (scalar.style == .plain || scalar.style == .any):
      let position = scanner.emptyScalarPosition(after: cursor)
      cursor = position
      result = ConfigNode(.scalar("", .null), span: file.span(from: position, to: position))
    case .scalar(let scalar):
      let end = scanner.scalarEnd(from: contentStart, style: scalar.style, value: scalar.string)
      cursor = end
      result = ConfigNode(.scalar(scalar.string, kind(scalar)), span: file.span(from: contentStart, to: end))
    case .sequence(let sequence):
      var items: [ConfigNode] = []
      items.reserveCapacity(sequence.count)
      for item in sequence {
        items.append(try convert(item, depth: depth + 1))
      }
      let end = scanner.collectionEnd(start: contentStart, lastChildEnd: cursor)
      cursor = end
      result = ConfigNode(.sequence(items), span: file.span(from: contentStart, to: end))
    case .mapping(let mapping):
      var entries: [ConfigEntry] = []
      entries.reserveCapacity(mapping.count)
      for (key, value) in mapping {
        let k = try convert(key, depth: depth + 1)
        let v = try convert(value, depth: depth + 1)
        entries.append(ConfigEntry(key: k.scalarText ?? "", keySpan: k.span, value: v))
      }
      let end = scanner.collectionEnd(start: contentStart, lastChildEnd: cursor)
      cursor = end
      result = ConfigNode(.mapping(entries), span: file.span(from: contentStart, to: end))
    case .alias:
      result = ConfigNode(.scalar("", .null), span: file.span(from: start, to: start))
    }
    // Local tags only (`!reset`); resolved standard tags read `tag:yaml.org,…`.
    let tag = node.tag.rawValue
    if tag.hasPrefix("!"), !tag.hasPrefix("!!"), tag.count > 1 {
      tags[ConfigDocument.Position(result.span)] = tag
    }
    if let name = anchorName {
      result.anchor = name
      anchors[name] = result
    }
    return result
  }

  private func kind(_ scalar: Node.Scalar) -> ScalarKind {
    switch scalar.style {
    case .plain, .any:
      switch scalar.string {
      case "", "~", "null", "Null", "NULL": return .null
      default: return .plain
      }
    default: return .string
    }
  }
}
