import DeploylintCore
import DeploylintEngine
import DeploylintParsers
import Foundation
import Testing

/// `.pre-commit-hooks.yaml`, read with the project's own YAML reader: one hook
/// that runs the built binary on the whole repository, triggered by exactly
/// the files deploylint reads (`FileKind.classify`).
@Suite struct PreCommitHookTests {
  static func hook() throws -> (ConfigDocument, ConfigNode) {
    let path = ".pre-commit-hooks.yaml"
    let text = try String(contentsOf: RepositoryPaths.repo(path), encoding: .utf8)
    let document = try YAMLReader.read(SourceFile(path: path, text: text))
    let hooks = document.items(of: document.root)
    try #require(hooks.count == 1)
    return (document, hooks[0])
  }

  @Test func declaresTheDeploylintHook() throws {
    let (document, hook) = try Self.hook()
    #expect(document.value("id", in: hook)?.string == "deploylint")
    #expect(document.value("entry", in: hook)?.string == "deploylint")
    #expect(document.value("language", in: hook)?.string == "swift")
    #expect(document.value("pass_filenames", in: hook)?.bool == false)
    #expect(document.value("name", in: hook)?.string?.isEmpty == false)
  }

  /// Names deploylint reads and names it ignores, in folders and at the root.
  static let samples = [
    "Dockerfile", "api/Dockerfile.prod", "Containerfile", "web.dockerfile", "render.yaml", "render.yml",
    "railway.json", "svc/railway.toml", "fly.toml", "app.json", "Procfile", "package.json", "Cargo.lock",
    "Cargo.toml", "pyproject.toml", "poetry.lock", "uv.lock", ".env", ".env.example", ".deploylint.yml",
    "ecosystem.config.js", "pm2.json", "docker-compose.yml", "deploy/compose.prod.yaml", "requirements.txt",
    "requirements-dev.in", "Dockerfile.md", "README.md", "main.swift", "Package.swift", "src/index.js",
    "composer.json", "fly.toml.bak", "notes/render.yaml.txt", ".envrc", "Dockerfile-web.yaml",
    "dockerfile.swift", "Containerfile.md", "Dockerfile-worker", "railpack.json", "svc/nixpacks.toml",
    "nixpacks.json", "DOKKU_SCALE", "heroku.yml", "render-docker.yaml", "render.prod.yml", "renderer.yaml",
    "railpack.json.bak",
  ]

  @Test func filesPatternMatchesExactlyWhatDeploylintReads() throws {
    let (document, hook) = try Self.hook()
    var pattern = try #require(document.value("files", in: hook)?.string)
    // pre-commit uses Python's `re.search`; a leading `(?i)` is a global flag
    // in both Python and ICU.
    #expect(pattern.hasPrefix("(?i)"))
    pattern.removeFirst(4)
    let regex = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
    for path in Self.samples {
      let range = NSRange(path.startIndex..., in: path)
      let matched = regex.firstMatch(in: path, range: range) != nil
      let name = String(path.split(separator: "/").last ?? "")
      let read = FileKind.classify(fileName: name) != nil
      #expect(matched == read, "\(path): pattern \(matched), deploylint \(read)")
    }
  }
}
