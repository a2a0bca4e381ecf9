import DeploylintCore

/// The files of the repository a start command needs in the folder it runs
/// in: the module an ASGI/WSGI server imports (`uvicorn main:app` needs
/// `main.py` or `main/__init__.py`), the script `python` runs, the shell
/// script it executes. Only files deploylint scans (Python sources and shell
/// scripts) are named, so that "not there" is a fact, not a gap in the scan.
/// Commands after a `cd` to a folder are resolved in that folder; a `cd` to a
/// path deploylint cannot resolve (a variable, an absolute path) ends the list.
enum StartTargets {
  /// One file a command needs: any of `candidates` (relative to `folder`,
  /// itself relative to where the command starts) satisfies it.
  struct Target: Hashable {
    var folder: String
    var candidates: [String]
    /// How the command names it, for messages (`main:app`, `app.py`).
    var written: String
  }

  /// ASGI/WSGI servers whose first `module:attribute` argument is imported.
  static let servers: Set<String> = ["uvicorn", "gunicorn", "hypercorn", "daphne", "granian"]

  static func named(_ command: String) -> [Target] {
    var targets: [Target] = []
    var folder = ""
    for words in ShellWords.commands(command).prefix(16) {
      var rest = words.drop { $0.contains("=") && !$0.hasPrefix("-") }
      if rest.first == "exec" { rest = rest.dropFirst() }
      guard let program = rest.first else { continue }
      let args = Array(rest.dropFirst())
      if program == "cd" {
        guard let dir = args.first, plainPath(dir), !dir.hasPrefix("/") else { return targets }
        folder = joinPath(folder, dir)
        continue
      }
      if let target = target(program: program.baseName, args: args) {
        targets.append(Target(folder: folder, candidates: target.candidates, written: target.written))
      }
    }
    return targets
  }

  static func target(program: String, args: [String]) -> (candidates: [String], written: String)? {
    if servers.contains(program) {
      // The app is `module:attribute`; option values (`-k uvicorn.workers.UvicornWorker`,
      // `--bind 0.0.0.0:$PORT`) are never that shape.
      guard let app = args.first(where: { isAppReference($0) }) else { return nil }
      return (moduleFiles(String(app.prefix { $0 != ":" })), app)
    }
    if program.hasPrefix("python") {
      for (k, word) in args.enumerated() {
        if word == "-m" {
          guard k + 1 < args.count else { return nil }
          let module = args[k + 1]
          if servers.contains(module) { return target(program: module, args: Array(args[(k + 2)...])) }
          guard isModuleName(module) else { return nil }
          return (moduleFiles(module) + [module.replacingDots() + "/__main__.py"], module)
        }
        if word.hasPrefix("-") { continue }
        guard word.hasSuffix(".py"), plainPath(word), !word.hasPrefix("/") else { return nil }
        return ([word], word)
      }
      return nil
    }
    if ["sh", "bash"].contains(program) {
      guard let script = args.first, script.hasSuffix(".sh"), plainPath(script), !script.hasPrefix("/") else {
        return nil
      }
      return ([script], script)
    }
    if program.hasPrefix("./"), program.hasSuffix(".sh") || program.hasSuffix(".py"), plainPath(program) {
      return ([program], program)
    }
    return nil
  }

  /// `main.py` or `main/__init__.py` for `main`; `app/main.py`… for `app.main`.
  static func moduleFiles(_ module: String) -> [String] {
    let path = module.replacingDots()
    return [path + ".py", path + "/__init__.py"]
  }

  static func isAppReference(_ word: String) -> Bool {
    let parts = word.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[1].isEmpty else { return false }
    return isModuleName(String(parts[0]))
  }

  static func isModuleName(_ word: String) -> Bool {
    !word.isEmpty && word.count <= 200
      && word.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
        guard let first = part.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return part.unicodeScalars.allSatisfy {
          ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
        }
      }
  }

  /// A path written literally: no variable, glob, `~` or `..`.
  static func plainPath(_ word: String) -> Bool {
    !word.isEmpty && word.count <= 300 && !word.contains { "$*?[~`\\".contains($0) }
      && !word.split(separator: "/").contains("..")
  }
}

extension String {
  fileprivate func replacingDots() -> String {
    split(separator: ".", omittingEmptySubsequences: false).joined(separator: "/")
  }
}
