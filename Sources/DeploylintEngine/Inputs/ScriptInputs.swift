import DeploylintCore
import DeploylintParsers

extension FileKind {
  /// Shell scripts (`*.sh`, `*.bash`): they count only when a start command runs them.
  public static let shellScript = FileKind("shellScript")
}

extension StoreKey {
  /// Shell scripts by path, read by `StartScripts` when a start command runs one.
  static var shellScripts: StoreKey<ShellScript> { .init("shellScripts") }
}

extension InputKind {
  static let shellScript = InputKind(
    kind: .shellScript, matches: { $0.lower.hasSuffix(".sh") || $0.lower.hasSuffix(".bash") }
  ) { source, file, store throws(ParseError) in
    store[.shellScripts][file.relativePath] = ShellScript.parse(source)
  }
}
