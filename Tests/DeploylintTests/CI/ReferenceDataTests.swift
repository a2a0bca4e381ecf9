import Foundation
import Testing

/// The reference-data setting (`ReferenceData`): one folder, named by
/// `DEPLOYLINT_REFERENCE_DATA` or `../shared`; its contents listed, with their
/// checksums, in `scripts/reference-data.sha256`.
@Suite struct ReferenceDataTests {
  static let root = URL(fileURLWithPath: "/src/deploylint")

  @Test func folderDefaultsToSharedBesideTheRepository() {
    #expect(ReferenceData.configuredFolder(environment: [:], root: Self.root).path == "/src/shared")
    let empty = ReferenceData.configuredFolder(environment: [ReferenceData.variable: ""], root: Self.root)
    #expect(empty.path == "/src/shared")
  }

  @Test func variableNamesTheFolderAbsoluteOrRelativeToTheRepository() {
    let absolute = ReferenceData.configuredFolder(
      environment: [ReferenceData.variable: "/data/ref"], root: Self.root)
    #expect(absolute.path == "/data/ref")
    let relative = ReferenceData.configuredFolder(
      environment: [ReferenceData.variable: "ref"], root: Self.root)
    #expect(relative.path == "/src/deploylint/ref")
  }

  @Test func requiredOnlyWhenTheVariableIsSetAndNotZero() {
    #expect(!ReferenceData.requiresData(environment: [:]))
    #expect(!ReferenceData.requiresData(environment: [ReferenceData.requireVariable: ""]))
    #expect(!ReferenceData.requiresData(environment: [ReferenceData.requireVariable: "0"]))
    #expect(ReferenceData.requiresData(environment: [ReferenceData.requireVariable: "1"]))
  }

  @Test func missingLineSaysWhatAndHow() {
    let line = ReferenceData.missing(.sarifSchema)
    #expect(line.contains("SARIF 2.1.0 schema"))
    #expect(line.contains(ReferenceData.url(.sarifSchema).path))
    #expect(line.contains("scripts/fetch-reference-data.sh"))
    #expect(line.contains(ReferenceData.variable))
  }

  /// Paths listed in the manifest, without its comments.
  static func manifestPaths() throws -> [String] {
    let text = try String(contentsOf: RepositoryPaths.repo("scripts/reference-data.sha256"), encoding: .utf8)
    return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
      String(line.split(separator: " ", maxSplits: 1)[1].drop { $0 == " " })
    }
  }

  @Test func manifestListsEveryItemTheTestsRead() throws {
    let paths = try Self.manifestPaths()
    #expect(paths.count == Set(paths).count, "a path is listed twice")
    for item in ReferenceData.Item.allCases {
      #expect(paths.contains { $0 == item.relativePath || $0.hasPrefix(item.relativePath + "/") }, "\(item)")
    }
    // The conformance suite expects 22 positive cases (Dockerfile + result) and 3 negative ones.
    let positive = Set(paths.compactMap { Self.caseName($0, under: "positive") })
    let negative = Set(paths.compactMap { Self.caseName($0, under: "negative") })
    #expect(positive.count == 22 && negative.count == 3)
  }

  static func caseName(_ path: String, under kind: String) -> String? {
    let prefix = ReferenceData.Item.buildkitParser.relativePath + "/\(kind)/"
    guard path.hasPrefix(prefix) else { return nil }
    return path.dropFirst(prefix.count).split(separator: "/").first.map(String.init)
  }

  /// In CI (`.ci/run` sets `DEPLOYLINT_REQUIRE_REFERENCE_DATA=1`) missing data
  /// is a failure that says what is missing and how to get it.
  @Test(.enabled(if: ReferenceData.isRequired, "reference data is required only in CI (.ci/run)"))
  func everyItemIsPresentWhenRequired() {
    for item in ReferenceData.Item.allCases {
      #expect(ReferenceData.isPresent(item), "\(ReferenceData.missing(item))")
    }
  }
}
