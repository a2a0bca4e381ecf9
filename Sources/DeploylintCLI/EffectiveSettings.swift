import DeploylintCore
import DeploylintEngine
import DeploylintParsers
import DeploylintReporters

/// The settings of one run after layering (`SettingLayers.merge`): the
/// configuration file that applies, and each value with its origin.
struct EffectiveSettings {
  var configPath: String?
  var config: DeploylintConfig?
  var values: [String: LayeredValue]

  /// Resolves the configuration file (`--config` > `DEPLOYLINT_CONFIG` > found
  /// at or above the first scanned path), loads it (errors: exit 2), and
  /// layers defaults < file < environment < command line. A `.deploylint.yml`
  /// given on standard input at the scanned folder's root is the configuration
  /// found there, whether or not it is saved.
  static func resolve(
    scanPath: String, commandLine: [String: String], environment: [String: String],
    standardInput: StandardInput? = nil
  ) throws -> EffectiveSettings {
    let pathLayers = SettingLayers.merge(defaults: [:], environment: environment, commandLine: commandLine)
    var configPath = pathLayers["config"]?.value ?? ConfigurationFile.locate(from: scanPath)
    var text: [UInt8]?
    var shown = configPath.map(Self.relativeToCurrentDirectory)
    if pathLayers["config"] == nil, let stdin = standardInput, let bytes = stdin.bytes,
      ConfigurationFile.names.contains(stdin.relativePath)
    {
      configPath = stdin.root + "/" + stdin.relativePath
      text = bytes
      shown = stdin.displayPath
    }
    var config: DeploylintConfig?
    if let configPath {
      switch ConfigurationFile.load(configPath, displayPath: shown, text: text) {
      case .success(let c): config = c
      case .failure(let error): throw UsageError(error.messages.joined(separator: "\ndeploylint: error: "))
      }
    }
    var file: [String: LayeredValue] = [:]
    if let config {
      if let v = config.format {
        file["format"] = LayeredValue(v.value, .file("\(v.span.path):\(v.span.line)"))
      }
      if let v = config.failOn {
        file["fail-on"] = LayeredValue(v.value, .file("\(v.span.path):\(v.span.line)"))
      }
      if let v = config.host?.memory {
        file["host-memory"] = LayeredValue(
          Bytes.format(v.value, .binary), .file("\(v.span.path):\(v.span.line)"))
      }
    }
    var values = SettingLayers.merge(file: file, environment: environment, commandLine: commandLine)
    if let configPath { values["config"] = values["config"] ?? LayeredValue(configPath, .file("found")) }
    return EffectiveSettings(configPath: configPath, config: config, values: values)
  }

  /// Paths in messages are shown as the user would type them: a configuration
  /// found by walking up is printed relative to the working directory.
  static func relativeToCurrentDirectory(_ path: String) -> String {
    guard path.hasPrefix("/"), let cwd = Discovery.realPathOfCurrentDirectory() else { return path }
    let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
  }

  var format: OutputFormat {
    get throws {
      let v = values["format"]?.value ?? "text"
      guard let f = OutputFormat(rawValue: v) else {
        let names = OutputFormat.allCases.map(\.rawValue)
        throw UsageError(
          "format `\(v)` (\(values["format"]!.origin)): expected "
            + names.dropLast().joined(separator: ", ") + " or " + (names.last ?? ""))
      }
      return f
    }
  }

  var failOn: FailThreshold {
    get throws {
      let v = values["fail-on"]?.value ?? "error"
      guard let f = FailThreshold(rawValue: v) else {
        throw UsageError(
          "fail-on `\(v)` (\(values["fail-on"]!.origin)): expected error, warning, note or none")
      }
      return f
    }
  }

  /// A host memory given outside the file (the file's `host.memory` is applied by assembly).
  var hostMemoryOverride: Int64? {
    get throws {
      guard let v = values["host-memory"] else { return nil }
      if case .file = v.origin { return nil }
      guard let bytes = MemorySize.parse(v.value, convention: .docker), bytes > 0 else {
        throw UsageError("host memory `\(v.value)` (\(v.origin)) is not a memory size (e.g. 4g, 512m, 2GB)")
      }
      return bytes
    }
  }
}
