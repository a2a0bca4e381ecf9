/// Why deploylint holds a fact about a deploy (DESIGN.md §3, "the service
/// model is the deploy path"): a file states it, the platform documents it as
/// what an omitted setting means, or nothing says it and deploylint assumed
/// it. Only the first two can support an error (guide, "no error from an
/// assumption").
public enum Provenance: String, Hashable, Sendable, CaseIterable {
  /// A file states it: a platform file, `.deploylint.yml`, `--host-memory`.
  case declared
  /// The platform documents it as what an omitted setting means.
  case documentedDefault
  /// Nothing in the repository says it: deploylint assumed it.
  case assumed

  /// "declared", "default", "assumed": how `deploylint services` labels a fact.
  public var label: String {
    switch self {
    case .declared: "declared"
    case .documentedDefault: "default"
    case .assumed: "assumed"
    }
  }
}

/// What a resolved fact rests on: its provenance, the reason in words (the
/// platform's documented rule, with its source, when the fact follows from
/// one) and the line that states it, when a line does.
public struct Evidence: Hashable, Sendable {
  public var provenance: Provenance
  /// "render.yaml `runtime: docker`", "Railway builds with a Dockerfile at the
  /// root of the service's source directory when there is one (docs…)".
  public var reason: String
  public var span: Span?

  public init(_ provenance: Provenance, _ reason: String, span: Span? = nil) {
    self.provenance = provenance
    self.reason = reason
    self.span = span
  }
}

/// The `.deploylint.yml` lines that declare what deploylint could only assume
/// (a Railway plan, a host's memory): offered in help so that pasting them
/// makes the fact declared.
public struct ConfigDeclaration: Hashable, Sendable {
  /// Keys from the top of the file: `["services", "api", "plan"]`.
  public var path: [String]
  /// The value to write (an example the user adjusts: `hobby`, `1g`).
  public var value: String
  /// What else the value may be, for a comment after it (`free | trial | hobby | pro`).
  public var choices: [String]

  public init(path: [String], value: String, choices: [String] = []) {
    self.path = path
    self.value = value
    self.choices = choices
  }

  /// `services.api.plan`; a key that is not a plain YAML word is quoted
  /// (`services."web (render.yaml)".plan`).
  public var dottedPath: String { path.map(Self.yamlKey).joined(separator: ".") }

  /// The lines to paste, indented by two spaces per level:
  /// `services:` / `  api:` / `    plan: hobby  # free | trial | hobby | pro`.
  public var lines: [String] {
    var lines: [String] = []
    for (depth, key) in path.enumerated() {
      let indent = String(repeating: "  ", count: depth)
      if depth == path.count - 1 {
        let comment = choices.isEmpty ? "" : "  # \(choices.joined(separator: " | "))"
        lines.append("\(indent)\(Self.yamlKey(key)): \(Self.yamlKey(value))\(comment)")
      } else {
        lines.append("\(indent)\(Self.yamlKey(key)):")
      }
    }
    return lines
  }

  /// A key or value as YAML reads it back unchanged: plain when it is a word
  /// of letters, digits, `-`, `_` and `.` that YAML would not read as a number,
  /// boolean or null; double-quoted otherwise.
  public static func yamlKey(_ text: String) -> String {
    let plain =
      !text.isEmpty
      && text.unicodeScalars.allSatisfy {
        ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
          || $0 == "_" || $0 == "."
      }
      && !(text.first.map { $0 == "-" || $0 == "." } ?? false)
      && !reserved.contains(text.lowercased())
    if plain { return text }
    var quoted = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": quoted += "\\\""
      case "\\": quoted += "\\\\"
      case "\n": quoted += "\\n"
      case "\t": quoted += "\\t"
      default:
        let v = scalar.value
        if v < 0x20 || v == 0x7F {
          quoted += "\\x" + String(v, radix: 16, uppercase: true).leftPadded(to: 2)
        } else if (0x80...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || v == 0xFEFF
          || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
        {
          // Not printable in YAML, or a line break or a bidi override for a reader.
          quoted += "\\u" + String(v, radix: 16, uppercase: true).leftPadded(to: 4)
        } else {
          quoted.unicodeScalars.append(scalar)
        }
      }
    }
    return quoted + "\""
  }

  /// Plain scalars YAML 1.1/1.2 would not read as strings.
  private static let reserved: Set<String> = [
    "true", "false", "yes", "no", "on", "off", "null", "~", "y", "n",
  ]
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}

