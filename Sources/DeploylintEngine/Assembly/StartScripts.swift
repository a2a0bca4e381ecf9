import DeploylintCore
import DeploylintParsers

/// Start commands that run a script of the repository (issue 15 item 4):
/// `./entrypoint.sh`, `sh start.sh`, `bash -c "…"`, `/app/start.sh` after
/// `COPY start.sh /app/`. The script is followed to the process it starts
/// (its top-level `exec` line, else its last long-running command, with
/// `exec "$@"` handing over to the script's arguments) and the variables it
/// exports before that line; both join the service's start chain and
/// environment, so every rule reads the script's process. A script nothing
/// runs is never read.
///
/// Bounded: at most `maxDepth` scripts below one command, each script once
/// (a script that runs itself stops), scripts read only as far as
/// `ShellScript.maxLines`; discovery never follows links out of the root.
enum StartScripts {
  static let maxDepth = 4
  static let shells: Set<String> = ["sh", "bash", "dash", "ash", "zsh", "ksh"]
  /// Where a bare command name is looked up in an image (`COPY run.sh /usr/local/bin/`).
  static let pathDirectories = ["usr/local/bin", "usr/local/sbin", "usr/bin", "bin"]
  /// Commands a script runs to prepare, never its long-running process.
  static let setupCommands: Set<String> = [
    "set", "export", "unset", "echo", "printf", "cd", "mkdir", "chmod", "chown", "rm", "cp", "mv", "ln",
    "touch", "sleep", "wait", "trap", "source", ".", "shift", "true", "false", "test", "[", "[[", "local",
    "readonly", "umask", "ulimit", "cat", "exit", "return", "then", "do", "else", "elif", "fi", "done",
    "esac", "}", "declare", "typeset", "alias", "until", "while", "if", "for", "case", ":", "sed", "envsubst",
    "tee", "ls", "whoami", "id", "date", "env", "printenv", "eval",
  ]
}

/// What following one command into the scripts it runs found.
struct FollowedStart {
  /// `.script` links, then the `.process` link, below the command.
  var links: [StartLink] = []
  /// Variables the scripts export before the process starts.
  var exports: [EnvVar] = []
  /// The scripts read (paths relative to the root).
  var scripts: [String] = []
}

extension Assembler {
  /// Follows the end of the service's start chain into the scripts it runs:
  /// their links are appended, the variables they export overlay the
  /// environment, and the scripts are files the deploy reads.
  func followStartScripts(_ service: inout Service) {
    guard let last = service.start.links.last, last.kind != .process, last.kind != .processManager else {
      return
    }
    let followed = followStart(
      last.command, context: service.build.contextPath, recipe: service.build.recipe,
      environment: service.environment)
    guard !followed.links.isEmpty else { return }
    for link in followed.links { service.start.append(link) }
    if !followed.exports.isEmpty {
      service.environment = service.environment.overlaid(by: Environment(followed.exports))
    }
    for path in followed.scripts {
      service.files.note(deployFile(path, .read, "a script the start command runs"))
    }
  }

  /// The scripts `command` runs and the process they start, for any caller
  /// that holds a start command (compose's `command`, a platform's).
  /// `context` is the folder relative paths start from; `recipe`, when the
  /// service runs an image, maps image paths back through its COPY lines.
  func followStart(
    _ command: CommandFact, context: String, recipe: ImageRecipe?, environment: Environment
  ) -> FollowedStart {
    var result = FollowedStart()
    var current = command
    var visited: Set<String> = []
    var inline = false
    for _ in 0..<StartScripts.maxDepth {
      guard let hop = scriptHop(in: current, context: context, recipe: recipe) else { break }
      switch hop {
      case .inline(let text):
        // `bash -c "…"`: the string is the command.
        current = CommandFact(text: text, span: current.span, source: "\(current.source) (sh -c)")
        inline = true
      case .script(let path, let arguments):
        guard !visited.contains(path), let script = workspace[.shellScripts][path] else { return result }
        visited.insert(path)
        // Named as in the repository (the chain's own span says where it is).
        let display = path
        result.scripts.append(path)
        result.links.append(
          StartLink(
            .script,
            CommandFact(
              text: ([display] + arguments).joined(separator: " "), span: workspace.fileSpan(path),
              source: "run by \(current.source)")))
        guard
          let process = processLine(
            of: script, display: display, arguments: arguments, caller: current, environment: environment,
            exports: &result.exports)
        else { return result }
        current = process
        inline = true
      }
    }
    if inline { result.links.append(StartLink(.process, current)) }
    return result
  }

  enum ScriptHop {
    case script(path: String, arguments: [String])
    case inline(String)
  }

