import DeploylintCore
import DeploylintParsers

extension FileKind {
  public static let packageJSON = FileKind("packageJSON")
  public static let pm2JSON = FileKind("pm2JSON")
  public static let pm2YAML = FileKind("pm2YAML")
  public static let pm2JS = FileKind("pm2JS")

  /// The pm2 ecosystem kinds, whatever their format.
  static let pm2Ecosystems: Set<FileKind> = [.pm2JSON, .pm2YAML, .pm2JS]
}

extension StoreKey {
  static var packageJSONs: StoreKey<PackageJSON> { .init("packageJSONs") }
  /// pm2 ecosystem files in every format.
  static var pm2Ecosystems: StoreKey<PM2Ecosystem> { .init("pm2Ecosystems") }
}

extension InputKind {
  static let packageJSON = InputKind(
    kind: .packageJSON, matches: named(["package.json"]), hashComments: false
  ) {
    source, file, store throws(ParseError) in
    store[.packageJSONs][file.relativePath] = try PackageJSON.parse(JSONReader.read(source))
  }

  static let pm2JSON = InputKind(kind: .pm2JSON, matches: { pm2Name($0, [".json"]) }, hashComments: false) {
    source, file, store throws(ParseError) in
    store[.pm2Ecosystems][file.relativePath] = try PM2Ecosystem.parse(JSONReader.read(source))
  }

  static let pm2YAML = InputKind(kind: .pm2YAML, matches: { pm2Name($0, [".yml", ".yaml"]) }) {
    source, file, store throws(ParseError) in
    store[.pm2Ecosystems][file.relativePath] = try PM2Ecosystem.parse(YAMLReader.read(source))
  }

  /// Read as text, never executed.
  static let pm2JS = InputKind(
    kind: .pm2JS, matches: { pm2Name($0, [".js", ".cjs", ".mjs"]) }, hashComments: false
  ) { source, file, store throws(ParseError) in
    store[.pm2Ecosystems][file.relativePath] = PM2EcosystemJS.read(source)
  }

  /// `ecosystem.config.*`, `ecosystem.*`, `pm2.*` with one of `extensions`.
  private static func pm2Name(_ file: FileName, _ extensions: [String]) -> Bool {
    (file.lower.hasPrefix("ecosystem.") || file.lower.hasPrefix("pm2.")) && file.hasSuffix(oneOf: extensions)
  }
}
