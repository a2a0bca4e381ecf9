import DeploylintCore
import DeploylintParsers
import Dispatch

/// The parsed artefacts of one scan root, keyed by path relative to the root.
/// Built once by `Workspace.parse` (each file read and parsed once); assembly
/// only reads it.
struct Workspace {
  var sources: [String: SourceFile] = [:]
  var files: [String: InputFile] = [:]
  var recipes: [String: ImageRecipe] = [:]
  /// Python requirements of each manifest, as `PackageRef`s (not yet marked direct).
  var pythonManifests: [String: [PackageRef]] = [:]
  /// Package index URLs each Python manifest names.
  var pythonIndexURLs: [String: [String]] = [:]
  var renderBlueprints: [String: RenderBlueprint] = [:]
  var railwayConfigs: [String: RailwayConfig] = [:]
  var flyConfigs: [String: FlyConfig] = [:]
  var herokuApps: [String: HerokuAppJSON] = [:]
  var procfiles: [String: [ProcfileEntry]] = [:]
  var packageJSONs: [String: PackageJSON] = [:]
  var pm2Ecosystems: [String: PM2Ecosystem] = [:]
  var composeFiles: [String: ComposeFile] = [:]
  var cargoLocks: [String: CargoLockFacts] = [:]
  var cargoManifests: [String: CargoManifestFacts] = [:]
  var dotenvs: [String: [String: String]] = [:]
  var config: DeploylintConfig = DeploylintConfig()
  var configErrors: [ParseError] = []
  var diagnostics: [Finding] = []

  /// All relative paths of a kind, sorted.
  func paths(of kind: FileKind) -> [String] {
    files.values.filter { $0.kind == kind }.map(\.relativePath).sorted()
  }

  func source(_ relativePath: String) -> SourceFile? { sources[relativePath] }

  /// The first line of a file, for findings and related locations about the
  /// file as a whole.
  func fileSpan(_ relativePath: String) -> Span {
    guard let s = sources[relativePath] else { return Span.file(relativePath) }
    return s.spanOfLine(1)
  }

  func displayPath(_ relativePath: String) -> String { files[relativePath]?.displayPath ?? relativePath }

  mutating func fail(_ error: ParseError) {
    diagnostics.append(
      Finding(
        ruleID: UnparseableFileID.id, severity: .error, message: error.message, span: error.span,
        help: ["fix the syntax at this location; deploylint checked the other files"]))
  }

