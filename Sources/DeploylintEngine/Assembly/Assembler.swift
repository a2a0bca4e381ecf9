import DeploylintCore
import DeploylintParsers

/// Links the parsed artefacts of one root into services (DESIGN.md §1
/// "assemble"): each platform service to its Dockerfile and build context, and
/// every Dockerfile no platform points at as a service of its own.
struct Assembler {
  let workspace: Workspace
  let rootName: String

  func project() -> Project {
    var services: [Service] = []
    for path in workspace.paths(of: .dockerfile) {
      guard let recipe = workspace.recipes[path] else { continue }
      let context = path.parentPath
      let facts = DockerfileAssembly.facts(
        recipe: recipe, dockerfilePath: path, context: context, in: workspace)
      services.append(
        Service(
          name: DockerfileAssembly.serviceName(forDockerfile: path, rootName: rootName),
          span: recipe.finalStage?.fromSpan ?? Span.file(recipe.path), build: .dockerfile, recipe: recipe,
          environment: facts.environment, pythonPackages: facts.packages))
    }
    return Project(services: services, diagnostics: workspace.diagnostics)
  }
}
