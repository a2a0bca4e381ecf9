import DeploylintCore
import DeploylintParsers

/// Rust facts of a service: the dependency graph its build compiles (the
/// Cargo.lock of its build context, or of the workspace above it), the
/// release profile beside that lock, and the cargo steps that actually run
/// while the deployed artefact is built. A Dockerfile that only copies a
/// binary built elsewhere has no steps, so the build rules stay silent on it.
enum RustAssembly {
  static func enrich(_ service: inout Service, _ assembler: Assembler) {
    switch service.build.kind {
    case .dockerfile, .native: break
    case .prebuilt, .unknown: return
    }
    let ws = assembler.workspace
    guard let lockPath = lockPath(forContext: service.build.contextPath, in: ws),
      let lock = ws[.cargoLocks][lockPath]
    else { return }
    // A Dockerfile build compiles only what it copies: when it copies context
    // files but neither this lock nor its Cargo.toml, the lock is not this
    // build's graph (a Dockerfile that copies nothing from the context, or a
    // workspace lock above the context, is read as before).
    let context = service.build.contextPath
    if context.isEmpty || lockPath.hasPrefix(context + "/"), ws.buildCopiesContextFiles(service),
      !ws.build(of: service, reads: lockPath),
      !ws.build(of: service, reads: joinPath(lockPath.parentPath, "Cargo.toml"))
    {
      return
    }
    var rust = RustFacts(
      lockPath: ws.displayPath(lockPath), packageCount: lock.packageCount, lockSpan: ws.fileSpan(lockPath))
    rust.heavyCrates = lock.heavyCrates.map { HeavyCrate(name: $0.name, span: $0.span, reason: $0.reason) }

    var profileName: String?
    if let recipe = service.build.recipe {
      rust.dockerfilePath = dockerfileSource(recipe, ws)?.path
      for scan in dockerfileSteps(service, ws) {
        rust.buildSteps.append(scan.step)
        if scan.buildsProject, profileName == nil { profileName = scan.profile }
      }
    } else if let native = nativeSteps(service, lockPath: lockPath, ws) {
      rust.buildSteps.append(native.step)
      profileName = native.profile
    }
    let manifestPath = joinPath(lockPath.parentPath, "Cargo.toml")
    if let manifest = ws[.cargoManifests][manifestPath] {
      rust.profile = profile(profileName ?? "release", in: manifest)
    } else if profileName == "dev" {
      rust.profile.defaultDebugInfo = true
    }
    service.rust = rust
  }

  /// The Cargo.lock of the build context: in the context folder, else in the
  /// nearest ancestor folder inside the scan root (a workspace lock).
  static func lockPath(forContext context: String, in ws: Workspace) -> String? {
    var folder = context
    var steps = 0
    while steps <= 64 {
      let candidate = joinPath(folder, "Cargo.lock")
      if ws[.cargoLocks][candidate] != nil { return candidate }
      if folder.isEmpty { return nil }
      folder = folder.parentPath
      steps += 1
    }
    return nil
  }

  /// The effective settings of a cargo profile: `dev`/`release` defaults,
  /// overridden by the manifest's table (following `inherits` for custom ones).
  static func profile(_ name: String, in manifest: CargoManifestFacts) -> RustProfileFacts {
    var chain: [CargoProfile] = []
    var current: String? = name
    while let n = current, chain.count < 8, !chain.contains(where: { $0.name == n }) {
      guard let p = manifest.profile(n) else { break }
      chain.append(p)
      current = p.inherits?.value
    }
    let root = chain.last?.inherits?.value ?? chain.last?.name ?? name
    var facts = RustProfileFacts()
    // Cargo's built-in defaults: `dev` has full debug info, `release` none.
    facts.defaultDebugInfo = root == "dev" || root == "test"
    for p in chain.reversed() {
      if let debug = p.debug {
        switch debug.value {
        case .full: facts.debug = Located(true, span: debug.span, text: debug.text)
        case .none, .lineTablesOnly, .lineDirectivesOnly, .limited, .other:
          facts.debug = Located(false, span: debug.span, text: debug.text)
        }
      }
      if let lto = p.lto {
        switch lto.value {
        case .fat: facts.lto = Located("fat", span: lto.span, text: lto.text)
        case .thin: facts.lto = Located("thin", span: lto.span, text: lto.text)
        case .thinLocal, .off, .other: facts.lto = nil
        }
      }
      if let units = p.codegenUnits { facts.codegenUnits = units }
    }
    return facts
  }

  // MARK: - Dockerfile steps

  struct StepScan {
    var step: CargoBuildStep
    var profile: String
    var buildsProject: Bool
  }

