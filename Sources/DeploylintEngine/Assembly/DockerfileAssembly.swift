import DeploylintCore
import DeploylintParsers

/// Facts a Dockerfile and its build context give a service: the Python
/// packages the shipped image installs, and its environment.
struct DockerfileFacts {
  var packages: [PackageRef] = []
  var environment = Environment()
  var indexURLs: [String] = []
  /// Manifests of the build context that the shipped stages install.
  var manifests: [String] = []
}

enum DockerfileAssembly {
  /// A service name for a Dockerfile nobody points at: `Dockerfile-collab` →
  /// `collab`, `api.Dockerfile` → `api`, `svc/Dockerfile` → `svc`, a root
  /// `Dockerfile` → the scanned folder's name.
  static func serviceName(forDockerfile path: String, rootName: String) -> String {
    let name = path.baseName
    let lower = name.lowercased()
    for prefix in ["dockerfile.", "dockerfile-", "containerfile.", "containerfile-"]
    where lower.hasPrefix(prefix) {
      return String(name.dropFirst(prefix.count))
    }
    if lower.hasSuffix(".dockerfile") { return String(name.dropLast(".dockerfile".count)) }
    let folder = path.parentPath.baseName
    return folder.isEmpty ? rootName : folder
  }

  /// Reads the `RUN` lines whose Python installs are in the shipped image
  /// (`ShippedPackages`: the final stage, the stages it is built from, and
  /// stages whose environment a `COPY --from` brings in) and resolves the
  /// manifests they install against the build context.
  static func facts(recipe: ImageRecipe, dockerfilePath: String, context: String, in ws: Workspace)
    -> DockerfileFacts
  {
    var facts = DockerfileFacts()
    if let final = recipe.finalStage { facts.environment = recipe.environment(ofStage: final.index) }
    guard let source = ws.source(dockerfilePath) else { return facts }
    let buildContext = BuildContext(folder: context, dockerfile: dockerfilePath, in: ws)
    for shipped in ShippedPackages.python(recipe) {
      for run in recipe.stages[shipped.stage].runs {
        // What the COPY/ADD lines before this RUN (and its bind mounts) put in the image.
        let files = ImageFiles(recipe: recipe, stage: shipped.stage, before: run.span)
        let start = source.offset(line: run.span.line, column: run.span.column)
        let end = source.offset(line: run.span.endLine, column: run.span.endColumn)
        var cursor = start
        // Package name → the reference that names it, read once per RUN when needed.
        var namedBy: [String: String]? = nil
        for install in PythonInstallScanner.scan(commands: run.shellCommands) {
          for word in install.requirements {
            guard let (name, extras) = PythonInstallScanner.nameAndExtras(word) else { continue }
            var span = run.span
            if let found = TokenLocator.find(name, in: source, from: cursor, to: end) {
              span = found
              cursor = source.offset(line: found.endLine, column: found.endColumn)
            } else {
              // Named through a variable (`${TORCH_PKG}`): the reference as written.
              if namedBy == nil { namedBy = packageReferences(run) }
              if let written = namedBy?[name],
                let reference = TokenLocator.findText(written, in: source, from: cursor, to: end)
              {
                span = reference
              }
            }
            var package = PackageRef(
              name: name, span: span, source: "\(source.path):\(span.line)", extras: extras, direct: true,
              installSpan: run.span)
            package.copySpan = shipped.copy
            facts.packages.append(package)
          }
          facts.indexURLs += install.indexURLs
          var manifests = install.manifests.compactMap { files.pythonManifest($0, in: buildContext, ws) }
          if install.installsProject,
            let project = files.pythonManifest("pyproject.toml", in: buildContext, ws)
          {
            manifests.append(project)
          }
          for manifest in manifests {
            if !facts.manifests.contains(manifest) { facts.manifests.append(manifest) }
            facts.indexURLs += ws[.pythonIndexURLs][manifest] ?? []
            for var package in ws[.pythonManifests][manifest] ?? [] {
              package.installSpan = run.span
              package.copySpan = shipped.copy
              facts.packages.append(package)
            }
          }
        }
      }
    }
    return facts
  }

  /// The packages the variable references of `run` name (`${TORCH_PKG}` →
  /// `torch`), each with the first reference that names it.
  static func packageReferences(_ run: Instruction) -> [String: String] {
    var names: [String: String] = [:]
    for substitution in run.substitutions {
      for word in ShellWords.commands(substitution.value).joined() {
        guard let name = PythonInstallScanner.nameAndExtras(word)?.name, names[name] == nil else { continue }
        names[name] = substitution.written
      }
    }
    return names
  }
}
