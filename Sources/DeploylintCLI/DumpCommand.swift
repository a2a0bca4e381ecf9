import ArgumentParser
import DeploylintCore
import DeploylintEngine
import DeploylintParsers

struct DumpCommand: ConsoleCommand {
  static let configuration = CommandConfiguration(
    commandName: "dump",
    abstract: "Print a Dockerfile's parse in buildkit's dump format (for bug reports and conformance).")

  @Argument(help: "The Dockerfile.")
  var dockerfile: String

  func execute(_ console: Console) throws -> Int32 {
    let found = Discovery().discover(root: dockerfile, displayRoot: dockerfile)
    guard let input = found.files.first else {
      let why = found.notifications.first?.message ?? "cannot read"
      throw UsageError("\(dockerfile): \(why)")
    }
    let source = SourceFile(path: dockerfile, bytes: input.bytes)
    do {
      console.printQuoting(try DockerfileParser.parse(source).dump())
      return ExitStatus.clean
    } catch {
      console.diagnose(
        nil, "\(error.span.path):\(error.span.line):\(error.span.column): error: \(error.message)")
      return ExitStatus.findings
    }
  }
}