/// One command of a service's start chain, from what the platform invokes
/// down to the process that runs: a platform start command, a Procfile line,
/// the image's ENTRYPOINT and CMD, a script of the repository, the process.
public struct StartLink: Hashable, Sendable {
  public enum Kind: String, Hashable, Sendable, CaseIterable {
    /// `startCommand` (Render, Railway, railpack.json, nixpacks.toml), Render
    /// `dockerCommand`, a Fly `[processes]` command, a compose `command`.
    case platformCommand
    /// A Procfile line the platform runs.
    case procfile
    /// The image's `ENTRYPOINT` (and `CMD` as its arguments) or its `CMD`.
    case image
    /// A script of the repository that a link above runs (`./entrypoint.sh`).
    case script
    /// A process manager's app (pm2 ecosystem app).
    case processManager
    /// The process itself (`exec gunicorn …` in a script).
    case process
  }
  public var kind: Kind
  public var command: CommandFact

  public init(_ kind: Kind, _ command: CommandFact) {
    self.kind = kind
    self.command = command
  }
}

/// The start command chain of a service (issue 14 item 1): `links` from what
/// the platform invokes down to the process; `replaced` holds commands the
/// platform would run but a link above overrides (the image's `CMD` under a
/// platform `startCommand`), so `deploylint services` can say why they do not run.
public struct StartChain: Hashable, Sendable {
  public var links: [StartLink] = []
  public var replaced: [ReplacedLink] = []

  public init(_ links: [StartLink] = []) { self.links = links }

  /// The command the platform runs (the first link).
  public var command: CommandFact? { links.first?.command }
  /// The innermost link: the process, as far as deploylint followed the chain.
  public var process: StartLink? { links.last }
  public var isEmpty: Bool { links.isEmpty }

  /// Starts the chain with `link`, which overrides the links there were
  /// (kept in `replaced` with `reason`).
  public mutating func override(with link: StartLink, reason: String) {
    for old in links { replaced.append(ReplacedLink(link: old, reason: reason)) }
    links = [link]
  }

  /// Adds `link` below the last one (a script the command runs, the process).
  public mutating func append(_ link: StartLink) { links.append(link) }
}

/// A command the platform does not run, and why.
public struct ReplacedLink: Hashable, Sendable {
  public var link: StartLink
  /// "render.yaml startCommand replaces the image's CMD".
  public var reason: String
  public init(link: StartLink, reason: String) {
    self.link = link
    self.reason = reason
  }
}

/// A file of the repository as the platform treats it for one service: read
/// (the Blueprint, the Dockerfile it builds, the manifests its build installs)
/// or ignored, with the reason (a native runtime ignores Dockerfiles; a
/// `requirements.txt` outside the service's root is not installed).
public struct DeployFile: Hashable, Sendable {
  public enum Role: String, Hashable, Sendable, CaseIterable {
    case read, ignored
  }
  /// Path relative to the scanned root.
  public var path: String
  public var role: Role
  /// What the platform reads it for, or why it does not.
  public var reason: String
  /// The line that decides (`dockerfilePath: ./api/Dockerfile`), when one does.
  public var span: Span?

  public init(_ path: String, _ role: Role, _ reason: String, span: Span? = nil) {
    self.path = path
    self.role = role
    self.reason = reason
    self.span = span
  }
}

extension Array where Element == DeployFile {
  /// Records `file` unless the same path already has the same role.
  public mutating func note(_ file: DeployFile) {
    guard !contains(where: { $0.path == file.path && $0.role == file.role }) else { return }
    append(file)
  }
}
