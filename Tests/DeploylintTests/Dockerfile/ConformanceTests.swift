import DeploylintCore
import DeploylintParsers
import Foundation
import Testing

/// buildkit's own parser test files (reference data, see `ReferenceData`;
/// `scripts/fetch-reference-data.sh` fetches them at the pinned commit): our
/// dump must equal buildkit's `result` byte for byte.
@Suite(ReferenceData.needs(.buildkitParser)) struct DockerfileConformanceTests {
  static let root = ReferenceData.url(.buildkitParser)

  /// The case folders of `positive` or `negative`; none when the data is missing
  /// (then `conformanceDataIsPresent` fails, or the suite is skipped).
  static func cases(_ kind: String) -> [String] {
    let names = try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(kind).path)
    return (names ?? []).sorted()
  }

  static func load(_ kind: String, _ name: String, _ file: String) throws -> [UInt8] {
    let url = root.appendingPathComponent(kind).appendingPathComponent(name)
      .appendingPathComponent(file)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      Issue.record("conformance file missing: \(url.path)")
      throw CocoaError(.fileNoSuchFile)
    }
    return [UInt8](data)
  }

  @Test func conformanceDataIsPresent() {
    #expect(
      Self.cases("positive").count == 22, "expected 22 positive cases under \(Self.root.path)")
    #expect(
      Self.cases("negative").count == 3, "expected 3 negative cases under \(Self.root.path)")
  }

  @Test(arguments: cases("positive"))
  func positive(_ name: String) throws {
    let source = SourceFile(path: "Dockerfile", bytes: try Self.load("positive", name, "Dockerfile"))
    let expected = String(decoding: try Self.load("positive", name, "result"), as: UTF8.self)
    let parsed = try DockerfileParser.parse(source)
    #expect(parsed.dump() == expected)
  }

  @Test(arguments: cases("negative"))
  func negative(_ name: String) throws {
    let source = SourceFile(path: "Dockerfile", bytes: try Self.load("negative", name, "Dockerfile"))
    do {
      let parsed = try DockerfileParser.parse(source)
      Issue.record("\(name) parsed, expected an error: \(parsed.dump())")
    } catch {
      #expect(error.span.line >= 1)
      #expect(!error.message.isEmpty)
    }
  }
}
