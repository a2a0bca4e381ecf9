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
    // Indexes named by a package's source (uv `[tool.uv.sources]`, Poetry
    // `source = "…"`) give that package its build; an explicit index serves
    // no other package, so it is not a service-wide index.
    let cpuIndexes = Set(facts.indexURLs.filter(\.isPyTorchCPU).compactMap(\.name))
    let cpuSourced = Set(
      facts.uvSources.filter { $0.index.map { cpuIndexes.contains($0.value) } ?? false }.map {
        PackageRef.normalize($0.package)
      })
    store[.pythonManifests][file.relativePath] = facts.allRequirements.map { r in
      var p = package(r, source)
      if cpuSourced.contains(p.name) || r.index.map(cpuIndexes.contains) == true { p.cpuOnly = true }
      return p
    }
    store[.pythonIndexURLs][file.relativePath] = facts.indexURLs.filter { !$0.explicit }.map(\.url)
  }

  static let poetryLock = InputKind(kind: .poetryLock, matches: named(["poetry.lock"])) {
    source, file, store throws(ParseError) in
    store[.pythonManifests][file.relativePath] = try PoetryLock.read(source).map {
      PackageRef(
        name: $0.name, span: $0.span, source: "\(source.path):\($0.span.line)",
        cpuOnly: $0.version.map(PackageRef.isCPUBuild) ?? false)
    }
  }

  static let uvLock = InputKind(kind: .uvLock, matches: named(["uv.lock"])) {
    source, file, store throws(ParseError) in
    store[.pythonManifests][file.relativePath] = try UVLock.read(source).map {
      PackageRef(
        name: $0.name, span: $0.span, source: "\(source.path):\($0.span.line)",
        cpuOnly: $0.version.map(PackageRef.isCPUBuild) ?? false)
    }
  }

  private static func package(_ r: PythonRequirement, _ source: SourceFile) -> PackageRef {
    PackageRef(
      name: r.name, span: r.span, source: "\(source.path):\(r.span.line)", extras: r.extras,
      cpuOnly: PackageRef.isCPUBuild(r.specifier))
  }
}
