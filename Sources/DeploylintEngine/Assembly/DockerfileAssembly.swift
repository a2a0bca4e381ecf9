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

  /// Reads the shipped stages' `RUN` lines for Python installs and resolves the
  /// manifests they install against the build context.
  static func facts(recipe: ImageRecipe, dockerfilePath: String, context: String, in ws: Workspace)
    -> DockerfileFacts
  {
    var facts = DockerfileFacts()
    if let final = recipe.stages.indices.last { facts.environment = recipe.environment(ofStage: final) }
    guard let source = ws.source(dockerfilePath) else { return facts }
    let buildContext = BuildContext(folder: context, dockerfile: dockerfilePath, in: ws)
    for index in recipe.shippedStageIndices {
      for run in recipe.stages[index].runs {
        // What the COPY/ADD lines before this RUN (and its bind mounts) put in the image.
        let files = ImageFiles(recipe: recipe, stage: index, before: run.span)
        let start = source.offset(line: run.span.line, column: run.span.column)
        let end = source.offset(line: run.span.endLine, column: run.span.endColumn)
        var cursor = start
        for install in PythonInstallScanner.scan(commands: run.shellCommands) {
          for word in install.requirements {
            guard let (name, extras) = PythonInstallScanner.nameAndExtras(word) else { continue }
            let span = TokenLocator.find(name, in: source, from: cursor, to: end) ?? run.span
            if span != run.span { cursor = source.offset(line: span.endLine, column: span.endColumn) }
            facts.packages.append(
              PackageRef(
                name: name, span: span, source: "\(source.path):\(span.line)", extras: extras, direct: true,
                installSpan: run.span))
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
              facts.packages.append(package)
            }
          }
        }
      }
    }
    return facts
  }
}
