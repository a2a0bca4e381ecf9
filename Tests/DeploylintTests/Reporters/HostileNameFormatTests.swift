import DeploylintCLI
import DeploylintCore
import Foundation
import Testing

@testable import DeploylintReporters

/// Names, paths and messages that try to break out of the GitLab, JUnit and
/// Checkstyle formats: markup (`</failure>`, `]]>`, quotes), characters XML
/// 1.0 cannot carry (NUL, ESC, U+FFFE), terminal and bidi controls, and
/// GitHub workflow commands after a line break. Each output must parse with a
/// real parser into exactly the structure of a harmless report, show the text
/// (made visible where XML cannot carry it), hold no raw control character,
/// and have no line a GitHub runner would read as a command.
@Suite struct HostileNameFormatTests {
  static let hostile =
    "a<b>&c\"d'e]]>f\u{1B}[2Jg\u{07}h\ri\nj::error file=x::k\u{0}l\u{FFFE}m\u{FFFF}n\u{202E}o\u{2028}p\u{85}q%0A"

  static let finding = Finding(
    ruleID: "rule-<x>", severity: .error, message: "message " + hostile,
    span: Span(path: "dir <&>\"'/\u{1B}x\n::warning::y.yml", line: 1, column: 1, endLine: 1, endColumn: 2),
    help: ["help " + hostile, "first\n::error::second line"],
    related: [RelatedLocation(Span.file("q\n::notice::r"), "related " + hostile)],
    service: "svc</testsuite><x>\n::error::s\u{1}")

  static let report = Report(
    toolVersion: "0", findings: [finding], rules: [],
    notifications: [ToolNotification(path: "n\u{1B}\n::debug::" + hostile, message: "m " + hostile)],
    serviceNames: [finding.service!])

  /// Scalars that a terminal or a log must not get raw (line breaks aside),
  /// and in XML those XML 1.0 cannot carry. (JSON may carry U+FFFE raw.)
  static func rawUnsafe(_ text: String, format: OutputFormat) -> [Unicode.Scalar] {
    text.unicodeScalars.filter {
      $0 != "\n"
        && (VisibleText.isUnsafe($0) || (format != .gitlab && ($0.value == 0xFFFE || $0.value == 0xFFFF)))
    }
  }

  /// Lines a GitHub runner would run as a workflow command (it trims spaces).
  static func commandLines(_ text: String) -> [Substring] {
    text.split(separator: "\n").filter { $0.drop { $0 == " " || $0 == "\t" }.hasPrefix("::") }
  }

  static func render(_ format: OutputFormat) -> String {
    reporter(for: format).render(report, options: ReporterOptions())
  }

  @Test(arguments: [OutputFormat.gitlab, .junit, .checkstyle])
  func nothingRawAndNoCommandLine(_ format: OutputFormat) {
    let out = Self.render(format)
    #expect(Self.rawUnsafe(out, format: format).isEmpty, "\(format): \(Self.rawUnsafe(out, format: format))")
    #expect(Self.commandLines(out).isEmpty, "\(format): \(Self.commandLines(out))")
  }

