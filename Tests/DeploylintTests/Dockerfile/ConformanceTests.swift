import DeploylintCore
import DeploylintParsers
import Foundation
import Testing

/// buildkit's own parser test files (see `../shared/conformance/README.md`):
/// our dump must equal buildkit's `result` byte for byte.
@Suite struct DockerfileConformanceTests {
  /// `<repo>/../shared/conformance/buildkit-parser`, found from this file's path.
  static let root: URL? = {
    var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while dir.path != "/" {
      if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
        return dir.deletingLastPathComponent()
          .appendingPathComponent("shared/conformance/buildkit-parser")
      }
      dir = dir.deletingLastPathComponent()
    }
    return nil
  }()

  static func cases(_ kind: String) -> [String] {
    guard let root,
      let names = try? FileManager.default.contentsOfDirectory(
        atPath: root.appendingPathComponent(kind).path)
    else { return ["<missing conformance directory>"] }
    return names.sorted()
  }

  static func load(_ kind: String, _ name: String, _ file: String) throws -> [UInt8] {
    let dir = try #require(root, "repository root not found from \(#filePath)")
    let url = dir.appendingPathComponent(kind).appendingPathComponent(name)
      .appendingPathComponent(file)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      Issue.record("conformance file missing: \(url.path)")
      throw CocoaError(.fileNoSuchFile)
    }
    return [UInt8](data)
  }

  @Test func conformanceDataIsPresent() {
    #expect(
      Self.cases("positive").count == 22, "expected 22 positive cases under \(String(describing: Self.root))")
    #expect(
      Self.cases("negative").count == 3, "expected 3 negative cases under \(String(describing: Self.root))")
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
