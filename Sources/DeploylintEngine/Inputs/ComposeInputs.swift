import DeploylintCore
import DeploylintParsers

extension FileKind {
  public static let compose = FileKind("compose")
  public static let dotenv = FileKind("dotenv")
}

extension StoreKey {
  static var composeFiles: StoreKey<ComposeFile> { .init("composeFiles") }
  /// `.env` files: the variables compose interpolates.
  static var dotenvs: StoreKey<[String: String]> { .init("dotenvs") }
}

extension InputKind {
  /// `compose*.y*ml`, `docker-compose*.y*ml`.
  static let compose = InputKind(
    kind: .compose,
    matches: {
      ($0.lower.hasPrefix("compose") || $0.lower.hasPrefix("docker-compose"))
        && $0.hasSuffix(oneOf: [".yml", ".yaml"])
    }
  ) { source, file, store throws(ParseError) in
    store[.composeFiles][file.relativePath] = try ComposeFile.parse(YAMLReader.read(source))
  }

  static let dotenv = InputKind(kind: .dotenv, matches: named([".env", ".env.example"])) {
    source, file, store throws(ParseError) in
    store[.dotenvs][file.relativePath] = DotEnvParser.variables(source)
  }
}

extension InputKind {
  /// Whether YAML text named on the command line is a compose file: a
  /// top-level `services:` mapping
  /// (the Compose specification's application model). A Render Blueprint's
  /// `services:` is a list, so it is not mistaken for one.
  static func isComposeContent(_ bytes: [UInt8], path: String) -> Bool {
    // Unreadable YAML is kept as compose: its parse error is then reported
    // where it is, rather than the file being skipped in silence.
    guard let document = try? YAMLReader.read(SourceFile(path: path, bytes: bytes)) else { return true }
    let root = document.resolve(document.root)
    guard root.isMapping, let services = document.value("services", in: root) else { return false }
    return services.isMapping
  }
}
