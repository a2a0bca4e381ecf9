import DeploylintCore
import DeploylintParsers

/// One compose project as `docker compose up` in its folder sees it: a base
/// file with the override files Compose merges onto it.
struct ComposeStack {
  var path: String
  var file: ComposeFile
  var overrides: [String] = []

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
  static func stacks(_ files: [String: ComposeFile]) -> [ComposeStack] {
    let paths = files.keys.sorted()
    var stacks: [ComposeStack] = []
    var merged = Set<String>()
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
    return stacks
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

  /// Compose's merge of an override onto a base: services with the same key
  /// are overlaid field by field (scalars and `command` replaced,
  /// `environment` merged by variable), new services are added.
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
    if !o.profiles.isEmpty { s.profiles = o.profiles }
    if !o.envFiles.isEmpty { s.envFiles = o.envFiles }
    for pair in o.environment {
      s.environment.removeAll { $0.key.value == pair.key.value }
      s.environment.append(pair)
    }
    return s
  }
}
