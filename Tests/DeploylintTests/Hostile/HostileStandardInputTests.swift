import DeploylintCLI
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Standard input that never ends in time: `deploylint --stdin-filename
/// Dockerfile -` reads at most the 16 MiB a file may have, then stops and says
/// so, under the hostile suite's watchdog and memory cap.
@Suite(.serialized) struct HostileStandardInputTests {
  @Test func hugeStandardInputIsCutAtTheSizeLimit() throws {
    // A sparse 4 GiB file: reading it all would take seconds and 4 GiB.
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "deploylint-huge-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: url) }
    let fd = open(url.path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
    try #require(fd >= 0)
    defer { close(fd) }
    let sized = ftruncate(fd, 4 << 30)
    try #require(sized == 0)
    let folder = RepositoryPaths.repo("Fixtures/hera-render-free").path
    let before = HostileInputTests.peakRSSKilobytes()
    let outcome = HostileInputTests.capped("4 GiB on standard input") { () -> (Int32, String) in
      let console = Console(standardInput: fd)
      let status = DeploylintMain.run(
        ["--format", "json", "--stdin-filename", folder + "/Dockerfile", "-", folder], console: console)
      return (status, console.out)
    }
    let (status, out) = try #require(outcome)
    #expect(status == 0)
    #expect(out.contains("standard input is larger than the 16 MiB limit"), "\(out.prefix(2_000))")
    // What was read: at most the limit plus one buffer, never the input's size.
    #expect(lseek(fd, 0, SEEK_CUR) <= 16 << 20 + 65_536)
    let growthMB = (HostileInputTests.peakRSSKilobytes() - before) / 1024
    // Process-wide and shared with the suites running in parallel: the bound
    // is the hostile suite's cap, far below the 4 GiB a full read would take.
    #expect(growthMB < HostileInputTests.maxPeakGrowthMB, "peak RSS grew by \(growthMB) MB")
  }
}
