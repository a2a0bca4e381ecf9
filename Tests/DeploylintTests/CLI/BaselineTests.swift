import DeploylintCLI
import DeploylintCore
import DeploylintEngine
import DeploylintParsers
import DeploylintReporters
import Foundation
import Testing

/// `--write-baseline` / `--baseline`: entries survive unrelated edits and go stale when fixed.
@Suite struct BaselineTests {
  @Test func baselineStableWhenUnrelatedLinesAreInserted() throws {
    let folder = try TestInputs.temporaryFolder()
    try TestInputs.torchDockerfile.write(toFile: folder + "/Dockerfile", atomically: true, encoding: .utf8)
    let console = Console()
    #expect(
      DeploylintMain.run(
        [folder, "--write-baseline", folder + "/b.json", "--fail-on", "none"], console: console) == 0)
    let moved =
      "FROM python:3.12-slim\n# a comment\n\nLABEL a=b\nRUN pip install torch\nCMD [\"python\", \"app.py\"]\n"
    try moved.write(toFile: folder + "/Dockerfile", atomically: true, encoding: .utf8)
    let again = Console()
    #expect(
      DeploylintMain.run([folder, "--baseline", folder + "/b.json", "--format", "json"], console: again) == 0)
    #expect(again.out.contains("\"findings\": []") || again.out.contains("\"findings\":[]"), "\(again.out)")
    #expect(again.out.contains("\"baselined\""))
    try "FROM python:3.12-slim\n".write(toFile: folder + "/Dockerfile", atomically: true, encoding: .utf8)
    let fixed = Console()
    _ = DeploylintMain.run([folder, "--baseline", folder + "/b.json"], console: fixed)
    #expect(fixed.out.contains("0 findings baselined"), "\(fixed.out)")
    #expect(!fixed.out.contains(" 0 stale entries"), "\(fixed.out)")
  }
}
