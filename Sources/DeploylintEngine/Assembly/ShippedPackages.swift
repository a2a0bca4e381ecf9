import DeploylintCore

/// Which stages' Python installs are in the image a platform runs (issue 15
/// item 1). The image is the final stage (the target) and the stages it is
/// built `FROM`; what another stage installs is in it only when a
/// `COPY --from=<stage>` copies the environment it was installed into (a
/// virtualenv, `site-packages`, `/usr/local/lib/python*`, an install
/// `--prefix`). A stage that exports one model file ships none of its packages.
enum ShippedPackages {
  /// A stage whose Python installs ship, and the `COPY` that brings them into
  /// the image (nil for the stages the image is built from).
  struct Source: Equatable {
    var stage: Int
    var copy: Span?
  }

  /// The stages whose installs ship, in stage order, each once (with the
  /// first `COPY` that carries it).
  static func python(_ recipe: ImageRecipe) -> [Source] {
    var sources: [Int: Span?] = [:]
    var queue: [(stage: Int, copy: Span?)] = recipe.shippedStageIndices.map { ($0, nil) }
    while !queue.isEmpty {
      let (stage, copy) = queue.removeFirst()
      guard sources[stage] == nil else { continue }
      sources[stage] = copy
      for stageCopy in recipe.copies(inStage: stage)
      where sources[stageCopy.stage] == nil && carriesPython(stageCopy, recipe) {
        // The environment copied holds what the source stage and the stages
        // it is built from installed; the outermost COPY is the evidence.
        for j in recipe.stageChain(stageCopy.stage) {
          queue.append((j, copy ?? stageCopy.instruction.span))
        }
      }
    }
    return sources.keys.sorted().map { Source(stage: $0, copy: sources[$0] ?? nil) }
  }

  /// Whether `copy` copies a Python environment of the stage it reads.
  static func carriesPython(_ copy: StageCopy, _ recipe: ImageRecipe) -> Bool {
    let paths = copy.sources.map(normalized)
    if paths.contains(where: looksLikePythonEnvironment) { return true }
    let locations = pythonLocations(ofStage: copy.stage, recipe)
    return paths.contains { path in locations.contains { isWithin($0, path) || isWithin(path, $0) } }
  }

  /// Folders a stage (with the stages it is built from) installs Python
  /// packages into: the interpreter's own `site-packages`, `--user` installs,
  /// conda, the virtualenv its environment names, and the `--prefix`/
  /// `--target` of its installs and venvs it creates (relative to `WORKDIR`).
  static func pythonLocations(ofStage index: Int, _ recipe: ImageRecipe) -> [String] {
    var locations = ["/usr/local/lib/python", "/usr/lib/python", "/root/.local", "/opt/conda"]
    let env = recipe.environment(ofStage: index)
    for key in [
      "VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT", "CONDA_PREFIX", "PYTHONUSERBASE", "PIP_TARGET", "PIP_PREFIX",
    ] {
      if let value = env[key]?.value, !value.isEmpty { locations.append(value) }
    }
    var workdir = "/"
    for stage in recipe.stageChain(index).reversed() {
      for instruction in recipe.stages[stage].instructions {
        if instruction.keyword == "WORKDIR", let dir = instruction.words.first {
          workdir = dir.hasPrefix("/") ? dir : joinPath(workdir, dir)
        }
        guard instruction.keyword == "RUN" else { continue }
        for words in instruction.shellCommands {
          for folder in installFolders(words) {
            locations.append(folder.hasPrefix("/") ? folder : joinPath(workdir, folder))
          }
        }
      }
    }
    return locations.map(normalized)
  }

  /// Folders one command installs into or creates an environment in:
  /// `pip install --prefix=/install`, `--target`/`-t`, `--root`,
  /// `python -m venv /opt/venv`, `virtualenv`, `uv venv`, and `.venv` for
  /// `uv sync`/`poetry install` (the project's environment).
  static func installFolders(_ words: [String]) -> [String] {
    let words = ShellWords.strippingPrefixes(words)
    guard let first = words.first else { return [] }
    let tool = first.split(separator: "/").last.map(String.init) ?? first
    let subcommand = words.count > 1 ? words[1] : ""
    var folders: [String] = []
    switch tool {
    case "virtualenv":
      folders += words.dropFirst().filter { !$0.hasPrefix("-") }.prefix(1)
    case "uv" where subcommand == "venv":
      folders += words.dropFirst(2).filter { !$0.hasPrefix("-") }.prefix(1)
      if folders.isEmpty { folders.append(".venv") }
    case "uv" where subcommand == "sync", "poetry" where subcommand == "install" || subcommand == "sync":
      folders.append(".venv")
    case _ where tool.hasPrefix("python"):
      if let venv = words.firstIndex(of: "venv"), venv == 2, subcommand == "-m" {
        folders += words.dropFirst(3).filter { !$0.hasPrefix("-") }.prefix(1)
      }
    default: break
    }
    // Install destinations of pip (`python -m pip`, `uv pip`) options.
    guard tool.hasPrefix("pip") || tool.hasPrefix("python") || tool == "uv" else { return folders }
    for (k, word) in words.enumerated() {
      for option in ["--prefix", "--target", "-t", "--root"] {
        if word == option, k + 1 < words.count { folders.append(words[k + 1]) }
        if word.hasPrefix(option + "=") { folders.append(String(word.dropFirst(option.count + 1))) }
      }
    }
    return folders
  }

  /// A path that names a Python environment by itself: a `site-packages` or
  /// `dist-packages` folder, `lib/python*`, or a folder called like a virtualenv.
  static func looksLikePythonEnvironment(_ path: String) -> Bool {
    let parts = path.split(separator: "/")
    for (k, part) in parts.enumerated() {
      if part == "site-packages" || part == "dist-packages" { return true }
      if part.hasPrefix("python"), k > 0, parts[k - 1] == "lib" { return true }
      if part == "venv" || part == ".venv" || part.hasSuffix("-venv") || part == "virtualenv" { return true }
    }
    return false
  }

  /// `inner` is `outer` or inside it (`/usr/local/lib/python3.12` is inside
  /// the prefix `/usr/local/lib/python`; `/usr/local` contains it).
  static func isWithin(_ inner: String, _ outer: String) -> Bool {
    if outer == "/" { return true }
    return inner == outer || inner.hasPrefix(outer + "/")
      || (outer.hasSuffix("/python") && inner.hasPrefix(outer))
  }

  /// An absolute path without a trailing `/` or `/.`, cut at its first
  /// wildcard (`/usr/local/lib/python3.*/site-packages` → `/usr/local/lib/python3.`).
  static func normalized(_ path: String) -> String {
    var p = path
    if let wildcard = p.firstIndex(where: { "*?[".contains($0) }) { p = String(p[..<wildcard]) }
    if !p.hasPrefix("/") { p = "/" + (p.hasPrefix("./") ? String(p.dropFirst(2)) : p) }
    while p.count > 1, p.hasSuffix("/") || p.hasSuffix("/.") {
      p = p.hasSuffix("/.") ? String(p.dropLast(2)) : String(p.dropLast())
    }
    return p.isEmpty ? "/" : p
  }
}
