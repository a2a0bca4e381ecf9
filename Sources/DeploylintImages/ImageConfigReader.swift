import DeploylintCore
import DeploylintParsers

/// The parts of an image config (`application/vnd.oci.image.config.v1+json`)
/// deploylint uses, each located inside the config blob.
struct ImageConfig {
  var environment: [EnvVar] = []
  var cmd: [String]?
  var entrypoint: [String]?
  var user: String?
  var history: [ImageHistoryEntry] = []
  var platform: String?

  static func read(_ doc: ConfigDocument) -> ImageConfig {
    var result = ImageConfig()
    let root = doc.root
    if let os = doc.value("os", in: root)?.string, let arch = doc.value("architecture", in: root)?.string {
      result.platform = "\(os)/\(arch)"
    }
    if let config = doc.value("config", in: root) {
      for item in doc.value("Env", in: config).map({ doc.items(of: $0) }) ?? [] {
        guard let text = item.string, let eq = text.firstIndex(of: "="), eq != text.startIndex else {
          continue
        }
        result.environment.append(
          EnvVar(
            key: String(text[..<eq]), value: String(text[text.index(after: eq)...]), span: item.span,
            source: "image config Env"))
      }
      result.cmd = doc.value("Cmd", in: config).flatMap { strings($0, doc) }
      result.entrypoint = doc.value("Entrypoint", in: config).flatMap { strings($0, doc) }
      result.user = doc.value("User", in: config)?.string.flatMap { $0.isEmpty ? nil : $0 }
    }
    for item in doc.value("history", in: root).map({ doc.items(of: $0) }) ?? [] {
      let createdBy = doc.value("created_by", in: item)
      result.history.append(
        ImageHistoryEntry(
          createdBy: createdBy?.string ?? "", emptyLayer: doc.value("empty_layer", in: item)?.bool ?? false,
          span: createdBy?.span ?? item.span))
    }
    return result
  }

  static func strings(_ node: ConfigNode, _ doc: ConfigDocument) -> [String]? {
    guard node.isSequence else { return nil }
    return doc.items(of: node).compactMap(\.string)
  }
}
