import DeploylintCore
import DeploylintParsers

extension FileKind {
  public static let dockerfile = FileKind("dockerfile")
}

extension StoreKey {
  /// What each Dockerfile builds, keyed by relative path.
  static var recipes: StoreKey<ImageRecipe> { .init("recipes") }
}

extension InputKind {
  static let dockerfile = InputKind(kind: .dockerfile, matches: DockerfileNames.matches) {
    source, file, store throws(ParseError) in
    let dockerfile = try DockerfileParser.parse(source)
    let recipe = dockerfile.makeImageRecipe(path: file.displayPath)
    // buildkit refuses a file without `FROM` before building anything (a
    // binary file named Dockerfile parses as unknown instructions).
    guard !recipe.stages.isEmpty else {
      let at = dockerfile.instructions.first?.span ?? source.spanOfLine(1)
      throw ParseError("dockerfile contains no stages to build (no FROM instruction)", at: at)
    }
    store[.recipes][file.relativePath] = recipe
  }
}

/// The names buildx and Podman users give Dockerfiles.
enum DockerfileNames {
  /// Extensions that make `Dockerfile.<ext>` something else: ignore files,
  /// documentation, data, and source code named after Dockerfiles.
  static let notDockerfileExtensions: [String] = [
    "dockerignore", "md", "txt", "json", "yml", "yaml", "toml", "lock", "swift", "go", "rs", "py", "js",
    "mjs", "cjs", "ts", "java", "kt", "rb", "sh", "bash", "c", "h", "cpp", "html", "bak", "orig", "swp",
    "tmpl", "j2",
  ]

  /// `Dockerfile`, `Containerfile`, `Dockerfile.*`, `Dockerfile-*`, `*.Dockerfile`, `*.dockerfile`.
  @Sendable static func matches(_ file: FileName) -> Bool {
    let lower = file.lower
    if lower == "dockerfile" || lower == "containerfile" { return true }
    if lower.hasPrefix("dockerfile.") || lower.hasPrefix("dockerfile-") {
      // `Dockerfile.prod` is a Dockerfile; `Dockerfile.dockerignore`,
      // `Dockerfile.md` or a fuzz target `dockerfile.swift` are not.
      return !notDockerfileExtensions.contains { lower.hasSuffix("." + $0) }
    }
    if lower.hasPrefix("containerfile.") || lower.hasPrefix("containerfile-") { return true }
    return lower.hasSuffix(".dockerfile") && lower.count > ".dockerfile".count
  }
}
