import DeploylintCore
import DeploylintParsers
import Foundation
import Testing

/// The root `Dockerfile` (the released image), read as text and with our own
/// parser: no Docker engine is needed to check what it promises.
@Suite struct DockerfileTests {
  static func text(_ path: String) throws -> String {
    try String(contentsOf: RepositoryPaths.repo(path), encoding: .utf8)
  }

  static func instructions() throws -> [String] {
    try text("Dockerfile").split(separator: "\n").map(String.init)
      .filter { !$0.hasPrefix("#") && !$0.hasPrefix(" ") && !$0.isEmpty }
  }

  @Test func parsesAsBuildkitWould() throws {
    let source = SourceFile(path: "Dockerfile", bytes: Array(try Self.text("Dockerfile").utf8))
    #expect(throws: Never.self) { _ = try DockerfileParser.parse(source) }
  }

  @Test func buildsAStaticBinaryInSwiftAndRunsItOnSlimDebianAsAnUnprivilegedUser() throws {
    let lines = try Self.instructions()
    let stages = lines.filter { $0.hasPrefix("FROM ") }
    #expect(stages.count == 2)
    #expect(stages.first?.hasPrefix("FROM swift:") == true && stages.first?.hasSuffix(" AS build") == true)
    #expect(stages.last == "FROM debian:bookworm-slim")
    let text = try Self.text("Dockerfile")
    #expect(text.contains("swift build -c release --static-swift-stdlib --product deploylint"))
    #expect(text.contains("strip /out/deploylint"))
    #expect(text.contains("apt-get install -y --no-install-recommends libarchive13"))
    let runtime = lines.drop { $0 != stages.last }
    let user = try #require(runtime.last { $0.hasPrefix("USER ") })
    #expect(user == "USER 10001:10001")
    #expect(runtime.last == #"ENTRYPOINT ["deploylint"]"#)
  }

  /// SwiftPM refuses a manifest whose targets' folders are missing, so the
  /// build context (`.dockerignore`) and the builder's COPY lines must hold
  /// every folder of a target Package.swift declares.
  @Test func buildContextHoldsEveryTargetFolder() throws {
    let allowed = try Self.text(".dockerignore").split(separator: "\n")
      .filter { $0.hasPrefix("!") }.map { String($0.dropFirst()) }
    let copied = try Self.instructions().filter { $0.hasPrefix("COPY ") && !$0.contains("--from") }
      .map { $0.split(separator: " ")[1] }.map(String.init)
    let manifest = try Self.text("Package.swift")
    var needed = ["Package.swift", "Sources"]
    if manifest.contains(".testTarget(") { needed.append("Tests") }
    for folder in ["Plugins", "Snippets"] where manifest.contains("\(folder)/") { needed.append(folder) }
    for path in needed {
      #expect(allowed.contains(path), ".dockerignore leaves out \(path)")
      #expect(copied.contains(path), "the builder does not COPY \(path)")
    }
  }
}
