import DeploylintCore
import DeploylintParsers

/// One compose project as `docker compose up` in its folder sees it: a base
/// file with the override files Compose merges onto it.
struct ComposeStack {
  var path: String
  var file: ComposeFile
  var overrides: [String] = []
  /// Who named the files when they were named (`.deploylint.yml
  /// compose.files`, `COMPOSE_FILE` in `.env`, the command line); nil for
  /// the default base + override pair.
  var declaredBy: String?

  /// The base names `docker compose` looks for, in its order of preference.
  static let baseNames = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"]
  static let overrideNames = [
    "compose.override.yaml", "compose.override.yml", "docker-compose.override.yaml",
    "docker-compose.override.yml",
  ]

  /// Groups compose files by folder: each default override file is merged
  /// onto the default base file of its folder; every other file (including an
  /// override without a base) is a stack of its own, as `docker compose -f`
  /// would read it.
  ///
  /// `named` lists the projects whose files are given explicitly, first
  /// wins: as with `docker compose -f a.yml -f b.yml`, they are merged in
  /// the order given and the default override file is not added (Docker
  /// documentation, "Merge Compose files": Compose reads the override file
  /// only when no `-f` is given). Other compose files of the same folders
  /// are then not part of any project: `ignored` lists them.
  static func stacks(_ files: [String: ComposeFile], named: [ComposeFileList] = []) -> (
    stacks: [ComposeStack], ignored: [(path: String, reason: String)]
  ) {
    let paths = files.keys.sorted()
    var stacks: [ComposeStack] = []
    var merged = Set<String>()
    var namedFolders: [String: String] = [:]
    for list in named {
      let present = list.paths.filter { files[$0] != nil }
      guard let first = present.first, let base = files[first], present.allSatisfy({ !merged.contains($0) })
      else { continue }
      var stack = ComposeStack(path: first, file: base, declaredBy: list.source)
      for path in present.dropFirst() {
        guard let override = files[path] else { continue }
        stack.file = merge(stack.file, override)
        stack.overrides.append(path)
      }
      merged.formUnion(present)
      for path in present where namedFolders[path.parentPath] == nil {
        namedFolders[path.parentPath] = list.source
      }
      stacks.append(stack)
    }
    var ignored: [(path: String, reason: String)] = []
    for path in paths where !merged.contains(path) {
      guard let source = namedFolders[path.parentPath] else { continue }
      ignored.append(
        (path, "not among the compose files \(source) names, so `docker compose` does not read it"))
      merged.insert(path)
    }
    for path in paths {
      guard let file = files[path], !merged.contains(path) else { continue }
      let name = path.baseName.lowercased()
      if overrideNames.contains(name), baseOf(path, in: files) != nil { continue }
      var stack = ComposeStack(path: path, file: file)
      if baseNames.contains(name) {
        for overrideName in overrideNames {
          let candidate = joinPath(path.parentPath, overrideName)
          guard let key = paths.first(where: { $0.lowercased() == candidate.lowercased() }),
            let override = files[key]
          else { continue }
          stack.file = merge(stack.file, override)
          stack.overrides.append(key)
          merged.insert(key)
        }
      }
      stacks.append(stack)
    }
    return (stacks, ignored)
  }

  /// The base file an override belongs to, when its folder has one.
  static func baseOf(_ overridePath: String, in files: [String: ComposeFile]) -> String? {
    let folder = overridePath.parentPath
    for base in baseNames {
      let candidate = joinPath(folder, base)
      if let key = files.keys.sorted().first(where: { $0.lowercased() == candidate.lowercased() }) {
        return key
      }
    }
    return nil
  }

  /// Compose's merge of an override onto a base (Compose specification,
  /// 13-merge.md): services with the same key are overlaid field by field.
  /// Mappings merge (`environment` by variable, `depends_on` by service),
  /// sequences append (`env_file`, `profiles`), scalars are replaced, and
  /// `command` and `entrypoint` are replaced, never appended. A key tagged
  /// `!reset` in the override removes the base's value; one tagged
  /// `!override` replaces it whole instead of merging. New services are added.
  static func merge(_ base: ComposeFile, _ override: ComposeFile) -> ComposeFile {
    var result = base
    for o in override.services {
      guard let i = result.services.firstIndex(where: { $0.name.value == o.name.value }) else {
        result.services.append(o)
        continue
      }
      result.services[i] = overlay(result.services[i], o)
    }
    result.issues += override.issues
    return result
  }

  static func overlay(_ base: ComposeService, _ o: ComposeService) -> ComposeService {
    var s = base
    for key in o.resetKeys.union(o.overrideKeys) { s.clear(key) }
    if let v = o.image { s.image = v }
    if let v = o.build { s.build = v }
    if let v = o.memLimit { s.memLimit = v }
    if let v = o.memReservation { s.memReservation = v }
    if let v = o.memswapLimit { s.memswapLimit = v }
    if let v = o.cpus { s.cpus = v }
    if let v = o.shmSize { s.shmSize = v }
    if let v = o.deployMemoryLimit { s.deployMemoryLimit = v }
    if let v = o.deployCPULimit { s.deployCPULimit = v }
    if let v = o.deployMemoryReservation { s.deployMemoryReservation = v }
    if let v = o.deployReplicas { s.deployReplicas = v }
    if let v = o.scale { s.scale = v }
    if let v = o.misplacedReplicas {
      s.misplacedReplicas = v
      s.misplacedReplicasKeySpan = o.misplacedReplicasKeySpan
    }
    if let v = o.containerName { s.containerName = v }
    if let v = o.restart { s.restart = v }
    // `depends_on` is a mapping in its long form: merged by service.
    for d in o.dependsOn {
      s.dependsOn.removeAll { $0.service.value == d.service.value }
      s.dependsOn.append(d)
    }
    if let v = o.command { s.command = v }
    if let v = o.entrypoint { s.entrypoint = v }
    s.profiles += o.profiles.filter { p in !s.profiles.contains { $0.value == p.value } }
    s.envFiles += o.envFiles
    for pair in o.environment {
      s.environment.removeAll { $0.key.value == pair.key.value }
      s.environment.append(pair)
    }
    return s
  }
}

/// Compose files given explicitly, in the order Compose merges them, and who
/// gave them.
struct ComposeFileList {
  var paths: [String]
  var source: String
}
