import DeploylintCLI
import DeploylintCore
import DeploylintParsers
import Foundation
import Testing

/// Issue 11 items 6 and 7: nothing the repository holds becomes a workflow
/// command for the Actions runner or a control sequence for a terminal, in any
/// command, on either stream; and `init` quotes every value it copies.
@Suite(.serialized) struct HostileOutputTests {
  typealias Tree = HostileInputTests.Tree

  static let actions = ["GITHUB_ACTIONS": "true"]

  /// What the process would write: `Console.rendered()`.
  static func run(_ arguments: [String], env: [String: String] = [:]) -> (
    status: Int32, out: String, err: String
  ) {
    let console = Console(environment: env)
    let status = DeploylintMain.run(arguments, console: console)
    let (out, err) = console.rendered()
    return (status, out, err)
  }

  /// The lines of `stream` the runner would obey: outside a stop-commands
  /// pair, starting with `::` after blanks or holding the legacy `##[`.
  static func liveCommands(_ stream: String) -> [String] {
    var live: [String] = []
    var stopToken: String?
    for line in stream.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      if let token = stopToken {
        if trimmed == "::\(token)::" { stopToken = nil }
        continue
      }
      if trimmed.hasPrefix("::stop-commands::") {
        stopToken = String(trimmed.dropFirst("::stop-commands::".count))
        continue
      }
      if trimmed.hasPrefix("::") || line.contains("##[") { live.append(String(line)) }
    }
    return live
  }

  static func hasControlCharacters(_ s: String) -> Bool {
    s.unicodeScalars.contains {
      ($0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r") || $0.value == 0x7F
    }
  }

  /// A `.deploylint.yml` key holding `\n::error file=x::…` was echoed raw on
  /// stderr, where the runner read it as a command.
  @Test func configurationErrorsNeverEchoACommand() throws {
    let tree = try Tree()
    try tree.write(".deploylint.yml", "\"a\\n::error file=x::pwned ##[warning]old\": 1\n")
    try tree.write("Dockerfile", HostileInputTests.torchDockerfile)
    for env in [[:], Self.actions] {
      let r = Self.run([tree.root.path], env: env)
      #expect(r.status == 2, "\(r.err)")
      #expect(env.isEmpty || Self.liveCommands(r.err).isEmpty, "\(r.err)")
      #expect(r.err.contains("a\\x0a::error file=x::pwned"), "\(r.err)")
      #expect(r.err.split(separator: "\n").allSatisfy { $0.hasPrefix("deploylint: ") }, "\(r.err)")
    }
  }

  /// `fix --dry-run` printed diff context raw: an indented `::error` line is a
  /// command once the runner trims it, and ESC/OSC sequences reached the terminal.
  @Test func fixDiffsAndNamesAreSafe() throws {
    let tree = try Tree()
    let folder = "e\u{1B}[2Jx"
    try tree.write(
      folder + "/Dockerfile",
      "FROM python:3.12\n  # ::error file=x::pwned\n# \u{1B}]0;owned\u{7} ##[error]old\nRUN pip install torch\n"
    )
    let dry = Self.run(["fix", "--dry-run", tree.root.path], env: Self.actions)
    #expect(dry.status == 0, "\(dry.err)")
    #expect(Self.liveCommands(dry.out).isEmpty, "\(dry.out)")
    #expect(dry.out.hasPrefix("::stop-commands::"), "wrapped under Actions: \(dry.out)")
    #expect(
      dry.out.contains("\n   # ::error file=x::pwned\n"), "the diff itself is unchanged inside the pair")
    #expect(!Self.hasControlCharacters(dry.out), "\(dry.out.debugDescription)")
    #expect(dry.out.contains("e\\x1b[2Jx/Dockerfile"))
    let plain = Self.run(["fix", "--dry-run", tree.root.path])
    #expect(!plain.out.contains("::stop-commands::"), "no runner, no pair")
    #expect(!Self.hasControlCharacters(plain.out))
    let fixed = Self.run(["fix", tree.root.path], env: Self.actions)
    #expect(fixed.status == 0, "\(fixed.err)")
    #expect(fixed.err.contains("fixed ") && fixed.err.contains("e\\x1b[2Jx/Dockerfile"), "\(fixed.err)")
    #expect(!Self.hasControlCharacters(fixed.err) && Self.liveCommands(fixed.err).isEmpty)
  }

  /// Every format and command that quotes the file, under Actions: no live
  /// command but the `github` format's own annotations.
  @Test func reportsAndOtherCommandsUnderActions() throws {
    let tree = try Tree()
    try tree.write(
      "Dockerfile", "FROM python:3.12\nRUN pip install torch  # ##[error]pwned\n  ::warning::x\n\u{1B}[31m\n")
    try tree.write("a##[error]b/Dockerfile", HostileInputTests.torchDockerfile)
    let root = tree.root.path
    for arguments in [
      [root], ["--format", "json", root], ["--format", "sarif", root], ["--format", "junit", root],
      ["--format", "checkstyle", root], ["--format", "gitlab", root], ["budget", root],
      ["dump", root + "/Dockerfile"], ["config", root],
    ] as [[String]] {
      let r = Self.run(arguments, env: Self.actions)
      #expect(Self.liveCommands(r.out).isEmpty, "\(arguments): \(r.out.prefix(300))")
      #expect(Self.liveCommands(r.err).isEmpty, "\(arguments): \(r.err)")
      #expect(!Self.hasControlCharacters(r.out), "\(arguments)")
      if arguments.first == "--format" {
        #expect(!r.out.contains("::stop-commands::"), "\(arguments): a report stays parseable")
      }
    }
    // Machine formats stay parseable: their escapes keep commands out, not a pair.
    let json = Self.run(["--format", "json", root], env: Self.actions)
    #expect(!json.out.contains("::stop-commands::") && !json.out.contains("##["))
    let object = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]
    #expect(object != nil, "\(json.out.prefix(200))")
    #expect(json.out.contains("a##\\u005berror]b/Dockerfile"), "the name is kept, escaped")
    let github = Self.run(["--format", "github", root], env: Self.actions)
    #expect(!github.out.hasPrefix("::stop-commands::"), "annotations stay commands")
    #expect(
      Self.liveCommands(github.out).allSatisfy {
        $0.hasPrefix("::warning file=") || $0.hasPrefix("::notice")
      },
      "\(github.out)")
  }

  /// A render.yaml service name holding `\nrules: {…: off}` made `init` write
  /// a live `rules:` key; ESC made the file unreadable, NUL cut it.
  @Test func initQuotesEveryRepositoryValue() throws {
    let names = [
      "x\nrules: {torch-without-thread-limits: off}", "esc\u{1B}[31m", "nul\u{0}cut", "quote\"back\\slash",
      "line\u{2028}sep",
    ]
    let tree = try Tree()
    var render = "services:\n"
    for name in names {
      let escaped = name.unicodeScalars.map { s -> String in
        switch s {
        case "\n": return "\\n"
        case "\"": return "\\\""
        case "\\": return "\\\\"
        case "\u{0}": return "\\0"
        case "\u{1B}": return "\\e"
        case "\u{2028}": return "\\L"
        default: return String(s)
        }
      }.joined()
      render +=
        "  - type: web\n    name: \"\(escaped)\"\n    runtime: docker\n    plan: \"free\\nrules: {}\"\n"
    }
    try tree.write("render.yaml", render)
    try tree.write("Dockerfile", HostileInputTests.torchDockerfile)
    let r = Self.run(["init", tree.root.path])
    #expect(r.status == 0, "\(r.err)")
    let bytes = try #require(FileManager.default.contents(atPath: tree.path(".deploylint.yml")))
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(text.debugDescription)")
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(
      lines.allSatisfy { $0.isEmpty || $0.hasPrefix("#") || $0 == "fail-on: error" },
      "only comments are live: \(text)")
    // Uncommented, the services block reads back the names exactly.
    let start = try #require(lines.firstIndex(of: "# services:"))
    let services = lines[start...].prefix { !$0.isEmpty }.map { $0.dropFirst(2) }
    let document = try YAMLReader.read(
      SourceFile(path: "s.yml", text: services.joined(separator: "\n") + "\n"))
    let block = try #require(document.value("services", in: document.root))
    let keys = document.entries(of: block).map(\.key)
    // The names deploylint read (a NUL may end a name at the YAML reader).
    let json = Self.run(["--format", "json", "--fail-on", "none", tree.root.path]).out
    let report = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let found = ((report["services"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
    #expect(found.count == names.count, "\(found)")
    #expect(Set(keys) == Set(found), "\(keys.map(\.debugDescription)) vs \(found.map(\.debugDescription))")
    #expect(found.contains(names[0]) && found.contains(names[1]), "\(found)")
    for key in keys {
      let service = try #require(document.value(key, in: block))
      #expect(document.value("rules", in: service) == nil)
      #expect(document.value("plan", in: service)?.string == "free\nrules: {}")
    }
  }
}
