import DeploylintCore
import DeploylintEngine
import DeploylintImages
import DeploylintParsers

/// Rule examples cannot hold real tarballs, so an example image is described
/// by a `*.image.json` file: the image config's shape (`config.Env`,
/// `history`), `RepoTags`, `files` (path → size, one layer) and `deploy`
/// (`platform`, `plan`), standing for the platform file that would run it.
/// It goes through the same composition as a scanned archive.
enum ImageDescriptions {
  static func isDescription(_ path: String) -> Bool { path.hasSuffix(".image.json") }

  struct Described {
    var facts: ImageFacts
    var platform: Platform?
    var plan: String?
    var planSpan: Span?
  }

  static func decode(path: String, content: String) throws -> Described {
    let doc = try JSONReader.read(SourceFile(path: path, text: content))
    var files: [(path: String, size: Int64)] = []
    if let node = doc.value("files", in: doc.root) {
      for entry in doc.entries(of: node) { files.append((entry.key, Int64(entry.value.int ?? 0))) }
    }
    let tags = doc.value("RepoTags", in: doc.root).map { doc.items(of: $0).compactMap(\.string) } ?? []
    let facts = ImageScanner.facts(
      display: path, configSpan: .file(path), config: doc, repoTags: tags, layers: [files])
    let deploy = doc.value("deploy", in: doc.root)
    let planNode = deploy.flatMap { doc.value("plan", in: $0) }
    return Described(
      facts: facts, platform: deploy.flatMap { doc.value("platform", in: $0)?.string }.flatMap(Platform.init),
      plan: planNode?.string, planSpan: planNode?.span)
  }

  /// Links the described images into `project` and applies their `deploy`.
  static func link(_ described: [Described], into project: inout Project) {
    project.services = ImageAssembly.link(described.map(\.facts), into: project.services)
    for d in described {
      guard let i = project.services.firstIndex(where: { $0.image?.path == d.facts.path }) else { continue }
      project.services[i].platform = d.platform ?? project.services[i].platform
      if let platform = d.platform, let plan = d.plan, let planSpan = d.planSpan {
        project.services[i].plan = Located(plan, span: planSpan)
        if let p = PlanCatalog.plan(platform, plan), let memory = p.memory {
          project.services[i].runtimeBudget = MemoryBudget(
            bytes: memory, cpus: p.cpus,
            source: "\(platform.displayName) plan `\(plan)`: \(Bytes.format(memory, .decimal))",
            span: d.planSpan)
        }
      }
    }
  }
}