  /// `cargo build` / `cargo install` / `cargo chef cook` on the `RUN` lines of
  /// the stages the shipped image depends on.
  static func dockerfileSteps(_ service: Service, _ ws: Workspace) -> [StepScan] {
    guard let recipe = service.build.recipe, let source = dockerfileSource(recipe, ws)?.source else {
      return []
    }
    var scans: [StepScan] = []
    for index in recipe.builtStageIndices {
      let stageEnv = recipe.environment(ofStage: index)
      for run in recipe.stages[index].runs {
        let start = source.offset(line: run.span.line, column: run.span.column)
        let end = source.offset(line: run.span.endLine, column: run.span.endColumn)
        var cursor = start
        for words in run.shellCommands {
          guard let invocation = CargoInvocation(words) else { continue }
          let cargoSpan = TokenLocator.find("cargo", in: source, from: cursor, to: end) ?? run.span
          if cargoSpan != run.span {
            cursor = source.offset(line: cargoSpan.endLine, column: cargoSpan.endColumn)
          }
          var step = CargoBuildStep(
            text: invocation.text, span: cargoSpan, source: "\(source.path):\(cargoSpan.line)",
            release: invocation.release)
          step.buildsProject = invocation.buildsProject
          step.usesCacheMount = run.flags.contains { $0.hasPrefix("mount=") && $0.contains("type=cache") }
          let from = source.offset(line: cargoSpan.line, column: cargoSpan.column)
          if let jobs = invocation.jobs {
            step.jobs = Located(
              jobs.value, span: locate(jobs.words, in: source, from: from, to: end) ?? cargoSpan,
              text: jobs.words.joined(separator: " "))
          } else if let inline = invocation.inlineJobs {
            step.jobs = Located(
              inline.value, span: locate([inline.word], in: source, from: start, to: end) ?? cargoSpan,
              text: inline.word)
          } else {
            step.jobs = Self.jobsVariable(stageEnv)
          }
          scans.append(
            StepScan(step: step, profile: invocation.profile, buildsProject: invocation.buildsProject))
        }
      }
    }
    return scans
  }

  /// The Dockerfile's source and path relative to the root (recipes carry the display path).
  static func dockerfileSource(_ recipe: ImageRecipe, _ ws: Workspace) -> (path: String, source: SourceFile)?
  {
    ws.sources.first { $0.value.path == recipe.path }.map { ($0.key, $0.value) }
  }

  /// The span covering `words` written in sequence (`-j 2`, `--jobs=2`).
  static func locate(_ words: [String], in source: SourceFile, from: Int, to: Int) -> Span? {
    guard let first = words.first, let head = TokenLocator.find(first, in: source, from: from, to: to) else {
      return nil
    }
    guard words.count > 1, let last = words.last else { return head }
    let after = source.offset(line: head.endLine, column: head.endColumn)
    guard let tail = TokenLocator.find(last, in: source, from: after, to: to) else { return head }
    return head.union(tail)
  }

  // MARK: - Native builds

  /// A platform-native build that compiles Rust: a `buildCommand` running
  /// cargo, Render's `runtime: rust`, Railway's Rust provider (Railpack and
  /// Nixpacks run `cargo build --release` when the folder has a Cargo.toml),
  /// or a Heroku app with a Cargo.toml (built by a Rust buildpack).
  static func nativeSteps(_ service: Service, lockPath: String, _ ws: Workspace) -> StepScan? {
    let runtime = service.platformConfig?.runtime?.value.lowercased()
    if let command = service.build.nativeCommand {
      for words in ShellWords.commands(command.text) {
        guard let invocation = CargoInvocation(words) else { continue }
        var step = CargoBuildStep(
          text: invocation.text, span: command.span, source: command.source, release: invocation.release)
        step.buildsProject = invocation.buildsProject
        if let jobs = invocation.jobs {
          step.jobs = Located(jobs.value, span: command.span, text: jobs.words.joined(separator: " "))
        } else if let inline = invocation.inlineJobs {
          step.jobs = Located(inline.value, span: command.span, text: inline.word)
        } else {
          step.jobs = jobsVariable(service.environment)
        }
        return StepScan(step: step, profile: invocation.profile, buildsProject: invocation.buildsProject)
      }
      if runtime == "rust" {
        // Render's Rust runtime with a build script: cargo runs inside it.
        return implicit(service, text: command.text, span: command.span, source: command.source)
      }
      return nil
    }
    let hasManifest = ws[.cargoManifests][joinPath(service.build.contextPath, "Cargo.toml")] != nil
    if runtime == "rust", let span = service.platformConfig?.runtime?.span {
      return implicit(service, text: "cargo build --release", span: span, source: "Render `runtime: rust`")
    }
    if service.platform == .heroku, hasManifest, lockPath.parentPath == service.build.contextPath {
      // A Rust app on Heroku compiles on Heroku's build system: through a Rust
      // buildpack, or a heroku.yml container build.
      return implicit(
        service, text: "cargo build --release", span: service.span,
        source: "Heroku's Rust build")
    }
    if service.platform == .railway, hasManifest, lockPath.parentPath == service.build.contextPath {
      let span = service.platformConfig?.runtime?.span ?? service.span
      return implicit(
        service, text: "cargo build --release", span: span,
        source: "Railway's Rust provider (Railpack/Nixpacks)")
    }
    return nil
  }

