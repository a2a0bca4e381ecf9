import DeploylintCore
import DeploylintParsers

extension FileKind {
  public static let requirements = FileKind("requirements")
  public static let pyproject = FileKind("pyproject")
  public static let poetryLock = FileKind("poetryLock")
  public static let uvLock = FileKind("uvLock")
}

extension StoreKey {
  /// Python requirements of each manifest, as `PackageRef`s (not yet marked direct).
  static var pythonManifests: StoreKey<[PackageRef]> { .init("pythonManifests") }
  /// Package index URLs each Python manifest names.
  static var pythonIndexURLs: StoreKey<[String]> { .init("pythonIndexURLs") }
}

extension InputKind {
  /// `requirements*.txt`, `requirements*.in`.
  static let requirements = InputKind(
    kind: .requirements,
    matches: { $0.lower.hasPrefix("requirements") && $0.hasSuffix(oneOf: [".txt", ".in"]) }
  ) { source, file, store throws(ParseError) in
    let facts = RequirementsTxt.read(source)
    store[.pythonManifests][file.relativePath] = facts.requirements.map { package($0, source) }
    store[.pythonIndexURLs][file.relativePath] = facts.indexURLs.map(\.url)
  }

  static let pyproject = InputKind(kind: .pyproject, matches: named(["pyproject.toml"])) {
    source, file, store throws(ParseError) in
    let facts = try PyProject.read(source)
    store[.pythonManifests][file.relativePath] = facts.allRequirements.map { package($0, source) }
    store[.pythonIndexURLs][file.relativePath] = facts.indexURLs.map(\.url)
  }

  static let poetryLock = InputKind(kind: .poetryLock, matches: named(["poetry.lock"])) {
    source, file, store throws(ParseError) in
    store[.pythonManifests][file.relativePath] = try PoetryLock.read(source).map {
      PackageRef(name: $0.name, span: $0.span, source: "\(source.path):\($0.span.line)")
    }
  }

  static let uvLock = InputKind(kind: .uvLock, matches: named(["uv.lock"])) {
    source, file, store throws(ParseError) in
    store[.pythonManifests][file.relativePath] = try UVLock.read(source).map {
      PackageRef(name: $0.name, span: $0.span, source: "\(source.path):\($0.span.line)")
    }
  }

  private static func package(_ r: PythonRequirement, _ source: SourceFile) -> PackageRef {
    PackageRef(name: r.name, span: r.span, source: "\(source.path):\(r.span.line)", extras: r.extras)
  }
}