  @Test func junitKeepsItsStructureAndShowsTheText() throws {
    let root = try XMLValidation.parse(Self.render(.junit))
    #expect(
      Set(root.descendants.map(\.tag)) == ["testsuites", "testsuite", "testcase", "failure", "skipped"])
    let suites = root.all("testsuite")
    #expect(suites.count == 2)
    #expect(suites[0]["name"] == "service " + XMLEscaping.visibleLines(Self.finding.service!))
    let cases = suites[0].all("testcase")
    #expect(cases.map { $0["name"] } == ["rule-<x>"])
    let failure = try #require(cases.first?.all("failure").first)
    #expect(failure["message"] == XMLEscaping.visibleLines(Self.finding.message))
    #expect(failure.text.contains("help: help a<b>&c\"d'e]]>f\\x1b[2Jg\\x07h"))
    #expect(failure.text.contains("\n      ::error::second line"), "help lines stay lines, shown as text")
    #expect(suites[1]["name"] == "file " + XMLEscaping.visibleLines(Self.report.notifications[0].path))
    #expect(
      suites[1].all("testcase").first?.all("skipped").first?["message"]?.hasPrefix("could not read: m a<b>")
        == true)
  }

  @Test func checkstyleKeepsItsStructureAndShowsTheText() throws {
    let root = try XMLValidation.parse(Self.render(.checkstyle))
    #expect(Set(root.descendants.map(\.tag)) == ["checkstyle", "file", "error"])
    let files = root.all("file")
    #expect(files.count == 2)
    let names = Set(files.compactMap { $0["name"] })
    #expect(names.contains(XMLEscaping.visibleLines(Self.finding.span.path)))
    let error = try #require(files.flatMap { $0.all("error") }.first { $0["severity"] == "error" })
    #expect(error["source"] == "deploylint.rule-<x>")
    #expect(
      error["message"]?.hasPrefix(
        XMLEscaping.visibleLines("[\(Self.finding.service!)] message " + Self.hostile)) == true)
  }

  @Test func gitlabKeepsEveryStringExactlyAndValidates() throws {
    let text = Self.render(.gitlab)
    try SchemaValidation.validate(labelled: [("hostile", text)], schema: GitLabCodeQualitySchema.text)
    let issues = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    #expect(issues.count == 1)
    let issue = issues[0]
    #expect(issue["check_name"] as? String == "rule-<x>")
    #expect(
      (issue["description"] as? String)?.hasPrefix("[\(Self.finding.service!)] message " + Self.hostile)
        == true)
    #expect((issue["location"] as? [String: Any])?["path"] as? String == Self.finding.span.path)
  }

  /// The same through the real pipeline: a service and a folder with hostile
  /// names, scanned by the command line in each format.
  @Test(arguments: [OutputFormat.gitlab, .junit, .checkstyle])
  func hostileNamesThroughThePipeline(_ format: OutputFormat) throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "deploylint-names-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = root.appendingPathComponent("x]]><&\u{1B}\n::error::y")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data("FROM python:3.12\nRUN pip install torch\n".utf8).write(
      to: folder.appendingPathComponent("Dockerfile"))
    try Data(
      """
      services:
        - type: web
          name: "api</testsuite>\\u001b\\n::error::x\\u0001\\uFFFE"
          runtime: docker
          plan: free
          dockerfilePath: ./Dockerfile
      """.utf8
    ).write(to: folder.appendingPathComponent("render.yaml"))
    let console = Console()
    let status = DeploylintMain.run(
      // The hostile folder is the scanned root: Render reads only the
      // render.yaml at the root of the repository (issue 14).
      ["--format", format.rawValue, "--fail-on", "warning", folder.path], console: console)
    #expect(status == 1, "\(console.err)")
    #expect(Self.rawUnsafe(console.out, format: format).isEmpty)
    #expect(Self.commandLines(console.out).isEmpty)
    switch format {
    case .gitlab:
      // The scanned folder is outside the repository, so paths stay absolute:
      // the schema's relative-path rule is checked on the reports above.
      let issues = try #require(
        try JSONSerialization.jsonObject(with: Data(console.out.utf8)) as? [[String: Any]])
      #expect(!issues.isEmpty)
      for issue in issues {
        let path = (issue["location"] as? [String: Any])?["path"] as? String ?? ""
        #expect(path.hasPrefix(folder.path + "/"), "\(path)")
        #expect(
          issue["check_name"] is String && issue["fingerprint"] is String && issue["severity"] is String)
      }
      #expect(console.out.contains("api</testsuite>\\u001b\\n::error::x\\u0001\u{FFFE}"))
    default:
      let parsed = try XMLValidation.parse(console.out)
      let texts = parsed.descendants.flatMap { [$0.text] + Array($0.attributes.values) }.joined(
        separator: "\n")
      #expect(texts.contains("api</testsuite>\\x1b\n::error::x\\x01\\u{FFFE}"), "\(texts)")
    }
  }
}
