import DeploylintCore

/// A Fly.io app config (`fly.toml`), read from the TOML reader's
/// `ConfigDocument` (any format of the same shape works).
public struct FlyConfig: Sendable {
  public var app: Located<String>?
  public var primaryRegion: Located<String>?
  public var dockerfile: Located<String>?
  public var image: Located<String>?
  public var builder: Located<String>?
  /// `[build] build-target`: the Dockerfile stage fly deploy builds.
  public var buildTarget: Located<String>?
  /// `[build.args]`: build arguments passed to the Dockerfile's `ARG`s.
  public var buildArgs: [LocatedPair] = []
  /// `[[vm]]` tables, or the single `[vm]` table (legacy `[compute]` too).
  public var vms: [FlyVM] = []
  public var swapSizeMB: Located<Int>?
  /// `[processes]`: process group name → command.
  public var processes: [LocatedPair] = []
  public var env: [LocatedPair] = []
  public var issues: [ParseError] = []

  public static func parse(_ document: ConfigDocument) throws(ParseError) -> FlyConfig {
    var r = FieldReader(document)
    let root = try r.rootMapping("fly.toml")
    var c = FlyConfig()
    for entry in r.entries(root, "fly.toml") {
      let v = entry.value
      switch entry.key {
      case "app": c.app = r.string(v, "app")
      case "primary_region": c.primaryRegion = r.string(v, "primary_region")
      case "swap_size_mb": c.swapSizeMB = r.int(v, "swap_size_mb")
      case "build":
        for b in r.entries(v, "[build]") {
          switch b.key {
          case "dockerfile": c.dockerfile = r.string(b.value, "build.dockerfile")
          case "image": c.image = r.string(b.value, "build.image")
          case "builder": c.builder = r.string(b.value, "build.builder")
          case "build-target": c.buildTarget = r.string(b.value, "build.build-target")
          case "args": c.buildArgs = r.stringMap(b.value, "[build.args]")
          default: break
          }
        }
      case "vm", "compute":
        let resolved = document.resolve(v)
        let tables = resolved.isSequence ? r.items(resolved, "[[vm]]") : [resolved]
        c.vms.append(contentsOf: tables.map { FlyVM.parse($0, &r) })
      case "processes": c.processes = r.stringMap(v, "[processes]")
      case "env": c.env = r.stringMap(v, "[env]")
      default: break
      }
    }
    c.issues = r.issues
    return c
  }
}

/// One `[[vm]]` table. `memory` stays raw ("1gb", "512mb" or a number of MB):
/// sizes are parsed by the memory-size parser, not here.
public struct FlyVM: Sendable {
  public var size: Located<String>?
  public var memory: Located<String>?
  public var memoryMB: Located<Int>?
  public var cpus: Located<Int>?
  public var cpuKind: Located<String>?
  /// Process groups this VM applies to (all when empty).
  public var processes: [Located<String>] = []
  public var span: Span

  static func parse(_ node: ConfigNode, _ r: inout FieldReader) -> FlyVM {
    var vm = FlyVM(span: node.span)
    let entries = r.entries(node, "[[vm]]")
    r.warnUnknown(
      entries,
      known: [
        "size", "memory", "memory_mb", "cpus", "cpu_kind", "processes", "gpus", "gpu_kind",
        "kernel_args", "host_dedication_id", "persist_rootfs",
      ], in: "[[vm]]")
    for entry in entries {
      let v = entry.value
      switch entry.key {
      case "size": vm.size = r.string(v, "vm.size")
      case "memory": vm.memory = r.string(v, "vm.memory")
      case "memory_mb": vm.memoryMB = r.int(v, "vm.memory_mb")
      case "cpus": vm.cpus = r.int(v, "vm.cpus")
      case "cpu_kind": vm.cpuKind = r.string(v, "vm.cpu_kind")
      case "processes":
        vm.processes = r.items(v, "vm.processes").compactMap { r.string($0, "a vm.processes item") }
      default: break
      }
    }
    return vm
  }
}