  /// The last simple command of `command` that runs a scanned script or a
  /// `sh -c` string.
  func scriptHop(in command: CommandFact, context: String, recipe: ImageRecipe?) -> ScriptHop? {
    for raw in ShellWords.commands(command.text).reversed() {
      let words = ShellWords.strippingPrefixes(raw)
      guard let first = words.first else { continue }
      var path = first
      var arguments = Array(words.dropFirst())
      var viaShell = false
      if StartScripts.shells.contains(Self.baseName(first)) {
        var i = 1
        while i < words.count, words[i].hasPrefix("-") || words[i].hasPrefix("+") {
          if words[i] == "-c"
            || (words[i].hasPrefix("-") && words[i].hasSuffix("c") && !words[i].hasPrefix("--"))
          {
            return i + 1 < words.count ? .inline(words[i + 1]) : nil
          }
          if words[i] == "-o" || words[i] == "+o" { i += 1 }
          i += 1
        }
        guard i < words.count else { continue }
        path = words[i]
        arguments = Array(words[(i + 1)...])
        viaShell = true
      }
      if let found = resolveScript(path, viaShell: viaShell, context: context, recipe: recipe) {
        return .script(path: found, arguments: arguments)
      }
    }
    return nil
  }

  /// The scanned script a start command names: a path in the image mapped
  /// back through COPY, else a path relative to the context. A bare name runs
  /// only from the PATH (or as a shell's argument, from the working directory).
  func resolveScript(_ path: String, viaShell: Bool, context: String, recipe: ImageRecipe?) -> String? {
    guard !path.isEmpty, !path.contains("$") else { return nil }
    let scripts = workspace[.shellScripts]
    var candidates: [String] = []
    if let recipe {
      candidates += ImagePaths.sources(
        of: path, bare: !viaShell && !path.contains("/"), in: recipe, context: context)
    }
    if !path.hasPrefix("/"), viaShell || path.contains("/") {
      candidates.append(joinPath(context, path))
    }
    return candidates.first { scripts[$0] != nil }
  }

  /// The process a script starts: its top-level `exec` line, else its last
  /// top-level command that is not a setup step. Exports of the lines before
  /// it (and assignments prefixed to it) are added to `exports`.
  func processLine(
    of script: ShellScript, display: String, arguments: [String], caller: CommandFact,
    environment: Environment, exports: inout [EnvVar]
  ) -> CommandFact? {
    var chosen: (line: Int, words: [String], prefix: [String])?
    var candidate: (line: Int, words: [String], prefix: [String])?
    search: for (index, line) in script.lines.enumerated() where line.isTopLevel {
      for words in line.commands {
        let prefix = Array(words.prefix { Self.isAssignment($0) })
        let rest = Array(words.dropFirst(prefix.count))
        if rest.first == "exec", rest.count > 1, !Self.isRedirection(rest[1]) {
          chosen = (index, Array(rest.dropFirst()), prefix)
          break search
        }
        if let name = rest.first, !StartScripts.setupCommands.contains(Self.baseName(name)) {
          candidate = (index, rest, prefix)
        }
      }
    }
    guard let process = chosen ?? candidate else { return nil }
    let line = script.lines[process.line]
    let source = "\(display) line \(line.span.line)"
    var shellVariables: [String: EnvVar] = [:]
    var allExport = false
    for earlier in script.lines[..<process.line] where earlier.isTopLevel {
      for words in earlier.commands {
        exportsOf(
          words, line: earlier, source: display, environment: environment, shellVariables: &shellVariables,
          allExport: &allExport, into: &exports)
      }
    }
    for assignment in process.prefix {
      if let v = Self.envVar(assignment, line: line, source: display, environment: environment) {
        exports.append(v)
      }
    }
    // `exec "$@"` hands over to the script's arguments (the image's CMD).
    var words: [String] = []
    var handedOver = false
    for word in process.words {
      if ["$@", "${@}", "$*", "${*}"].contains(word) {
        words += arguments
        handedOver = true
      } else {
        words.append(word)
      }
    }
    if handedOver, process.words.count == 1 {
      return words.isEmpty
        ? nil : CommandFact(text: words.joined(separator: " "), span: caller.span, source: caller.source)
    }
    return CommandFact(text: words.joined(separator: " "), span: line.span, source: source)
  }

  /// `export A=1 B`, `A=1` then `export A`, `set -a`: the variables a line exports.
  private func exportsOf(
    _ words: [String], line: ShellScript.Line, source: String, environment: Environment,
    shellVariables: inout [String: EnvVar], allExport: inout Bool, into exports: inout [EnvVar]
  ) {
    guard let first = words.first else { return }
    if first == "set", words.count > 1 {
      if words[1...].contains("-a") || words[1...].contains("-o") && words.contains("allexport") {
        allExport = true
      }
      if words[1...].contains("+a") { allExport = false }
      return
    }
    if first == "export" || ((first == "declare" || first == "typeset") && words.contains("-x")) {
      for word in words.dropFirst() where !word.hasPrefix("-") {
        if word.contains("=") {
          if let v = Self.envVar(word, line: line, source: source, environment: environment) {
            exports.append(v)
          }
        } else if let v = shellVariables[word] {
          exports.append(v)
        }
      }
      return
    }
    if words.allSatisfy(Self.isAssignment) {
      for word in words {
        guard let v = Self.envVar(word, line: line, source: source, environment: environment) else {
          continue
        }
        if allExport { exports.append(v) } else { shellVariables[v.key] = v }
      }
    }
  }

