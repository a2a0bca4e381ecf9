import DeploylintCore

/// Railpack's configuration file (`railpack.json`, https://railpack.com/config/file;
/// fields as `railwayapp/railpack` core/config/config.go defines them at
/// b5e80580, 2026-08-18): build steps with their shell commands and
/// variables, and the deploy section's start command and variables. Every
/// value keeps where it is written.
public struct RailpackConfig: Sendable {
  public var schema: Located<String>?
  /// `provider`: the language provider Railpack uses instead of detecting one.
  public var provider: Located<String>?
  /// `steps`, in written order.
  public var steps: [RailpackStep] = []
  /// `deploy.startCommand`: the container's start command (run in a shell).
  public var startCommand: Located<String>?
  /// `deploy.variables`: the environment of the started container.
  public var deployVariables: [LocatedPair] = []
  /// Unknown or ill-typed fields.
  public var issues: [ParseError] = []

  /// The step named `name` (`install`, `build`).
  public func step(_ name: String) -> RailpackStep? { steps.first { $0.name.value == name } }

  static let knownKeys: Set<String> = [
    "$schema", "provider", "buildAptPackages", "steps", "deploy", "packages", "caches", "secrets", "exclude",
  ]

  public static func parse(_ document: ConfigDocument) throws(ParseError) -> RailpackConfig {
    var r = FieldReader(document)
    let root = try r.rootMapping("railpack.json")
    var config = RailpackConfig()
    let entries = r.entries(root, "railpack.json")
    r.warnUnknown(entries, known: knownKeys, in: "railpack.json")
    for entry in entries {
      switch entry.key {
      case "$schema": config.schema = r.string(entry.value, "$schema")
      case "provider": config.provider = r.string(entry.value, "provider")
      case "steps":
        for step in r.entries(entry.value, "steps") {
          config.steps.append(RailpackStep.parse(step, &r))
        }
      case "deploy":
        for field in r.entries(entry.value, "deploy") {
          switch field.key {
          case "startCommand": config.startCommand = r.string(field.value, "deploy.startCommand")
          case "variables": config.deployVariables = r.stringMap(field.value, "deploy.variables")
          default: break
          }
        }
      default: break
      }
    }
    config.issues = r.issues
    return config
  }
}

/// One step of `railpack.json` (`install`, `build` or one of the user's).
public struct RailpackStep: Sendable {
  public var name: Located<String>
  /// The step's shell commands: string commands (`"npm ci"`, `"exec:npm ci"`)
  /// and `{"cmd": …}` objects; file, path and copy commands run nothing.
  public var commands: [Located<String>] = []
  /// `variables` (and the `env` spelling some files use, which Railpack ignores:
  /// kept out of the build's environment).
  public var variables: [LocatedPair] = []

  static func parse(_ entry: ConfigEntry, _ r: inout FieldReader) -> RailpackStep {
    var step = RailpackStep(name: Located(entry.key, span: entry.keySpan))
    for field in r.entries(entry.value, "steps.\(entry.key)") {
      switch field.key {
      case "commands":
        for item in r.items(field.value, "steps.\(entry.key).commands") {
          if let command = Self.shellCommand(item, &r) { step.commands.append(command) }
        }
      case "variables": step.variables = r.stringMap(field.value, "steps.\(entry.key).variables")
      default: break
      }
    }
    return step
  }

  /// The shell command of a command item: a string (an `exec:` prefix
  /// removed; `path:`, `copy:` and `file:` commands run nothing) or a
  /// `{"cmd": …}` object. Located at the command's text.
  static func shellCommand(_ item: ConfigNode, _ r: inout FieldReader) -> Located<String>? {
    let resolved = r.document.resolve(item)
    if resolved.isMapping {
      guard let cmd = r.document.value("cmd", in: resolved) else { return nil }
      return r.string(cmd, "a command's cmd")
    }
    guard let text = r.string(resolved, "a command") else { return nil }
    for prefix in ["path:", "copy:", "file:"] where text.value.hasPrefix(prefix) { return nil }
    if text.value.hasPrefix("exec:") {
      return Located(String(text.value.dropFirst("exec:".count)), span: text.span)
    }
    return text
  }
}
