import ArgumentParser

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A subcommand that writes to a `Console` and returns its exit status.
protocol ConsoleCommand: ParsableCommand {
  func execute(_ console: Console) throws -> Int32
}

extension ConsoleCommand {
  /// ArgumentParser's entry point; `DeploylintMain.run` is the real one.
  public func run() throws {
    let console = Console.system()
    let status = try execute(console)
    console.flush()
    if status != 0 { throw ExitCode(status) }
  }
}

/// Exit statuses: 0 nothing reached `--fail-on`, 1 something did, 2 usage or
/// configuration error. Never dependent on the output format.
public enum ExitStatus {
  public static let clean: Int32 = 0
  public static let findings: Int32 = 1
  public static let usage: Int32 = 2
}

extension ConsoleCommand {
  /// Paths named on the command line must exist: a missing one is a usage
  /// error (exit 2), never a clean run over nothing.
  func requireExisting(_ paths: [String]) throws {
    for path in paths where access(path, F_OK) != 0 {
      throw UsageError("\(path): no such file or directory")
    }
  }
}

/// A usage or configuration error, printed as `deploylint: error: …` with exit 2.
struct UsageError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

public enum DeploylintMain {
  /// Parses `arguments` (without the program name) and runs the command.
  public static func run(_ arguments: [String], console: Console) -> Int32 {
    if let help = subcommandHelp(arguments) {
      console.out += help + "\n"
      return ExitStatus.clean
    }
    do {
      let command = try RootCommand.parseAsRoot(arguments)
      guard let runnable = command as? ConsoleCommand else {
        // `--help`/`--version` surface as errors above; a root without a
        // subcommand cannot happen because `check` is the default.
        console.out += RootCommand.helpMessage() + "\n"
        return ExitStatus.clean
      }
      return try runnable.execute(console)
    } catch let error as UsageError {
      console.diagnose("error", error.description)
      return ExitStatus.usage
    } catch {
      let code = RootCommand.exitCode(for: error)
      let message = RootCommand.fullMessage(for: error)
      if code == .success {
        console.out += message + "\n"
        return ExitStatus.clean
      }
      if let exit = error as? ExitCode { return exit.rawValue }
      console.err += message + "\n"
      return ExitStatus.usage
    }
  }

  /// `deploylint <subcommand> --help` and `deploylint help <subcommand>`: the
  /// subcommand's own help (its options), which ArgumentParser would otherwise
  /// replace by the root's when a default subcommand is set.
  static func subcommandHelp(_ arguments: [String]) -> String? {
    let subcommands = RootCommand.configuration.subcommands
    func named(_ name: String) -> ParsableCommand.Type? {
      subcommands.first { $0.configuration.commandName == name }
    }
    if arguments.first == "help", arguments.count == 2, let sub = named(arguments[1]) {
      return RootCommand.helpMessage(for: sub)
    }
    guard arguments.contains("--help") || arguments.contains("-h"), let first = arguments.first,
      let sub = named(first)
    else { return nil }
    return RootCommand.helpMessage(for: sub)
  }
}
