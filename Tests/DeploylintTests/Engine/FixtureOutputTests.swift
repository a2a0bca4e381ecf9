import DeploylintCore
import DeploylintEngine
import DeploylintReporters
import Foundation
import Testing

/// Each fixture's text report is checked against `expected-output.txt` beside
/// it: what a user running `deploylint Fixtures/<name>` from the repository
/// root sees. Regenerate one with
/// `swift run deploylint Fixtures/<name> > Fixtures/<name>/expected-output.txt`.
@Suite struct FixtureOutputTests {
  static let fixtures: [String] = {
    let names =
      (try? FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.repo("Fixtures").path)) ?? []
    return names.filter {
      FileManager.default.fileExists(atPath: RepositoryPaths.repo("Fixtures/\($0)/expected-output.txt").path)
    }.sorted()
  }()

  static func render(_ name: String) -> String {
    let analyzer = Analyzer(toolVersion: "test")
    let report = analyzer.scan(roots: [(RepositoryPaths.repo("Fixtures/\(name)").path, "Fixtures/\(name)")])
    return reporter(for: .text).render(report, options: ReporterOptions())
  }

  @Test func everySeedFixtureHasExpectedOutput() {
    #expect(Self.fixtures.contains("kokoro-railway-free"))
    #expect(Self.fixtures.contains("kokoro-railway-free-fixed"))
    #expect(Self.fixtures.contains("zed-collab-render-free"))
    #expect(Self.fixtures.contains("zed-collab-render-free-fixed"))
    #expect(Self.fixtures.contains("zed-collab-compose-vps"))
    #expect(Self.fixtures.contains("zed-collab-compose-vps-fixed"))
    #expect(Self.fixtures.contains("nextjs-pm2-1gb-host"))
    #expect(Self.fixtures.contains("nextjs-pm2-1gb-host-fixed"))
  }

  @Test(arguments: fixtures)
  func expectedOutput(_ name: String) throws {
    let expected = try String(
      contentsOf: RepositoryPaths.repo("Fixtures/\(name)/expected-output.txt"), encoding: .utf8)
    let actual = Self.render(name)
    #expect(actual == expected, "Fixtures/\(name): output changed:\n\(actual)")
  }

  @Test func fixedTwinsReportNoErrorOrWarning() {
    for name in Self.fixtures where name.hasSuffix("-fixed") {
      let analyzer = Analyzer(toolVersion: "test")
      let report = analyzer.scan(roots: [(RepositoryPaths.repo("Fixtures/\(name)").path, name)])
      #expect(
        report.findings.filter { $0.severity >= .warning }.isEmpty,
        "\(name): \(report.findings.map(\.message))")
    }
  }
}
