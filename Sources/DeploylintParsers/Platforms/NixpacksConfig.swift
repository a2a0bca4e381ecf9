import DeploylintCore

/// Nixpacks's configuration file (`nixpacks.toml`; `nixpacks.json` has the
/// same shape), https://nixpacks.com/docs/configuration/file: `[phases.<name>]`
/// with their commands, `[start] cmd` and `[variables]`. A commands array
/// holding `"..."` extends the provider's commands instead of replacing them.
public struct NixpacksConfig: Sendable {
  /// `providers`, as written.
  public var providers: [Located<String>] = []
  /// `[variables]`: set in the build and in the final image.
  public var variables: [LocatedPair] = []
  /// `[phases.*]`, in written order.
  public var phases: [NixpacksPhase] = []
  /// `[start] cmd`.
  public var startCommand: Located<String>?
  public var issues: [ParseError] = []

  /// The phase named `name` (`setup`, `install`, `build`).
  public func phase(_ name: String) -> NixpacksPhase? { phases.first { $0.name.value == name } }

  static let knownKeys: Set<String> = [
    "providers", "buildImage", "variables", "staticAssets", "phases", "start",
  ]

  public static func parse(_ document: ConfigDocument) throws(ParseError) -> NixpacksConfig {
    var r = FieldReader(document)
    let root = try r.rootMapping("nixpacks.toml")
    var config = NixpacksConfig()
    let entries = r.entries(root, "nixpacks.toml")
    r.warnUnknown(entries, known: knownKeys, in: "nixpacks.toml")
    for entry in entries {
      switch entry.key {
      case "providers":
        config.providers = r.items(entry.value, "providers").compactMap { r.string($0, "a provider") }
      case "variables": config.variables = r.stringMap(entry.value, "[variables]")
      case "phases":
        for phase in r.entries(entry.value, "[phases]") {
          config.phases.append(NixpacksPhase.parse(phase, &r))
        }
      case "start":
        for field in r.entries(entry.value, "[start]") where field.key == "cmd" {
          config.startCommand = r.string(field.value, "start.cmd")
        }
      default: break
      }
    }
    config.issues = r.issues
    return config
  }
}

/// One `[phases.<name>]` table.
public struct NixpacksPhase: Sendable {
  public var name: Located<String>
  /// `cmds` (or `cmd`): the phase's shell commands, without the `"..."` hole.
  public var commands: [Located<String>] = []
  /// True when the commands hold `"..."`: the provider's commands still run.
  public var extendsProvider = false
  /// True when `cmds`/`cmd` is written: without `"..."` it replaces the provider's.
  public var setsCommands = false

  static func parse(_ entry: ConfigEntry, _ r: inout FieldReader) -> NixpacksPhase {
    var phase = NixpacksPhase(name: Located(entry.key, span: entry.keySpan))
    for field in r.entries(entry.value, "[phases.\(entry.key)]")
    where field.key == "cmds" || field.key == "cmd" {
      phase.setsCommands = true
      switch r.stringOrList(field.value, "phases.\(entry.key).\(field.key)") {
      case .string(let command)?: phase.commands = [command]
      case .list(let commands, _)?:
        phase.extendsProvider = commands.contains { $0.value == "..." }
        phase.commands = commands.filter { $0.value != "..." }
      case nil: break
      }
    }
    return phase
  }
}
