import DeploylintCore
import DeploylintParsers

extension Analyzer {
  /// Compose files a scanned folder names — `.deploylint.yml` `compose.files`
  /// or `COMPOSE_FILE` in a `.env` — whose names discovery does not classify
  /// (`base.yml`, `deploy/prod.yml`): read as compose files, since Compose
  /// reads them whatever their names. Files already found, and paths that
  /// leave the root, are skipped.
  static func listedComposeFiles(
    _ found: [InputFile], root: String, display: String, configuration: DeploylintConfig?,
    discovery: Discovery
  ) -> [InputFile] {
    var listed: [String] = []
    let config =
      configuration
      ?? found.first { $0.kind == .deploylintConfig }.flatMap { file in
        try? DeploylintConfig.parse(YAMLReader.read(SourceFile(path: file.displayPath, bytes: file.bytes)))
      }
    listed += (config?.compose?.files ?? []).map { joinPath("", $0.value) }
    for file in found where file.kind == .dotenv && file.relativePath.baseName == ".env" {
      let variables = DotEnvParser.variables(SourceFile(path: file.displayPath, bytes: file.bytes))
      guard let value = variables["COMPOSE_FILE"] else { continue }
      let separator = variables["COMPOSE_PATH_SEPARATOR"]?.first ?? ":"
      listed += value.split(separator: separator).map { joinPath(file.relativePath.parentPath, String($0)) }
    }
    let known = Set(found.map(\.relativePath))
    guard !listed.isEmpty, let realRoot = Discovery.realPath(root) else { return [] }
    var inputs: [InputFile] = []
    for relative in listed where !relative.isEmpty && !known.contains(relative) {
      let path = root + "/" + relative
      // Never read through a link that leaves the root.
      guard !inputs.contains(where: { $0.relativePath == relative }),
        !discovery.isExcluded(relative, isDirectory: false),
        let real = Discovery.realPath(path),
        real.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/"),
        case .success(let bytes) = Discovery.readAll(path, limit: discovery.maxFileSize)
      else { continue }
      let shown = Discovery.normalizeDisplayRoot(display)
      inputs.append(
        InputFile(
          relativePath: relative, displayPath: shown.isEmpty ? relative : shown + "/" + relative,
          kind: .compose,
          bytes: bytes))
    }
    return inputs
  }
}
