import DeploylintCLI
import Foundation
import Testing

/// `deploylint budget`: text, JSON and the self-contained HTML report.
@Suite struct BudgetCommandTests {
  func run(_ arguments: [String], environment: [String: String] = [:], terminal: Bool = false) -> (
    status: Int32, out: String, err: String
  ) {
    let console = Console(isTerminal: terminal, environment: environment)
    let status = DeploylintMain.run(arguments, console: console)
    return (status, console.out, console.err)
  }

  static func fixture(_ name: String) -> String { RepositoryPaths.repo("Fixtures/\(name)").path }

  static func temporaryFile(_ name: String) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("budget-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name).path
  }

  @Test func textHasBarsHeadroomAndPlan() {
    let r = run(["budget", Self.fixture("kokoro-railway-free")])
    #expect(r.status == 0)
    #expect(r.out.contains("PyTorch floor"))
    #expect(r.out.contains("over by 574 MB (115 % of the budget)"))
    #expect(r.out.contains("smallest plan that fits: Railway `hobby` (8 GB, $5/month"))
    #expect(!r.out.contains("\u{1B}["), "no colour off a terminal")
  }

  @Test func widthFollowsColumnsAndColourOnlyOnATerminal() {
    for columns in [70, 120] {
      let r = run(["budget", Self.fixture("hera-render-free")], environment: ["COLUMNS": "\(columns)"])
      let barLines = r.out.split(separator: "\n").filter {
        $0.contains("budget  ") || $0.contains("workers ×")
      }
      #expect(!barLines.isEmpty)
      // Label, bar and value fill the width (the value's length varies).
      for line in barLines { #expect(line.count <= columns && line.count > columns - 10, "\(line)") }
    }
    let coloured = run(
      ["budget", Self.fixture("hera-render-free")], environment: ["COLUMNS": "80"], terminal: true)
    #expect(coloured.out.contains("\u{1B}["))
    let noColor = run(
      ["budget", Self.fixture("hera-render-free")], environment: ["COLUMNS": "80", "NO_COLOR": "1"],
      terminal: true)
    #expect(!noColor.out.contains("\u{1B}["))
  }

  @Test func jsonCarriesTheSameNumbersInAFixedOrder() throws {
    let r = run(["budget", "--format", "json", Self.fixture("memolist-pi-tier3")])
    #expect(r.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
    let hosts = try #require(object["hosts"] as? [[String: Any]])
    #expect(hosts.first?["limitsBytes"] as? Int == 3468 * 1_048_576)
    #expect(hosts.first?["withoutLimit"] as? [String] == ["minio"])
    let keys = ["\"version\"", "\"toolVersion\"", "\"services\"", "\"hosts\""].map {
      r.out.range(of: $0)!.lowerBound
    }
    #expect(keys == keys.sorted())
    #expect(run(["budget", "--format", "json", Self.fixture("memolist-pi-tier3")]).out == r.out)
  }

  @Test func hostMemoryOverridesTheDeclaredHost() throws {
    let r = run(["budget", "--format", "json", "--host-memory", "8g", Self.fixture("memolist-pi-tier4")])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
    let host = try #require((object["hosts"] as? [[String: Any]])?.first)
    #expect(host["memoryBytes"] as? Int == 8_589_934_592)
    #expect(run(["budget", "--host-memory", "lots", Self.fixture("memolist-pi-tier4")]).status == 2)
    // DEPLOYLINT_HOST_MEMORY reaches `budget` as it reaches `check`.
    let console = Console(isTerminal: false, environment: ["DEPLOYLINT_HOST_MEMORY": "8g"])
    #expect(
      DeploylintMain.run(["budget", "--format", "json", Self.fixture("memolist-pi-tier4")], console: console)
        == 0)
    #expect(console.out == r.out, "environment and command line give the same picture")
  }

  /// Every seed fixture renders HTML that parses as XML, loads nothing from
  /// anywhere, labels every bar, and is the same bytes on a second run.
  @Test(arguments: [
    "kokoro-railway-free", "hera-render-free", "nextjs-pm2-1gb-host", "memolist-pi-tier3",
    "memolist-pi-tier4",
    "memolist-pi-fixed",
  ])
  func htmlIsWellFormedSelfContainedAndDeterministic(_ fixture: String) throws {
    let path = Self.temporaryFile("budget.html")
    #expect(run(["budget", Self.fixture(fixture), "--html", path]).status == 0)
    let html = try String(contentsOfFile: path, encoding: .utf8)
    #expect(try Self.parsesAsXML(path))
    #expect(!html.contains("<script"))
    #expect(!html.contains("@import") && !html.contains("url("))
    // External URLs only as plain links the reader clicks.
    let attribute = try Regex(#"(\w+)="(https?://[^"]*)""#)
    for match in html.matches(of: attribute) {
      let name = String(match.output[1].substring ?? "")
      #expect(name == "href", "\(name)=\(match.output[2].substring ?? "")")
      let before = html[..<match.range.lowerBound]
      let tagStart = before.lastIndex(of: "<")!
      #expect(html[tagStart...].hasPrefix("<a "), "external href outside <a>")
    }
    let svgs = html.components(separatedBy: "<svg").dropFirst()
    #expect(!svgs.isEmpty)
    for svg in svgs {
      #expect(svg.contains("role=\"img\"") && svg.contains("aria-label=\"") && svg.contains("<title>"))
    }
    #expect(html.contains("prefers-color-scheme: dark") && html.contains("@media print"))
    let again = Self.temporaryFile("budget.html")
    _ = run(["budget", Self.fixture(fixture), "--html", again])
    #expect(try String(contentsOfFile: again, encoding: .utf8) == html)
  }

  @Test func htmlLinksFindingsToTheirSourceLines() throws {
    let path = Self.temporaryFile("budget.html")
    _ = run(["budget", Self.fixture("memolist-pi-tier3"), "--html", path])
    let html = try String(contentsOfFile: path, encoding: .utf8)
    #expect(html.contains("redis-without-maxmemory.md\">redis-without-maxmemory</a>"))
    #expect(html.contains("<span class=\"ln\">36 |</span>     image: redis:7-alpine"))
    #expect(html.contains("docker-compose.yml:36</a>"))
    #expect(html.contains("<details class=\"math\"><summary>How: Postgres worst case</summary>"))
    #expect(
      html.contains(
        "aria-label=\"postgres runtime estimate, Postgres worst case: 992 MiB, 83 % of the 1.2 GiB budget\""))
    #expect(html.contains("<strong class=\"nolimit\">no limit</strong>"))
  }

  /// `xml.dom.minidom` (python3) parses the file: the page is well-formed XHTML.
  static func parsesAsXML(_ path: String) throws -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", "-c", "import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])", path,
    ]
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus == 0
  }
}
