import DeploylintCore
import DeploylintParsers

extension FileKind {
  public static let dockerignore = FileKind("dockerignore")
}

extension StoreKey {
  /// `.dockerignore` and `<Dockerfile>.dockerignore` files: what each leaves
  /// out of a build context (read through `BuildContext`).
  static var dockerIgnores: StoreKey<DockerIgnore> { .init("dockerIgnores") }
}

extension InputKind {
  /// `.dockerignore`, `Dockerfile.dockerignore`, `api.Dockerfile.dockerignore`.
  static let dockerignore = InputKind(kind: .dockerignore, matches: { $0.lower.hasSuffix(".dockerignore") }) {
    source, file, store throws(ParseError) in
    store[.dockerIgnores][file.relativePath] = DockerIgnore(text: source.text)
  }
}
