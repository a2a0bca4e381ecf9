import Foundation
import Testing

/// Small files: no Swift file of the package (sources and tests) is over 400
/// lines, so each stays readable as one concept.
@Suite struct SourceShapeTests {
  static let limit = 400

  @Test func noSwiftFileIsOverFourHundredLines() throws {
    var checked = 0
    for folder in ["Sources", "Tests"] {
      let root = RepositoryPaths.repo(folder)
      let files = try #require(FileManager.default.enumerator(atPath: root.path)).compactMap { $0 as? String }
      for file in files where file.hasSuffix(".swift") {
        let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        #expect(lines <= Self.limit, "\(folder)/\(file) has \(lines) lines")
        checked += 1
      }
    }
    #expect(checked > 100)
  }
}
