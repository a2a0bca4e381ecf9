import DeploylintCore
import DeploylintReporters
import Foundation
import Testing

/// Every output format of every fixture, compared byte for byte with
/// `Tests/DeploylintTests/Snapshots/<fixture>.<format>`. Findings change as
/// rules are added: then review the diff and regenerate every snapshot with
///
///     DEPLOYLINT_UPDATE_SNAPSHOTS=1 swift test --filter SnapshotTests
///
/// which rewrites them (and deletes those of removed fixtures).
@Suite struct SnapshotTests {
  /// A snapshot kind: the file extension and how it is rendered.
  enum Kind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case text, json, sarif, github
    /// The Markdown appended to `$GITHUB_STEP_SUMMARY` with `--format github`.
    case stepSummary = "step-summary.md"
    case gitlab = "gitlab.json"
    case junit = "junit.xml"
    case checkstyle = "checkstyle.xml"
    /// `deploylint services`: each service's resolved deploy path (issue 14 item 4).
    case services = "services.txt"

    var testDescription: String { rawValue }

    func render(_ report: Report) -> String {
      switch self {
      case .text: FixtureReports.render(report, as: .text)
      case .json: FixtureReports.render(report, as: .json)
      case .sarif: FixtureReports.render(report, as: .sarif)
      case .github: FixtureReports.render(report, as: .github)
      case .stepSummary: githubStepSummary(report)
      case .gitlab: FixtureReports.render(report, as: .gitlab)
      case .junit: FixtureReports.render(report, as: .junit)
      case .checkstyle: FixtureReports.render(report, as: .checkstyle)
      case .services: ""
      }
    }
  }

  static let directory = RepositoryPaths.repo("Tests/DeploylintTests/Snapshots")
  static let regenerate = "DEPLOYLINT_UPDATE_SNAPSHOTS=1 swift test --filter SnapshotTests"
  static var updating: Bool { ProcessInfo.processInfo.environment["DEPLOYLINT_UPDATE_SNAPSHOTS"] == "1" }

  static func file(_ fixture: String, _ kind: Kind) -> URL {
    directory.appendingPathComponent("\(fixture).\(kind.rawValue)")
  }

  @Test(arguments: FixtureReports.names, Kind.allCases)
  func matchesSnapshot(_ fixture: String, _ kind: Kind) throws {
    let actual =
      kind == .services
      ? ServicesRenderer.text(FixtureReports.project(fixture))
      : kind.render(FixtureReports.report(fixture))
    let url = Self.file(fixture, kind)
    let relative = "Tests/DeploylintTests/Snapshots/\(url.lastPathComponent)"
    if Self.updating {
      try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
      try Data(actual.utf8).write(to: url, options: .atomic)
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record("\(relative) is missing. Create it (and every other snapshot) with: \(Self.regenerate)")
      return
    }
    #expect(
      actual == expected,
      """
      \(relative) differs from the output (rules or reporters changed?). \
      \(Self.firstDifference(expected, actual)). If the change is intended, review it and \
      regenerate every snapshot with: \(Self.regenerate)
      """)
  }

  @Test func everySnapshotBelongsToAFixture() throws {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: Self.directory.path)) ?? []
    let wanted = Set(FixtureReports.names.flatMap { f in Kind.allCases.map { "\(f).\($0.rawValue)" } })
    let orphans = names.filter { !wanted.contains($0) }.sorted()
    if Self.updating {
      for name in orphans {
        try FileManager.default.removeItem(at: Self.directory.appendingPathComponent(name))
      }
      return
    }
    #expect(orphans.isEmpty, "snapshots of no fixture: \(orphans); remove them with: \(Self.regenerate)")
  }

  @Test func differenceNamesTheFirstDifferingLine() {
    #expect(Self.firstDifference("a\nb\nc", "a\nB\nc") == "first difference at line 2: expected `b`, got `B`")
    #expect(Self.firstDifference("a", "a\nb") == "first difference at line 2: expected `<end>`, got `b`")
  }

  /// Where two texts first differ, by line, for the failure message.
  static func firstDifference(_ expected: String, _ actual: String) -> String {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(e.count, a.count) {
      let x = i < e.count ? String(e[i]) : "<end>"
      let y = i < a.count ? String(a[i]) : "<end>"
      if x != y {
        return "first difference at line \(i + 1): expected `\(x.prefix(200))`, got `\(y.prefix(200))`"
      }
    }
    return "no difference by line"
  }
}
