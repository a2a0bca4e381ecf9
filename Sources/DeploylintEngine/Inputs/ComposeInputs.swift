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