  /// `CARGO_BUILD_JOBS` from an environment, when it is a positive count.
  static func jobsVariable(_ environment: Environment) -> Located<Int>? {
    guard let env = environment["CARGO_BUILD_JOBS"], let n = Saturating.parseCount(env.value), n > 0 else {
      return nil
    }
    return Located(n, span: env.span, text: env.value)
  }

  static func implicit(_ service: Service, text: String, span: Span, source: String) -> StepScan {
    let step = CargoBuildStep(
      text: text, span: span, source: source, jobs: jobsVariable(service.environment), release: true)
    return StepScan(step: step, profile: "release", buildsProject: true)
  }
}

/// One cargo command line that compiles code, read from its words.
struct CargoInvocation {
  /// The command as written (inline assignments included).
  var text: String
  var release: Bool
  /// `dev`, `release` or the `--profile` name.
  var profile: String
  /// False for `cargo install <crate>` of a tool from crates.io: it compiles
  /// that tool's graph, not the project's lock.
  var buildsProject: Bool
  /// `-j N` / `--jobs N` / `--jobs=N` / `-jN`, with the words as written.
  var jobs: (value: Int, words: [String])?
  /// `CARGO_BUILD_JOBS=N cargo …`.
  var inlineJobs: (value: Int, word: String)?

  init?(_ words: [String]) {
    var assignments: [String] = []
    var rest = words[...]
    while let first = rest.first {
      if first.contains("="), !first.hasPrefix("-"), first.first?.isLetter == true || first.first == "_" {
        assignments.append(first)
        rest = rest.dropFirst()
      } else if ["sudo", "env", "exec", "time", "nice", "nohup", "command"].contains(first) {
        rest = rest.dropFirst()
      } else {
        break
      }
    }
    guard let cargo = rest.first, cargo == "cargo" || cargo.hasSuffix("/cargo") else { return nil }
    var args = Array(rest.dropFirst())
    // Toolchain selector (`cargo +nightly build`).
    if let first = args.first, first.hasPrefix("+") { args.removeFirst() }
    guard let sub = args.first else { return nil }
    var subArgs = Array(args.dropFirst())
    switch sub {
    case "build", "b", "install", "rustc":
      break
    case "chef":
      guard subArgs.first == "cook" else { return nil }
      subArgs.removeFirst()
    case "auditable", "leptos":
      // `cargo auditable build`, `cargo leptos build`.
      guard subArgs.first == "build" else { return nil }
      subArgs.removeFirst()
    case "zigbuild":
      break
    default:
      return nil
    }
    text = words.joined(separator: " ")
    release = subArgs.contains("--release") || subArgs.contains("-r") || sub == "install"
    profile = release ? "release" : "dev"
    buildsProject = true
    if sub == "install" {
      // `cargo install --path .` builds the project; `cargo install sqlx-cli` a tool.
      let hasPath = subArgs.contains { $0 == "--path" || $0.hasPrefix("--path=") }
      let positional = subArgs.contains { !$0.hasPrefix("-") }
      buildsProject = hasPath || !positional
      if subArgs.contains("--debug") {
        release = false
        profile = "dev"
      }
    }
    var i = 0
    while i < subArgs.count {
      let a = subArgs[i]
      if a == "-j" || a == "--jobs", i + 1 < subArgs.count, let n = Saturating.parseCount(subArgs[i + 1]),
        n > 0
      {
        jobs = (n, [a, subArgs[i + 1]])
        i += 1
      } else if a.hasPrefix("--jobs="), let n = Saturating.parseCount(a.dropFirst(7)), n > 0 {
        jobs = (n, [a])
      } else if a.hasPrefix("-j"), a.count > 2, let n = Saturating.parseCount(a.dropFirst(2)), n > 0 {
        jobs = (n, [a])
      } else if a == "--profile", i + 1 < subArgs.count {
        profile = subArgs[i + 1]
        release = profile != "dev" && profile != "test"
        i += 1
      } else if a.hasPrefix("--profile=") {
        profile = String(a.dropFirst(10))
        release = profile != "dev" && profile != "test"
      }
      i += 1
    }
    for assignment in assignments where assignment.hasPrefix("CARGO_BUILD_JOBS=") {
      if let n = Saturating.parseCount(assignment.dropFirst(17)), n > 0 { inlineJobs = (n, assignment) }
    }
  }
}
