import DeploylintCLI
import DeploylintCore
import DeploylintEngine
import DeploylintParsers
import DeploylintReporters
import Foundation
import Testing

/// `deploylint fix`: edits applied once, idempotent, overlapping edits skipped.
@Suite struct FixTests {
  @Test func fixAppliesAndIsIdempotent() throws {
    let folder = try TestInputs.temporaryFolder()
    let source = RepositoryPaths.repo("Fixtures/kokoro-railway-free").path
    for name in try FileManager.default.contentsOfDirectory(atPath: source) {
      try FileManager.default.copyItem(atPath: source + "/" + name, toPath: folder + "/" + name)
    }
    let dry = Console()
    #expect(DeploylintMain.run(["fix", folder, "--dry-run"], console: dry) == 0)
    #expect(dry.out.contains("+ENV OMP_NUM_THREADS=1"), "\(dry.out)")
    let before = try String(contentsOfFile: folder + "/Dockerfile", encoding: .utf8)
    #expect(!before.contains("OMP_NUM_THREADS"), "dry run writes nothing")
    #expect(DeploylintMain.run(["fix", folder], console: Console()) == 0)
    let after = try String(contentsOfFile: folder + "/Dockerfile", encoding: .utf8)
    #expect(after.contains("OMP_NUM_THREADS=1"))
    #expect(DeploylintMain.run(["fix", folder], console: Console()) == 0)
    #expect(try String(contentsOfFile: folder + "/Dockerfile", encoding: .utf8) == after, "idempotent")
    let check = Console()
    _ = DeploylintMain.run([folder, "--format", "json"], console: check)
    #expect(!check.out.contains("torch-without-thread-limits"))
  }

  /// The Next.js fixture (seed 002): `fix` lowers the heap flag to the computed
  /// value; afterwards no error is left, so the default gate passes.
  @Test func nextjsFixtureIsFixedThenPassesTheGate() throws {
    let folder = try TestInputs.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let source = RepositoryPaths.repo("Fixtures/nextjs-pm2-1gb-host").path
    for name in try FileManager.default.contentsOfDirectory(atPath: source) {
      try FileManager.default.copyItem(atPath: source + "/" + name, toPath: folder + "/" + name)
    }
    #expect(DeploylintMain.run([folder], console: Console()) == 1, "the heap flag is an error before the fix")
    #expect(DeploylintMain.run(["fix", folder], console: Console()) == 0)
    let ecosystem = try String(contentsOfFile: folder + "/ecosystem.config.js", encoding: .utf8)
    #expect(ecosystem.contains("--max-old-space-size=768"))
    #expect(!ecosystem.contains("1536"))
    let check = Console()
    #expect(DeploylintMain.run([folder, "--format", "json"], console: check) == 0, "no error left")
    #expect(!check.out.contains("\"node-heap-exceeds-memory\""))
  }

  @Test func overlappingEditsAreSkipped() throws {
    let s = SourceFile(path: "f", text: "abcdef\n")
    let e1 = TextEdit(span: Span(path: "f", line: 1, column: 1, endLine: 1, endColumn: 4), replacement: "X")
    let e2 = TextEdit(span: Span(path: "f", line: 1, column: 3, endLine: 1, endColumn: 5), replacement: "Y")
    let r = try FixApplier.apply([e1, e2, e1], to: s, bytes: Array("abcdef\n".utf8))
    #expect(r.bytes == Array("Xdef\n".utf8))
    #expect(r.skipped == [e2])
  }
}
