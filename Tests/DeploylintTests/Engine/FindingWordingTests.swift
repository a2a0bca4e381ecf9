import DeploylintCore
import DeploylintEngine
import DeploylintReporters
import Foundation
import Testing

@testable import DeploylintRules

/// Messages a user can act on (issue 14 items 3 and 5): the `.deploylint.yml`
/// lines offered in help work when pasted, paths in texts are relative to the
/// scanned root, suggested image names are valid references.
@Suite struct FindingWordingTests {
  static let torch = "fastapi\ntorch==2.4.1\n"

  /// The YAML lines a finding's help offers to paste into `.deploylint.yml`.
  static func pastedLines(_ finding: Finding) -> String? {
    guard let help = finding.help.first(where: { $0.contains("\nservices:") || $0.contains(":\nservices:") })
    else { return nil }
    return help.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
      + "\n"
  }

  @Test(arguments: [
    [
      ("railway.json", #"{ "build": { "builder": "RAILPACK" } }"#), ("requirements.txt", torch),
      ("app.py", "import torch\n"),
    ],
    // Two configurations of the same service: the report tells them apart, the key does not.
    [
      ("railway.json", #"{ "build": { "builder": "RAILPACK" } }"#),
      ("railway.toml", "[build]\nbuilder = \"RAILPACK\"\n"),
      ("requirements.txt", torch), ("app.py", "import torch\n"),
    ],
    [
      ("app.json", #"{ "stack": "heroku-24" }"#), ("Procfile", "web: uvicorn main:app\n"),
      ("requirements.txt", torch), ("app.py", "import torch\n"),
    ],
  ])
  func everyOfferedKeyIsAcceptedWhenPasted(_ files: [(String, String)]) throws {
    let project = PlatformResolutionTests.assemble(files)
    let findings = PlatformResolutionTests.findings(project).filter {
      $0.ruleID == "ml-runtime-exceeds-memory"
    }
    #expect(!findings.isEmpty)
    for finding in findings {
      #expect(finding.severity == .warning)
      let yaml = try #require(Self.pastedLines(finding), "\(finding.help)")
      let declared = PlatformResolutionTests.assemble(files + [(".deploylint.yml", yaml)])
      let service = try #require(declared.services.first { $0.name == finding.service })
      #expect(service.runtimeBudget?.provenance == .declared, "\(yaml)")
    }
  }

  @Test func absoluteRootNeverReachesAMessage() throws {
    let root = try TestInputs.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    try Data(#"{ "build": { "builder": "RAILPACK" } }"#.utf8).write(
      to: URL(fileURLWithPath: root + "/railway.json"))
    try Data(Self.torch.utf8).write(to: URL(fileURLWithPath: root + "/requirements.txt"))
    let report = Analyzer(toolVersion: "test").scan(roots: [(root, root)])
    #expect(!report.findings.isEmpty)
    for finding in report.findings {
      let texts = [finding.message] + finding.help + finding.related.map(\.message)
      #expect(!texts.contains { $0.contains(root) }, "\(finding.ruleID)")
    }
  }

  @Test func sarifCarriesTheHelpWithoutAnEdit() throws {
    let root = try TestInputs.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    try Data(#"{ "build": { "builder": "RAILPACK" } }"#.utf8).write(
      to: URL(fileURLWithPath: root + "/railway.json"))
    try Data(Self.torch.utf8).write(to: URL(fileURLWithPath: root + "/requirements.txt"))
    let report = Analyzer(toolVersion: "test").scan(roots: [(root, root)])
    let ml = try #require(report.findings.first { $0.ruleID == "ml-runtime-exceeds-memory" })
    #expect(ml.edits.isEmpty && !ml.help.isEmpty)
    let sarif = reporter(for: .sarif).render(report, options: ReporterOptions(sourceRoot: root))
    #expect(sarif.contains("help: declare the real plan in .deploylint.yml"))
    #expect(!sarif.contains(root + "/requirements.txt:"))
  }

  @Test(arguments: [
    ("web (render.yaml)", "web-render-yaml"), ("API_Server", "api-server"), ("--", "service"),
    ("a..b", "a-b"),
  ])
  func imageNamesAreValidRepositoryComponents(_ name: String, _ expected: String) {
    #expect(CIImageWorkflow.imageName(name) == expected)
  }
}

/// `deploylint services` (issue 14 item 4): the JSON holds each fact with its
/// provenance and location; the text says the same for people.
@Suite struct ServicesOutputTests {
  @Test func jsonCarriesProvenanceLocationsAndFiles() throws {
    let project = PlatformResolutionTests.assemble([
      ("railway.json", #"{ "build": { "builder": "RAILPACK" } }"#), ("Procfile", "web: uvicorn main:app\n"),
      ("requirements.txt", "fastapi\n"), ("nixpacks.toml", "[start]\ncmd = \"x\"\n"),
    ])
    let text = ServicesRenderer.json(project, toolVersion: "test")
    let object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let service = try #require((object["services"] as? [[String: Any]])?.first)
    let budget = try #require(service["runtimeBudget"] as? [String: Any])
    #expect(budget["provenance"] as? String == "assumed")
    #expect((budget["declare"] as? [String])?.first == "services:")
    let links = try #require((service["start"] as? [String: Any])?["links"] as? [[String: Any]])
    #expect(links.first?["kind"] as? String == "procfile")
    #expect((links.first?["location"] as? [String: Any])?["path"] as? String == "Procfile")
    let files = try #require(service["files"] as? [[String: Any]])
    #expect(files.contains { $0["path"] as? String == "nixpacks.toml" && $0["role"] as? String == "ignored" })
  }

  @Test func textNamesEachFactsProvenance() {
    let project = PlatformResolutionTests.assemble([
      ("render.yaml", "services:\n  - type: web\n    name: api\n    runtime: python\n"),
      ("requirements.txt", "flask\n"),
    ])
    let text = ServicesRenderer.text(project)
    #expect(text.contains("service api\n"))
    #expect(text.contains("Render's default plan when `plan` is omitted (starter)"))
    #expect(text.contains("[default]"))
    #expect(text.contains("requirements.txt: the Python manifest Render's Python runtime installs"))
  }
}
