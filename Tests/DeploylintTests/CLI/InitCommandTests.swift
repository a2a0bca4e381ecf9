import DeploylintCLI
import DeploylintCore
import DeploylintEngine
import DeploylintParsers
import DeploylintReporters
import Foundation
import Testing

/// `deploylint init`: a starter configuration that lists the services and parses.
@Suite struct InitCommandTests {
  @Test func initListsServicesAndRefusesToOverwrite() throws {
    let folder = try TestInputs.temporaryFolder()
    try "{\"build\": {\"builder\": \"DOCKERFILE\"}}\n".write(
      toFile: folder + "/railway.json", atomically: true, encoding: .utf8)
    try TestInputs.torchDockerfile.write(toFile: folder + "/Dockerfile", atomically: true, encoding: .utf8)
    let console = Console()
    #expect(DeploylintMain.run(["init", folder], console: console) == 0)
    let text = try String(contentsOfFile: folder + "/.deploylint.yml", encoding: .utf8)
    #expect(text.contains("#     platform: railway"))
    #expect(text.contains("# services:"))
    #expect(DeploylintMain.run(["init", folder], console: Console()) == 2)
    #expect(DeploylintMain.run(["init", folder, "--force"], console: Console()) == 0)
    #expect(
      DeploylintMain.run([folder, "--fail-on", "none"], console: Console()) == 0, "the starter file parses")
  }
}
