import DeploylintCore
import DeploylintParsers

/// What a native build (a Render runtime, Railpack, Nixpacks, buildpacks)
/// installs into the service's Python environment: only the manifests its
/// build commands name, resolved in the service's root, and — when the
/// builder installs on its own — the one manifest the builder detects there.
/// A manifest elsewhere in the repository is never installed (issue 14 item
/// 2, "every platform").
extension Assembler {
  /// The Python manifests a builder detects at a root, in the order a
  /// buildpack or Railpack's Python provider picks them: `requirements.txt`,
  /// else a uv or Poetry project (its pyproject.toml and lock), else a bare
  /// pyproject.toml.
  func detectedPythonManifests(in folder: String) -> [String] {
    let manifests = workspace[.pythonManifests]
    func has(_ name: String) -> Bool { manifests[joinPath(folder, name)] != nil }
    if has("requirements.txt") { return [joinPath(folder, "requirements.txt")] }
    for lock in ["uv.lock", "poetry.lock"] where has(lock) {
      return [joinPath(folder, "pyproject.toml"), joinPath(folder, lock)].filter { manifests[$0] != nil }
    }
    if has("pyproject.toml") { return [joinPath(folder, "pyproject.toml")] }
    return []
  }

  /// When a builder installs the Python manifest it detects at the root.
  enum Detection {
    /// Always (Railpack, Nixpacks's provider, Heroku's buildpack).
    case always
    /// Only when the build commands install nothing deploylint can read (a
    /// native runtime whose command runs a script: the usual install is assumed).
    case whenCommandsInstallNothing
    /// Never (a non-Python runtime, a Nixpacks install phase that replaces the provider's).
    case never
  }

  /// Adds what `commands` install (packages named on the command line,
  /// manifests they read) and, per `detects`, what the builder installs on
  /// its own from `folder`. Each manifest read is recorded in the service's files.
  func linkPythonInstalls(
    _ service: inout Service, folder: String, commands: [CommandFact], detects: Detection, builder: String
  ) {
    var manifests: [(path: String, install: Span?)] = []
    var installedByCommands = false
    for command in commands {
      let found = installs(in: command, folder: folder)
      service.python.packages += found.packages
      service.python.indexURLs += found.indexURLs
      manifests += found.manifests.map { ($0, command.span) }
      installedByCommands = installedByCommands || !found.packages.isEmpty || !found.manifests.isEmpty
    }
    if detects == .always || (detects == .whenCommandsInstallNothing && !installedByCommands) {
      manifests += detectedPythonManifests(in: folder).map { ($0, nil) }
    }
    var seen = Set<String>()
    for (path, install) in manifests where seen.insert(path).inserted {
      service.files.note(
        deployFile(
          path, .read,
          install == nil
            ? "the Python manifest \(builder) installs" : "a manifest the build command installs",
          span: install))
      service.python.indexURLs += workspace[.pythonIndexURLs][path] ?? []
      for var package in workspace[.pythonManifests][path] ?? [] {
        package.installSpan = install
        service.python.packages.append(package)
      }
    }
    // Manifests in the service's root that nothing installs: said, not read.
    for name in ["requirements.txt", "pyproject.toml"] {
      let path = joinPath(folder, name)
      if workspace[.pythonManifests][path] != nil, !seen.contains(path) {
        service.files.note(
          deployFile(path, .ignored, "neither \(builder) nor the build command installs it"))
      }
    }
  }

  /// The Python installs of one shell command run in `folder` (a `cd dir`
  /// before an install moves it): packages named on the line, located at
  /// their word in the file; manifests read, relative to the scanned root.
  func installs(in command: CommandFact, folder: String) -> (
    packages: [PackageRef], indexURLs: [String], manifests: [String]
  ) {
    var packages: [PackageRef] = []
    var indexURLs: [String] = []
    var manifests: [String] = []
    let source = sourcesBySpanPath[command.span.path]
    var cursor = source.map { $0.offset(line: command.span.line, column: command.span.column) } ?? 0
    let end = source.map { $0.offset(line: command.span.endLine, column: command.span.endColumn) } ?? 0
    var cwd = folder
    for words in ShellWords.commands(command.text) {
      let stripped = ShellWords.strippingPrefixes(words)
      if stripped.first == "cd", stripped.count >= 2 {
        cwd = joinPath(cwd, stripped[1])
        continue
      }
      guard let install = PythonInstallScanner.scan(words: stripped) else { continue }
      for word in install.requirements {
        guard let (name, extras) = PythonInstallScanner.nameAndExtras(word) else { continue }
        var span = command.span
        if let source, let found = TokenLocator.find(name, in: source, from: cursor, to: end) {
          span = found
          cursor = source.offset(line: found.endLine, column: found.endColumn)
        }
        packages.append(
          PackageRef(
            name: name, span: span, source: "\(span.path):\(span.line)", extras: extras,
            direct: true, installSpan: command.span, cpuOnly: PackageRef.isCPUBuild(word)))
      }
      indexURLs += install.indexURLs
      for manifest in install.manifests {
        let path = joinPath(cwd, manifest)
        if workspace[.pythonManifests][path] != nil { manifests.append(path) }
      }
      if install.installsProject {
        manifests += [
          joinPath(cwd, "pyproject.toml"), joinPath(cwd, "uv.lock"), joinPath(cwd, "poetry.lock"),
        ]
        .filter { workspace[.pythonManifests][$0] != nil }
      }
    }
    return (packages, indexURLs, manifests)
  }
}
