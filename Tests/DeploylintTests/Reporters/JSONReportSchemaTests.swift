import DeploylintCore
import DeploylintReporters
import DeploylintRules
import Foundation
import Testing

/// The JSON output of every fixture, from the real pipeline, against the
/// report's JSON Schema (`ReportSchema`, written to `Rules/report.schema.json`);
/// and the services part of version 2 carrying the budgets and estimates.
@Suite struct JSONReportSchemaTests {
  typealias Object = [String: Any]

  static func json(_ name: String) -> String {
    FixtureReports.render(FixtureReports.report(name), as: .json)
  }

  static func parse(_ text: String) throws -> Object {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? Object)
  }

  static func services(_ name: String) throws -> [Object] {
    try #require(try parse(json(name))["services"] as? [Object])
  }

  @Test func everyFixtureValidatesAgainstTheReportSchema() throws {
    #expect(FixtureReports.names.count >= 2)
    try SchemaValidation.validate(
      labelled: FixtureReports.names.map { ("Fixtures/\($0)", Self.json($0)) }, schema: ReportSchema.text)
  }

  @Test func handWrittenReportWithEveryOptionalPartValidates() throws {
    var report = ReportFixtures.withError
    report.baseline = BaselineSummary(baselined: 2, stale: 1)
    report.services.append(ServiceSummary(name: "worker"))
    let text = JSONReporter().render(report, options: ReporterOptions())
    try SchemaValidation.validate(labelled: [("withError", text)], schema: ReportSchema.text)
  }

  /// The schema really constrains: an unknown key, a wrong version, a bad
  /// phase and a missing budget field are each rejected.
  @Test(arguments: [
    (#""version": 2"#, #""version": 1"#),
    (#""name": "api","#, #""name": "api", "extra": 1,"#),
    (#""phase": "runtime""#, #""phase": "boot""#),
    (#""assumed": false"#, #""assumedd": false"#),
  ])
  func schemaRejectsAlteredDocuments(_ original: String, _ altered: String) throws {
    let text = JSONReporter().render(ReportFixtures.withError, options: ReporterOptions())
    #expect(text.contains(original), "fixture text lacks \(original)")
    let broken = text.replacingOccurrences(of: original, with: altered)
    #expect(throws: SchemaValidation.Failure.self) {
      try SchemaValidation.validate(labelled: [("altered", broken)], schema: ReportSchema.text)
    }
  }

  @Test func schemaIsWrittenToTheRulesFolder() {
    let files = RuleDocs.files(RuleRegistry.all.map(\.description))
    #expect(files.first { $0.name == ReportSchema.fileName }?.content == ReportSchema.text)
  }

  @Test(arguments: FixtureReports.names)
  func servicesMatchTheSummaryCount(_ name: String) throws {
    let root = try Self.parse(Self.json(name))
    #expect(root["version"] as? Int == 2)
    let services = try #require(root["services"] as? [Object])
    let count = (root["summary"] as? Object)?["services"] as? Int
    #expect(services.count == count)
    // A static site has no instance, and a Procfile no platform is evidenced
    // for makes no dyno: their fixtures have no service (issue 14).
    #expect(
      services.isEmpty == ["render-static-site-heap", "procfile-without-platform"].contains(name),
      "\(name) has services")
  }

  /// hera (seed 000) runs on Render's free plan: 512 MB (decimal) from the
  /// plan written in render.yaml, and Render's build pipeline for the build.
  @Test func renderFreePlanBudgetComesFromRenderYAML() throws {
    let services = try Self.services("hera-render-free")
    let render = try #require(services.first { $0["platform"] as? String == "render" })
    #expect(render["plan"] as? String == "free")
    let runtime = try #require(render["runtimeBudget"] as? Object)
    #expect(runtime["bytes"] as? Int == 512_000_000)
    #expect((runtime["source"] as? String)?.contains("free") == true)
    #expect(runtime["assumed"] as? Bool == false)
    let location = try #require(runtime["location"] as? Object)
    #expect((location["path"] as? String)?.hasSuffix("render.yaml") == true)
  }

  /// Some fixture shows an estimate, and every estimate has a figure, its
  /// arithmetic and a phase.
  @Test func estimatesCarryArithmeticAndSources() throws {
    var seen = 0
    for name in FixtureReports.names {
      for service in try Self.services(name) {
        for estimate in service["estimates"] as? [Object] ?? [] {
          seen += 1
          #expect((estimate["bytes"] as? Int ?? 0) > 0)
          #expect((estimate["arithmetic"] as? String)?.isEmpty == false)
          #expect(["runtime", "build"].contains(estimate["phase"] as? String ?? ""))
        }
      }
    }
    #expect(seen > 0, "no fixture has an estimate")
  }
}