  /// Parses every input, on `jobs` threads when there are several. Each file
  /// is parsed into a workspace of its own, then the workspaces are merged in
  /// input order, so the result does not depend on the number of threads.
  static func parse(_ inputs: [InputFile], jobs: Int = 1) -> Workspace {
    let workers = max(1, min(jobs, inputs.count))
    guard workers > 1 else {
      var ws = Workspace()
      for input in inputs { ws.add(input) }
      return ws
    }
    let slots = ParallelSlots<Workspace>(count: inputs.count)
    // Worker w takes inputs w, w + workers, …: files of similar sizes spread evenly.
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      for index in stride(from: worker, to: inputs.count, by: workers) {
        var one = Workspace()
        one.add(inputs[index])
        slots.set(index, one)
      }
    }
    var ws = Workspace()
    for one in slots.values() { ws.absorb(one) }
    return ws
  }

  /// Reads and parses one input into this workspace.
  private mutating func add(_ input: InputFile) {
    let source = SourceFile(path: input.displayPath, bytes: input.bytes)
    sources[input.relativePath] = source
    files[input.relativePath] = input
    do {
      try parse(input, source)
    } catch {
      if input.kind == .deploylintConfig { configErrors.append(error) } else { fail(error) }
    }
  }

  private mutating func parse(_ input: InputFile, _ source: SourceFile) throws(ParseError) {
    let path = input.relativePath
    switch input.kind {
    case .dockerfile:
      let dockerfile = try DockerfileParser.parse(source)
      let recipe = dockerfile.makeImageRecipe(path: input.displayPath)
      // buildkit refuses a file without `FROM` before building anything (a
      // binary file named Dockerfile parses as unknown instructions).
      guard !recipe.stages.isEmpty else {
        let at = dockerfile.instructions.first?.span ?? source.spanOfLine(1)
        throw ParseError("dockerfile contains no stages to build (no FROM instruction)", at: at)
      }
      recipes[path] = recipe
    case .requirements:
      let facts = RequirementsTxt.read(source)
      pythonManifests[path] = facts.requirements.map { Self.package($0, source) }
      pythonIndexURLs[path] = facts.indexURLs.map(\.url)
    case .pyproject:
      let facts = try PyProject.read(source)
      pythonManifests[path] = facts.allRequirements.map { Self.package($0, source) }
      pythonIndexURLs[path] = facts.indexURLs.map(\.url)
    case .poetryLock:
      pythonManifests[path] = try PoetryLock.read(source).map {
        PackageRef(name: $0.name, span: $0.span, source: "\(source.path):\($0.span.line)")
      }
    case .uvLock:
      pythonManifests[path] = try UVLock.read(source).map {
        PackageRef(name: $0.name, span: $0.span, source: "\(source.path):\($0.span.line)")
      }
    case .renderBlueprint:
      renderBlueprints[path] = try RenderBlueprint.parse(YAMLReader.read(source))
    case .railwayJSON:
      railwayConfigs[path] = try RailwayConfig.parse(JSONReader.read(source))
    case .railwayTOML:
      railwayConfigs[path] = try RailwayConfig.parse(TOMLReader.read(source))
    case .flyTOML:
      flyConfigs[path] = try FlyConfig.parse(TOMLReader.read(source))
    case .herokuAppJSON:
      // `app.json` is also Expo's and others' name: only a document with
      // Heroku keys is a Heroku app manifest, and only then can it be wrong.
      guard let document = try? JSONReader.read(source),
        ["formation", "stack", "buildpacks", "addons", "scripts"].contains(where: {
          document.value($0, in: document.root) != nil
        })
      else { return }
      herokuApps[path] = try HerokuAppJSON.parse(document)
    case .procfile:
      procfiles[path] = ProcfileParser.read(source)
    case .packageJSON:
      packageJSONs[path] = try PackageJSON.parse(JSONReader.read(source))
    case .pm2JSON:
      pm2Ecosystems[path] = try PM2Ecosystem.parse(JSONReader.read(source))
    case .pm2YAML:
      pm2Ecosystems[path] = try PM2Ecosystem.parse(YAMLReader.read(source))
    case .pm2JS:
      pm2Ecosystems[path] = PM2EcosystemJS.read(source)
    case .compose:
      composeFiles[path] = try ComposeFile.parse(YAMLReader.read(source))
    case .cargoLock:
      cargoLocks[path] = try CargoLock.read(source)
    case .cargoManifest:
      cargoManifests[path] = try CargoManifest.read(source)
    case .dotenv:
      dotenvs[path] = DotEnvParser.variables(source)
    case .deploylintConfig:
      // Only the configuration at the scan root applies.
      if !path.contains("/") { config = try DeploylintConfig.parse(YAMLReader.read(source)) }
    }
  }

  static func package(_ r: PythonRequirement, _ source: SourceFile) -> PackageRef {
    PackageRef(name: r.name, span: r.span, source: "\(source.path):\(r.span.line)", extras: r.extras)
  }
}

/// The id of the parse-failure rule, known to the engine without importing rules' internals.
enum UnparseableFileID {
  static let id = "unparseable-file"
}

extension String {
  /// The folder part of a relative path ("" at the root).
  var parentPath: String {
    guard let slash = lastIndex(of: "/") else { return "" }
    return String(self[..<slash])
  }
  var baseName: String {
    guard let slash = lastIndex(of: "/") else { return self }
    return String(self[index(after: slash)...])
  }
}

/// Joins and normalises relative paths (`a/b` + `../c` → `a/c`); never climbs
/// above the root.
func joinPath(_ base: String, _ relative: String) -> String {
  var parts = relative.hasPrefix("/") ? [] : base.split(separator: "/").map(String.init)
  for piece in relative.split(separator: "/") {
    switch piece {
    case ".", "": continue
    case "..": if !parts.isEmpty { parts.removeLast() }
    default: parts.append(String(piece))
    }
  }
  return parts.joined(separator: "/")
}
