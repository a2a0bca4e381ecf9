/// Where an effective setting came from, for `deploylint config`.
public enum SettingOrigin: Hashable, Sendable, CustomStringConvertible {
  case builtIn
  /// `path:line` of the configuration file.
  case file(String)
  /// The environment variable's name.
  case environment(String)
  /// The command-line flag.
  case commandLine(String)

  public var description: String {
    switch self {
    case .builtIn: "built-in default"
    case .file(let at): at
    case .environment(let name): "environment \(name)"
    case .commandLine(let flag): "command line \(flag)"
    }
  }
}

/// One setting's value and origin.
public struct LayeredValue: Hashable, Sendable {
  public var value: String
  public var origin: SettingOrigin
  public init(_ value: String, _ origin: SettingOrigin) {
    self.value = value
    self.origin = origin
  }
}

/// The settings layers: built-in defaults < configuration file < `DEPLOYLINT_*`
/// environment variables < command line. One function merges them, so every
/// command resolves settings the same way.
public enum SettingLayers {
  /// Settings that layer, with their environment variable and flag.
  public static let keys: [(key: String, environment: String, flag: String)] = [
    ("config", "DEPLOYLINT_CONFIG", "--config"),
    ("format", "DEPLOYLINT_FORMAT", "--format"),
    ("fail-on", "DEPLOYLINT_FAIL_ON", "--fail-on"),
    ("host-memory", "DEPLOYLINT_HOST_MEMORY", "--host-memory"),
  ]

  public static let defaults: [String: String] = ["format": "text", "fail-on": "error"]

  /// Merges the layers: a later layer wins key by key; empty environment values
  /// count as unset. `file` values carry their own origin (`path:line`).
  public static func merge(
    defaults: [String: String] = SettingLayers.defaults, file: [String: LayeredValue] = [:],
    environment: [String: String] = [:], commandLine: [String: String] = [:]
  ) -> [String: LayeredValue] {
    var out: [String: LayeredValue] = [:]
    for (key, value) in defaults { out[key] = LayeredValue(value, .builtIn) }
    for (key, value) in file { out[key] = value }
    for (key, variable, _) in keys {
      if let value = environment[variable], !value.isEmpty {
        out[key] = LayeredValue(value, .environment(variable))
      }
    }
    for (key, _, flag) in keys {
      if let value = commandLine[key] { out[key] = LayeredValue(value, .commandLine(flag)) }
    }
    return out
  }
}
