import DeploylintCore
import DeploylintParsers

extension FileKind {
  public static let deploylintConfig = FileKind("deploylintConfig")
}

extension StoreKey {
  /// `.deploylint.yml` at the scan root (only that one applies).
  static var configurations: StoreKey<DeploylintConfig> { .init("configurations") }
}

extension InputKind {
  static let deploylintConfig = InputKind(
    kind: .deploylintConfig, matches: named([".deploylint.yml", ".deploylint.yaml"]), hashComments: false,
    errorsAreConfigurationErrors: true
  ) { source, file, store throws(ParseError) in
    // Only the configuration at the scan root applies.
    guard !file.relativePath.contains("/") else { return }
    store[.configurations][file.relativePath] = try DeploylintConfig.parse(YAMLReader.read(source))
  }
}
