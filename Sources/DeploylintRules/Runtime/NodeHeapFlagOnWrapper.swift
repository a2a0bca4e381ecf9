import DeploylintCore

/// Flags a heap flag pm2 gives to a wrapper (`script: 'npm'`, `yarn`, `pnpm`,
/// `npx`, a shell script) instead of the server: the wrapper starts the server
/// as a child process that never sees pm2's node arguments, and pm2's
/// `max_memory_restart` watches the wrapper's memory, not the server's.
public struct NodeHeapFlagOnWrapper: Rule {
  public static let description = RuleDescription(
    id: "node-heap-flag-on-wrapper",
    category: .runtime,
    severity: .warning,
    summary:
      "A pm2 app runs a wrapper (npm, yarn, pnpm, npx, a shell script) with a heap flag in `node_args`: the server never gets it",
    rationale: """
      pm2 passes `node_args` (alias `interpreter_args`, or `--node-args` on the command line) to the \
      interpreter of the process it starts. With `script: 'npm'` and `args: 'start'` that process is \
      npm itself: npm reads package.json and runs the `start` script in a child shell (`/bin/sh` on \
      Unix), and the shell starts the real server (`next start`, `node server.js`) as a process of \
      its own. Command-line flags of a Node process are not inherited by the processes it spawns, so \
      `--max-old-space-size` sizes the heap of npm, a process that holds a few tens of MiB, while the \
      server runs with V8's default heap limit. The same holds for yarn, pnpm, npx and shell scripts.

      pm2's `max_memory_restart` watches the process pm2 started, the wrapper too: the server's \
      memory can grow until the platform or the kernel kills it, and pm2's restart never fires. \
      deploylint therefore does not read such a flag as the server's heap \
      (`node-heap-exceeds-memory` and `pm2-heap-exceeds-restart-threshold` leave it alone) and says \
      where it really goes.

      The environment, unlike the command line, is inherited: `NODE_OPTIONS` set in the app's `env` \
      reaches every Node process the wrapper starts.
      """,
    references: [
      Reference(
        "pm2 ecosystem file attributes (node_args, interpreter_args, max_memory_restart)",
        "https://pm2.keymetrics.io/docs/usage/application-declaration/"),
      Reference("pm2: max memory restart", "https://pm2.keymetrics.io/docs/usage/memory-limit/"),
      Reference(
        "npm run-script: scripts run in a child shell (/bin/sh by default on Unix)",
        "https://docs.npmjs.com/cli/v9/commands/npm-run-script"),
      Reference("Node.js CLI: NODE_OPTIONS", "https://nodejs.org/api/cli.html#node_optionsoptions"),
      Reference("Node.js CLI: --max-old-space-size", RuntimeEstimators.nodeDocsURL),
    ],
    fix: """
      Point `script` at the server's own entry so pm2 starts the server itself, with its flags and \
      under its memory watch: for Next.js `script: 'node_modules/next/dist/bin/next'` with \
      `args: 'start'`, for a plain server `script: 'server.js'`. Or keep the wrapper and pass the \
      flag through the environment, which the child inherits: \
      `env: { NODE_OPTIONS: '--max-old-space-size=768' }` (then `max_memory_restart` still watches \
      only the wrapper).
      """,
    examples: examples)

  public init(options: RuleOptions) {}

  public func check(_ project: Project) -> [Finding] {
    project.services.flatMap(check)
  }

  func check(_ service: Service) -> [Finding] {
    service.node.pm2Apps.compactMap { app in
      // A heap the server gets through the app's env (NODE_OPTIONS) is the fix already applied.
      guard let wrapper = app.wrapper, let flag = app.wrapperHeap, app.heap == nil else { return nil }
      return finding(for: app, wrapper: wrapper, flag: flag, service: service)
    }
  }

  func finding(for app: PM2AppFacts, wrapper: Located<String>, flag: HeapFlag, service: Service) -> Finding {
    let tool = Self.baseName(wrapper.value)
    let server = app.wrapperRuns.map { "`\(Self.serverCommand($0.value))`" } ?? "the server"
    var message =
      "pm2 starts app `\(app.name)` as `\(wrapper.value)`, so `--max-old-space-size=\(flag.mebibytes)` "
      + "(\(flag.source)) sizes the heap of the \(tool) process, not of the server: \(tool) runs "
      + "\(server) as a child process, which does not inherit command-line flags and runs with V8's "
      + "default heap limit."
    if let restart = app.maxMemoryRestart {
      message +=
        " max_memory_restart `\(restart.text)` likewise watches the \(tool) process's memory, not the server's."
    }
    var help: [String] = []
    if let runs = app.wrapperRuns, let entry = Self.entry(of: runs.value) {
      help.append(
        "start the server itself: script: '\(entry.script)'\(entry.args.isEmpty ? "" : ", args: '\(entry.args)'"), "
          + "keeping node_args (pm2 then also watches the server's memory)")
    } else {
      help.append("point `script` at the server's own entry file, keeping node_args")
    }
    help.append(
      "or keep `\(tool)` and pass the flag through the environment the child inherits: "
        + "env: { NODE_OPTIONS: '--max-old-space-size=\(flag.mebibytes)' }")
    var related = [RelatedLocation(wrapper.span, "the process pm2 starts: \(tool)")]
    if let runs = app.wrapperRuns {
      related.append(RelatedLocation(runs.span, "the server's command, run by \(tool) without the flag"))
    }
    if let restart = app.maxMemoryRestart {
      related.append(RelatedLocation(restart.span, "max_memory_restart, also applied to \(tool)"))
    }
    return finding(message, at: flag.span, help: help, related: related, service: service.name)
  }

  static func baseName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }

  /// The long-running command of a package script (its last simple command).
  static func serverCommand(_ script: String) -> String {
    guard let last = ShellWords.commands(script).last else { return script }
    return ShellWords.strippingPrefixes(last).joined(separator: " ")
  }

  /// The entry pm2 can start directly for a script's server command:
  /// `next start -p 3000` → Next.js's bin with `start -p 3000`;
  /// `node server.js` → `server.js`.
  static func entry(of script: String) -> (script: String, args: String)? {
    guard let last = ShellWords.commands(script).last else { return nil }
    let words = ShellWords.strippingPrefixes(last)
    guard let tool = words.first.map(Self.baseName) else { return nil }
    let rest = Array(words.dropFirst())
    switch tool {
    case "next":
      return ("node_modules/next/dist/bin/next", rest.joined(separator: " "))
    case "node":
      guard let index = rest.firstIndex(where: { !$0.hasPrefix("-") }) else { return nil }
      return (rest[index], rest[(index + 1)...].joined(separator: " "))
    default:
      return nil
    }
  }
}
