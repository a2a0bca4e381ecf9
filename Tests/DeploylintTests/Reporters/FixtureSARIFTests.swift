import DeploylintCore
import DeploylintReporters
import Foundation
import Testing

/// SARIF of every fixture, from the real pipeline: valid against the official
/// schema, and carrying what GitHub code scanning reads beyond the schema.
@Suite struct FixtureSARIFTests {
  typealias Object = [String: Any]

  static func sarif(_ name: String) -> String {
    FixtureReports.render(FixtureReports.report(name), as: .sarif)
  }

  static func run(_ name: String) throws -> Object {
    let root = try JSONSerialization.jsonObject(with: Data(sarif(name).utf8)) as? Object
    let runs = try #require(root?["runs"] as? [Object])
    try #require(runs.count == 1)
    return runs[0]
  }

  @Test(ReferenceData.needs(.sarifSchema)) func everyFixtureValidatesAgainstTheSchema() throws {
    #expect(FixtureReports.names.count >= 2)
    try SchemaValidation.validate(labelled: FixtureReports.names.map { ("Fixtures/\($0)", Self.sarif($0)) })
  }

  @Test func someFixtureHasResults() throws {
    // Otherwise the per-result checks below would check nothing.
    let counts = try FixtureReports.names.map { (try Self.run($0)["results"] as? [Any])?.count ?? 0 }
    #expect(counts.contains { $0 > 0 })
  }

  @Test(arguments: FixtureReports.names)
  func driverDescribesEveryRule(_ name: String) throws {
    let run = try Self.run(name)
    let driver = try #require((run["tool"] as? Object)?["driver"] as? Object)
    #expect(driver["name"] as? String == "deploylint")
    #expect(driver["semanticVersion"] as? String == FixtureReports.toolVersion)
    #expect((driver["informationUri"] as? String)?.hasPrefix("https://") == true)
    let rules = try #require(driver["rules"] as? [Object])
    #expect(!rules.isEmpty)
    let ids = rules.compactMap { $0["id"] as? String }
    #expect(ids.count == rules.count && Set(ids).count == ids.count, "rule ids unique: \(ids)")
    for rule in rules {
      let id = rule["id"] as? String ?? "?"
      for key in ["shortDescription", "fullDescription"] {
        #expect(!Self.text(rule[key]).isEmpty, "\(id): \(key)")
      }
      let help = rule["help"] as? Object
      #expect(!Self.text(help).isEmpty, "\(id): help.text")
      #expect(
        (help?["markdown"] as? String)?.contains("## ") == true, "\(id): help.markdown is the rule page")
      #expect((rule["helpUri"] as? String)?.hasSuffix("Rules/\(id).md") == true, "\(id): helpUri")
      let level = (rule["defaultConfiguration"] as? Object)?["level"] as? String
      #expect(["error", "warning", "note"].contains(level ?? ""), "\(id): defaultConfiguration.level")
      let properties = rule["properties"] as? Object
      #expect((properties?["tags"] as? [String])?.isEmpty == false, "\(id): properties.tags")
      #expect(properties?["precision"] is String, "\(id): properties.precision")
    }
  }

  @Test(arguments: FixtureReports.names)
  func runDescribesItsRootAndInvocation(_ name: String) throws {
    let run = try Self.run(name)
    let base = (run["originalUriBaseIds"] as? Object)?["%SRCROOT%"] as? Object
    #expect(base?["uri"] as? String == "file://\(FixtureReports.fakeSourceRoot)/")
    let invocation = try #require((run["invocations"] as? [Object])?.first)
    #expect(invocation["executionSuccessful"] as? Bool == true)
    #expect(run["columnKind"] as? String == "unicodeCodePoints")
  }

  @Test(arguments: FixtureReports.names)
  func everyResultIsWhatCodeScanningNeeds(_ name: String) throws {
    let run = try Self.run(name)
    let driver = try #require((run["tool"] as? Object)?["driver"] as? Object)
    let rules = try #require(driver["rules"] as? [Object])
    let results = try #require(run["results"] as? [Object])
    var fingerprints: [String] = []
    for (i, result) in results.enumerated() {
      let ruleID = try #require(result["ruleId"] as? String, "result \(i): ruleId")
      let index = try #require(result["ruleIndex"] as? Int, "result \(i): ruleIndex")
      try #require(rules.indices.contains(index), "result \(i): ruleIndex \(index) out of range")
      #expect(rules[index]["id"] as? String == ruleID, "result \(i): ruleIndex points at another rule")
      #expect(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
      #expect(!Self.text(result["message"]).isEmpty, "result \(i): message")
      let locations = try #require(result["locations"] as? [Object])
      #expect(locations.count == 1, "result \(i): one primary location")
      let related = (result["relatedLocations"] as? [Object]) ?? []
      for location in locations + related {
        try Self.checkPhysicalLocation(
          location["physicalLocation"] as? Object, label: "result \(i) (\(ruleID))")
      }
      let fingerprint = (result["partialFingerprints"] as? Object)?[SARIFReporter.fingerprintKey] as? String
      #expect(fingerprint?.isEmpty == false, "result \(i): partialFingerprints")
      fingerprints += fingerprint.map { [$0] } ?? []
    }
    #expect(
      Set(fingerprints).count == fingerprints.count,
      "two results share a fingerprint: GitHub would merge them")
  }

  /// A URI relative to `%SRCROOT%` naming a file that exists (the scan ran from
  /// the repository root), and a full region.
  static func checkPhysicalLocation(_ location: Object?, label: String) throws {
    let artifact = try #require(location?["artifactLocation"] as? Object, "\(label): artifactLocation")
    let uri = try #require(artifact["uri"] as? String, "\(label): uri")
    #expect(artifact["uriBaseId"] as? String == "%SRCROOT%", "\(label): uriBaseId")
    #expect(
      !uri.hasPrefix("/") && !uri.contains("://") && !uri.hasPrefix(".."), "\(label): \(uri) is not relative")
    let path = try #require(uri.removingPercentEncoding, "\(label): \(uri) badly encoded")
    #expect(
      FileManager.default.fileExists(atPath: RepositoryPaths.repo(path).path), "\(label): \(path) missing")
    let region = try #require(location?["region"] as? Object, "\(label): region")
    let numbers = ["startLine", "startColumn", "endLine", "endColumn"].map { region[$0] as? Int ?? 0 }
    #expect(numbers.allSatisfy { $0 >= 1 }, "\(label): region \(region)")
    #expect((numbers[2], numbers[3]) >= (numbers[0], numbers[1]), "\(label): region ends before it starts")
  }

  static func text(_ value: Any?) -> String {
    ((value as? Object)?["text"] as? String) ?? ""
  }
}
