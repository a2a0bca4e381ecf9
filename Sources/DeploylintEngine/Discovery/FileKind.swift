/// What a scanned file is, decided from its name alone (no content sniffing is
/// needed for the names deploylint reads; a file that turns out to hold
/// something else becomes an `unparseable-file` finding).
public enum FileKind: String, Sendable, CaseIterable {
  case dockerfile
  case renderBlueprint
  case railwayJSON, railwayTOML
  case flyTOML
  case herokuAppJSON, procfile
  case packageJSON
  case pm2JSON, pm2YAML, pm2JS
  case compose
  case cargoLock, cargoManifest
  case requirements, pyproject, poetryLock, uvLock
  case dotenv
  case deploylintConfig

  /// Classifies a file by its base name; `nil` for files deploylint ignores.
  public static func classify(fileName name: String) -> FileKind? {
    let lower = name.lowercased()
    if isDockerfile(name) { return .dockerfile }
    switch lower {
    case "render.yaml", "render.yml": return .renderBlueprint
    case "railway.json": return .railwayJSON
    case "railway.toml": return .railwayTOML
    case "fly.toml": return .flyTOML
    case "app.json": return .herokuAppJSON
    case "procfile": return .procfile
    case "package.json": return .packageJSON
    case "cargo.lock": return .cargoLock
    case "cargo.toml": return .cargoManifest
    case "pyproject.toml": return .pyproject
    case "poetry.lock": return .poetryLock
    case "uv.lock": return .uvLock
    case ".env", ".env.example": return .dotenv
    case ".deploylint.yml", ".deploylint.yaml": return .deploylintConfig
    default: break
    }
    if lower.hasPrefix("ecosystem.config.") || lower.hasPrefix("ecosystem.") || lower.hasPrefix("pm2.") {
      if lower.hasSuffix(".json") { return .pm2JSON }
      if lower.hasSuffix(".yml") || lower.hasSuffix(".yaml") { return .pm2YAML }
      if lower.hasSuffix(".js") || lower.hasSuffix(".cjs") || lower.hasSuffix(".mjs") { return .pm2JS }
    }
    if (lower.hasPrefix("compose") || lower.hasPrefix("docker-compose"))
      && (lower.hasSuffix(".yml") || lower.hasSuffix(".yaml"))
    {
      return .compose
    }
    if lower.hasPrefix("requirements") && lower.hasSuffix(".txt") { return .requirements }
    if lower.hasPrefix("requirements") && lower.hasSuffix(".in") { return .requirements }
    return nil
  }

  /// Extensions that make `Dockerfile.<ext>` something else: ignore files,
  /// documentation, data, and source code named after Dockerfiles.
  static let notDockerfileExtensions: [String] = [
    "dockerignore", "md", "txt", "json", "yml", "yaml", "toml", "lock", "swift", "go", "rs", "py", "js",
    "mjs",
    "cjs", "ts", "java", "kt", "rb", "sh", "bash", "c", "h", "cpp", "html", "bak", "orig", "swp", "tmpl",
    "j2",
  ]

  /// `Dockerfile`, `Containerfile`, `Dockerfile.*`, `Dockerfile-*`, `*.Dockerfile`,
  /// `*.dockerfile` (DESIGN.md §2; the names buildx and Podman users write).
  public static func isDockerfile(_ name: String) -> Bool {
    let lower = name.lowercased()
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

extension FileKind {
  /// Formats whose comments start with `#`, where inline suppressions can be
  /// written. JSON (and pm2's JavaScript) cannot carry them: use `ignore`.
  var hasHashComments: Bool {
    switch self {
    case .herokuAppJSON, .railwayJSON, .packageJSON, .pm2JSON, .pm2JS, .deploylintConfig: false
    default: true
    }
  }
}
