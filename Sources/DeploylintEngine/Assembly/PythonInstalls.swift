import DeploylintCore

/// What one shell command installs into a Python environment.
struct PythonInstall: Equatable {
  /// Requirement words as written (`torch==2.4.1`, `transformers[torch]`).
  var requirements: [String] = []
  /// Manifests the command reads (`-r requirements.txt`, `.` for a project).
  var manifests: [String] = []
  /// `--index-url` / `--extra-index-url` / `--find-links` values.
  var indexURLs: [String] = []
  /// True for `uv sync`, `poetry install`, `pip install .`: the project's own
  /// manifest (pyproject.toml and its lock file) is installed.
  var installsProject = false
}

/// Recognises Python package installs in shell commands: pip (any spelling,
/// `python -m pip`, a venv's `bin/pip`), `uv pip install`, `uv add`, `uv sync`,
/// `poetry add/install`, `pipenv install`, conda/mamba/micromamba.
enum PythonInstallScanner {
  static func scan(_ shell: String) -> [PythonInstall] {
    scan(commands: ShellWords.commands(shell))
  }

  /// The installs among commands already split (a `RUN`'s `shellCommands`).
  static func scan(commands: [[String]]) -> [PythonInstall] {
    commands.compactMap { scan(words: ShellWords.strippingPrefixes($0)) }
  }

  static func scan(words: [String]) -> PythonInstall? {
    guard let first = words.first else { return nil }
    // A word without a `/` byte is its own last part.
    let tool =
      first.utf8.contains(UInt8(ascii: "/"))
      ? first.split(separator: "/").last.map(String.init) ?? first : first
    // Most commands install nothing: they are set aside before their words are copied.
    guard tool.hasPrefix("python") || tool.hasPrefix("pip") || installers.contains(tool) else { return nil }
    var rest = Array(words.dropFirst())
    if tool.hasPrefix("python") {
      // python -m pip install …
      guard rest.count >= 2, rest[0] == "-m", rest[1] == "pip" || rest[1] == "uv" else { return nil }
      rest = Array(rest.dropFirst(2))
      return pip(rest)
    }
    if tool.hasPrefix("pip") { return pip(rest) }
    switch tool {
    case "uv":
      if rest.first == "pip" { return pip(Array(rest.dropFirst())) }
      if rest.first == "add" { return arguments(Array(rest.dropFirst())) }
      if rest.first == "sync" {
        var install = PythonInstall()
        install.installsProject = true
        return install
      }
      return nil
    case "poetry":
      if rest.first == "add" { return arguments(Array(rest.dropFirst())) }
      if rest.first == "install" || rest.first == "sync" {
        var install = PythonInstall()
        install.installsProject = true
        return install
      }
      return nil
    case "pipenv":
      return rest.first == "install" ? arguments(Array(rest.dropFirst())) : nil
    case "conda", "mamba", "micromamba":
      return rest.first == "install" || rest.first == "create" ? arguments(Array(rest.dropFirst())) : nil
    default:
      return nil
    }
  }

  /// The tools `scan(words:)` reads besides `python…` and `pip…`.
  private static let installers: Set<String> = ["uv", "poetry", "pipenv", "conda", "mamba", "micromamba"]

  private static func pip(_ words: [String]) -> PythonInstall? {
    guard words.first == "install" || words.first == "sync" else { return nil }
    var install = arguments(Array(words.dropFirst()))
    if words.first == "sync" {
      install.manifests += install.requirements
      install.requirements = []
    }
    return install
  }

  /// Options that take a value in the next word.
  private static let valued: Set<String> = [
    "-r", "--requirement", "-c", "--constraint", "-i", "--index-url", "--extra-index-url", "-f",
    "--find-links", "-t", "--target", "--prefix", "--root", "-e", "--editable", "--python", "-p",
    "--platform", "--python-version", "--implementation", "--abi", "--only-binary", "--no-binary",
    "-n", "--name", "-c", "--channel", "--group", "--extra", "--src", "--cache-dir", "--progress-bar",
    "--trusted-host", "--timeout", "--retries", "--upgrade-strategy",
  ]

  private static func arguments(_ words: [String]) -> PythonInstall {
    var install = PythonInstall()
    var i = 0
    while i < words.count {
      var word = words[i]
      var value: String?
      if word.hasPrefix("--"), let eq = word.firstIndex(of: "=") {
        value = String(word[word.index(after: eq)...])
        word = String(word[..<eq])
      } else if valued.contains(word), i + 1 < words.count {
        value = words[i + 1]
        i += 1
      }
      switch word {
      case "-r", "--requirement", "-c", "--constraint":
        if let v = value { install.manifests.append(v) }
      case "-i", "--index-url", "--extra-index-url", "-f", "--find-links":
        if let v = value { install.indexURLs.append(v) }
      case "-e", "--editable":
        if let v = value { addTarget(v, to: &install) }
      default:
        if word.hasPrefix("-") {
          if word.hasPrefix("-r") && word.count > 2 { install.manifests.append(String(word.dropFirst(2))) }
        } else if value == nil {
          addTarget(word, to: &install)
        }
      }
      i += 1
    }
    return install
  }

  private static func addTarget(_ word: String, to install: inout PythonInstall) {
    if word == "." || word.hasPrefix("./") || word.hasPrefix("/") || word.hasSuffix(".whl") {
      if word == "." || word.hasPrefix("./") { install.installsProject = true }
      return
    }
    if word.contains("://") { return }
    install.requirements.append(word)
  }

  /// Splits a requirement word into its name and extras:
  /// `transformers[torch,sentencepiece]>=4` → ("transformers", ["torch", "sentencepiece"]).
  static func nameAndExtras(_ requirement: String) -> (name: String, extras: [String])? {
    var name = ""
    var extras: [String] = []
    var chars = requirement[...]
    while let c = chars.first, c.isLetter || c.isNumber || c == "-" || c == "_" || c == "." {
      name.append(c)
      chars = chars.dropFirst()
    }
    guard !name.isEmpty, name.first?.isLetter == true || name.first?.isNumber == true else { return nil }
    if chars.first == "[", let close = chars.firstIndex(of: "]") {
      extras = chars[chars.index(after: chars.startIndex)..<close].split(separator: ",").map {
        $0.trimmingSpaces()
      }
    }
    return (name, extras)
  }
}

extension Substring {
  func trimmingSpaces() -> String {
    var s = self
    while s.first == " " || s.first == "\t" { s = s.dropFirst() }
    while s.last == " " || s.last == "\t" { s = s.dropLast() }
    return String(s)
  }
}
