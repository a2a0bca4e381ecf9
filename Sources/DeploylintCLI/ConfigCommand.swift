import ArgumentParser
import DeploylintCore
import DeploylintEngine
import DeploylintRules

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `deploylint config [PATH]`: the effective configuration and where each
/// value came from (built-in, file, environment, command line).
struct ConfigCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "config", abstract: "Print the effective configuration and where each value comes from.")

  @Argument(help: "The folder whose configuration to show.")
  var path: String = "."

  @Option(help: "The configuration file (default: .deploylint.yml at or above PATH).")
  var config: String?

  @Flag(help: "Print the JSON Schema of .deploylint.yml instead.")
  var schema = false

  func execute(_ console: Console) throws -> Int32 {
    if schema {
      console.out += ConfigSchema.text(rules: RuleRegistry.all.map(\.description))
      return ExitStatus.clean
    }
    var commandLine: [String: String] = [:]
    commandLine["config"] = config
    let settings = try EffectiveSettings.resolve(
      scanPath: path, commandLine: commandLine, environment: console.environment)
    var out =
      "configuration file: \(settings.configPath.map(EffectiveSettings.relativeToCurrentDirectory) ?? "none")\n"
    for key in ["format", "fail-on", "host-memory"] {
      guard let v = settings.values[key] else { continue }
      out += "\(key): \(v.value)  (\(v.origin))\n"
    }
    if let c = settings.config {
      for r in c.rules {
        let options = r.options.map { "\($0.name.value)=\($0.value.value)" }.joined(separator: ", ")
        out += "rules.\(r.id.value): \(r.severity?.value ?? "default")"
        out += (options.isEmpty ? "" : " options: \(options)") + "  (\(r.id.span.path):\(r.id.span.line))\n"
      }
      for (name, s) in c.services.sorted(by: { $0.key < $1.key }) {
        var parts: [String] = []
        if let p = s.platform { parts.append("platform=\(p.value)") }
        if let p = s.plan { parts.append("plan=\(p.value)") }
        if let m = s.memory { parts.append("memory=\(Bytes.format(m.value, .binary))") }
        if let m = s.buildMemory { parts.append("build-memory=\(Bytes.format(m.value, .binary))") }
        if let c = s.cpus { parts.append("cpus=\(c.value)") }
        if let i = s.image { parts.append("image=\(i.value)") }
        out += "services.\(name): \(parts.joined(separator: " "))  (\(s.span.path):\(s.span.line))\n"
      }
      if let compose = c.compose, let first = compose.files.first {
        out += "compose.files: \(compose.files.map(\.value).joined(separator: ", "))"
        out += "  (\(first.span.path):\(first.span.line))\n"
      }
      for p in c.planOverrides {
        var parts: [String] = []
        if let m = p.memory { parts.append("memory=\(Bytes.format(m, .binary))") }
        if let c = p.cpus { parts.append("cpus=\(c)") }
        if let price = p.price { parts.append("price=\(price)") }
        out += "platforms.\(p.platform.value).plans.\(p.id.value): \(parts.joined(separator: " "))"
        out += "  (\(p.id.span.path):\(p.id.span.line))\n"
      }
      for i in c.ignores {
        let what = [
          i.rule.map { "rule=\($0.value)" }, i.path.map { "path=\($0.value)" },
          i.service.map { "service=\($0.value)" },
        ]
        .compactMap { $0 }.joined(separator: " ")
        out += "ignore: \(what) -- \(i.reason.value)  (\(i.span.path):\(i.span.line))\n"
      }
    }
    console.printQuoting(out)
    return ExitStatus.clean
  }
}