  /// `NAME=value` as a variable the script sets; `NAME=${NAME:-default}`
  /// keeps a value the environment already has, else takes the default.
  static func envVar(_ word: String, line: ShellScript.Line, source: String, environment: Environment)
    -> EnvVar?
  {
    guard let eq = word.firstIndex(of: "="), isAssignment(word) else { return nil }
    let key = String(word[..<eq])
    var value = String(word[word.index(after: eq)...])
    for form in ["${\(key):-", "${\(key)-", "${\(key):=", "${\(key)="]
    where value.hasPrefix(form) && value.hasSuffix("}") {
      if environment[key] != nil { return nil }
      value = String(value.dropFirst(form.count).dropLast())
    }
    return EnvVar(key: key, value: value, span: line.span, source: "exported by \(source)")
  }

  static func isAssignment(_ word: String) -> Bool {
    guard let eq = word.firstIndex(of: "="), eq != word.startIndex else { return false }
    let name = word[..<eq]
    return name.first.map { $0.isLetter || $0 == "_" } == true
      && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
  }

  /// `exec >log 2>&1`: redirects the script's output, starts nothing.
  static func isRedirection(_ word: String) -> Bool {
    let rest = word.drop { $0.isNumber }
    return rest.first == ">" || rest.first == "<"
  }

  static func baseName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }
}

/// Paths inside an image mapped back to the build context through the
/// shipped stage's `WORKDIR` and `COPY`/`ADD` lines (not `--from` copies).
enum ImagePaths {
  /// Context paths (relative to the root) that may hold the file at `path`.
  static func sources(of path: String, bare: Bool, in recipe: ImageRecipe, context: String) -> [String] {
    guard let final = recipe.finalStage else { return [] }
    let chain = recipe.stageChain(final.index)
    // Instructions from the base-most stage to the final one, in order.
    let instructions = chain.reversed().flatMap { recipe.stages[$0].instructions }
    var workdir = ""
    var copies: [(sources: [String], destination: String)] = []
    for instruction in instructions {
      switch instruction.keyword {
      case "WORKDIR":
        workdir = joinPath(workdir, ShellWords.commands(instruction.text).first?.first ?? "")
      case "COPY", "ADD":
        guard instruction.flag("from") == nil else { continue }
        let words = (instruction.execForm ?? ShellWords.commands(instruction.text).first ?? []).filter {
          !$0.hasPrefix("--")
        }
        guard words.count >= 2, let last = words.last else { continue }
        var destination = joinPath(last.hasPrefix("/") ? "" : workdir, last)
        if last.hasSuffix("/") || words.count > 2 || last == "." { destination += "/" }
        copies.append((Array(words.dropLast()), destination))
      default: break
      }
    }
    let targets: [String] =
      bare
      ? StartScripts.pathDirectories.map { joinPath($0, path) }
      : [joinPath(path.hasPrefix("/") ? "" : workdir, path)]
    var result: [String] = []
    for target in targets {
      for copy in copies.reversed() {
        let directory = copy.destination.hasSuffix("/")
        let destination = directory ? String(copy.destination.dropLast()) : copy.destination
        for source in copy.sources {
          // Joined only for a copy that lands on the target (most do not).
          if !directory, target == destination {
            result.append(joinPath(context, source))
          } else if destination.isEmpty || target.hasPrefix(destination + "/") {
            let from = joinPath(context, source)
            let rest = destination.isEmpty ? target : String(target.dropFirst(destination.count + 1))
            if rest == source.split(separator: "/").last.map(String.init) { result.append(from) }
            result.append(joinPath(from, rest))
          }
        }
      }
    }
    return result
  }
}

extension StartScripts {
  /// A finding on a line of a script the service's start chain runs gets the
  /// command that runs the script as a related location.
  static func attributed(_ finding: Finding, services: [String: Service]) -> Finding {
    guard let name = finding.service, let service = services[name] else { return finding }
    let links = service.start.links
    var f = finding
    for (index, link) in links.enumerated() where index > 0 && link.kind == .script {
      guard link.command.span.path == finding.span.path else { continue }
      let runner = links[index - 1].command
      guard !f.related.contains(where: { $0.span == runner.span }) else { continue }
      f.related.append(
        RelatedLocation(runner.span, "runs \(baseName(link.command.span.path)): \(runner.source)"))
    }
    return f
  }

  static func baseName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }
}
