import Foundation

/// Parses XML documents with a real, strict parser: Python's `xml.etree`
/// (expat), which rejects any document that is not well-formed XML 1.0 (a
/// raw control character, an unescaped `<` or `&`, a character reference to a
/// character XML cannot carry). Each document comes back as a tree of
/// elements for the tests to inspect. All documents go to one Python process,
/// as `SchemaValidation` does; a missing python3 is a failure, not a skip.
enum XMLValidation {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// An element as the parser read it: entities resolved, attribute values
  /// normalised as XML requires.
  struct Element {
    var tag: String
    var attributes: [String: String]
    /// The text before the first child element.
    var text: String
    var children: [Element]

    func all(_ tag: String) -> [Element] { children.filter { $0.tag == tag } }
    subscript(_ name: String) -> String? { attributes[name] }
    /// This element and every descendant, depth first.
    var descendants: [Element] { [self] + children.flatMap(\.descendants) }

    init(_ object: [String: Any]) {
      tag = object["tag"] as? String ?? ""
      attributes = object["attributes"] as? [String: String] ?? [:]
      text = object["text"] as? String ?? ""
      children = (object["children"] as? [[String: Any]] ?? []).map(Element.init)
    }
  }

  static let script = """
    import json, sys
    import xml.etree.ElementTree as ET
    def tree(e):
        return {"tag": e.tag, "attributes": dict(e.attrib), "text": e.text or "",
                "children": [tree(c) for c in e]}
    out, failed = {}, False
    for label, path in zip(sys.argv[1::2], sys.argv[2::2]):
        try:
            out[label] = tree(ET.parse(path).getroot())
        except ET.ParseError as error:
            failed = True
            print(f"{label}: not well-formed XML: {error}", file=sys.stderr)
    json.dump(out, sys.stdout)
    sys.exit(1 if failed else 0)
    """

  /// The root element of each document, by label; throws when any document
  /// is not well-formed (naming it and the parser's error).
  static func parse(labelled documents: [(label: String, text: String)]) throws -> [String: Element] {
    let outcome = try PythonScript.run(script, documents: documents, suffix: "xml")
    if outcome.status != 0 {
      throw Failure(
        description: "XML parse failed (exit \(outcome.status)):\n" + outcome.errors.suffix(3_000))
    }
    let roots = try JSONSerialization.jsonObject(with: outcome.output) as? [String: [String: Any]] ?? [:]
    return roots.mapValues(Element.init)
  }

  static func parse(_ text: String) throws -> Element {
    guard let root = try parse(labelled: [("document", text)])["document"] else {
      throw Failure(description: "no document parsed")
    }
    return root
  }
}
