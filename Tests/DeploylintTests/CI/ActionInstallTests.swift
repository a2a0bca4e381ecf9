import DeploylintCLI
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `scripts/action-install.sh`, the action's default path: which release asset
/// each runner gets, and download → verify → install against a local copy of
/// a release (file:// URLs), including what it refuses to install.
@Suite struct ActionInstallTests {
  static let script = RepositoryPaths.repo("scripts/action-install.sh").path

  /// Runs the script with exactly `environment` (plus PATH); returns status, stdout, stderr.
  static func run(_ arguments: [String] = [], _ environment: [String: String]) throws -> (
    status: Int32, out: String, err: String
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [script] + arguments
    process.environment = environment.merging(["PATH": "/usr/local/bin:/usr/bin:/bin"]) { a, _ in a }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      process.terminationStatus, String(decoding: outData, as: UTF8.self),
      String(decoding: errData, as: UTF8.self)
    )
  }

  @Test(arguments: [
    ("Linux", "X64", "deploylint-linux-x86_64"),
    ("Linux", "ARM64", "deploylint-linux-aarch64"),
  ])
  func runnerMapsToItsAsset(_ os: String, _ arch: String, _ asset: String) throws {
    let r = try Self.run(["--asset"], ["RUNNER_OS": os, "RUNNER_ARCH": arch])
    #expect(r.status == 0, "\(r.err)")
    #expect(r.out == asset + "\n")
  }

  @Test(arguments: [
    ("macOS", "ARM64"), ("macOS", "X64"), ("Windows", "X64"), ("Linux", "ARM"), ("Linux", "X86"),
  ])
  func runnerWithoutABinaryIsToldToBuildFromSource(_ os: String, _ arch: String) throws {
    let r = try Self.run(["--asset"], ["RUNNER_OS": os, "RUNNER_ARCH": arch])
    #expect(r.status == 2)
    #expect(r.out.isEmpty)
    #expect(r.err.contains("no release binary for") && r.err.contains("build-from-source: true"), "\(r.err)")
  }

  @Test func withoutARunnerTheMachineDecides() throws {
    var name = utsname()
    uname(&name)
    let machine = withUnsafeBytes(of: &name.machine) {
      String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
    }
    let expected = ["x86_64": "deploylint-linux-x86_64", "aarch64": "deploylint-linux-aarch64"][machine]
    let r = try Self.run(["--asset"], [:])
    if let expected {
      #expect(r.status == 0 && r.out == expected + "\n", "\(machine): \(r.out)\(r.err)")
    } else {
      #expect(r.status == 2, "\(machine): \(r.out)")
    }
  }

  @Test func theVersionIsTheSourcesOwn() throws {
    #expect(try Self.run(["--version"], [:]).out == DeploylintVersion.current + "\n")
    #expect(try Self.run(["--version"], ["DEPLOYLINT_VERSION": "9.9.9"]).out == "9.9.9\n")
  }

  /// A local release: the asset (a stand-in program that prints a version)
  /// and SHA256SUMS as `sha256sum` writes it, plus a runner temp folder.
  struct Release {
    let root: URL
    var assets: URL { root.appendingPathComponent("release") }
    var temp: URL { root.appendingPathComponent("runner-temp") }
    var output: URL { root.appendingPathComponent("github-output") }
    static let program = "#!/bin/sh\necho 0.1.0\n"

    init(sums: (String) -> String = { $0 }) throws {
      root = FileManager.default.temporaryDirectory.appendingPathComponent(
        "deploylint-release-\(UUID().uuidString)")
      try FileManager.default.createDirectory(
        at: root.appendingPathComponent("release"), withIntermediateDirectories: true)
      try FileManager.default.createDirectory(
        at: root.appendingPathComponent("runner-temp"), withIntermediateDirectories: true)
      let asset = root.appendingPathComponent("release/deploylint-linux-x86_64")
      try Data(Self.program.utf8).write(to: asset)
      let other = root.appendingPathComponent("release/deploylint-linux-aarch64")
      try Data("#!/bin/sh\necho arm\n".utf8).write(to: other)
      let listing = try ActionInstallTests.sha256sum(in: root.appendingPathComponent("release"))
      try Data(sums(listing).utf8).write(to: root.appendingPathComponent("release/SHA256SUMS"))
    }

    var environment: [String: String] {
      [
        "RUNNER_OS": "Linux", "RUNNER_ARCH": "X64", "RUNNER_TEMP": temp.path, "GITHUB_OUTPUT": output.path,
        "DEPLOYLINT_RELEASE_URL": "file://" + assets.path,
      ]
    }

    var installed: URL { temp.appendingPathComponent("deploylint-\(DeploylintVersion.current)/deploylint") }

    func remove() { try? FileManager.default.removeItem(at: root) }
  }

  /// `sha256sum deploylint-linux-*` in `folder`, as the release workflow writes SHA256SUMS.
  static func sha256sum(in folder: URL) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "cd \"$1\" && sha256sum deploylint-linux-*", "sh", folder.path]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  @Test func downloadsVerifiesAndInstallsTheRunnersAsset() throws {
    let release = try Release()
    defer { release.remove() }
    let r = try Self.run([], release.environment)
    #expect(r.status == 0, "\(r.err)")
    let path = release.installed.path
    #expect(r.out == path + "\n")
    #expect(try String(contentsOf: release.output, encoding: .utf8) == "binary=\(path)\n")
    #expect(FileManager.default.contents(atPath: path) == Data(Release.program.utf8))
    #expect(FileManager.default.isExecutableFile(atPath: path))
    #expect(r.err.contains("verified"))
  }

  @Test func aTamperedAssetIsNotInstalled() throws {
    let release = try Release { sums in
      // The x86_64 line names the aarch64 asset's digest.
      let lines = sums.split(separator: "\n").map(String.init)
      let arm = lines.first { $0.hasSuffix("aarch64") }!.prefix(64)
      return lines.map { $0.hasSuffix("x86_64") ? arm + $0.dropFirst(64) : Substring($0) }.joined(
        separator: "\n")
        + "\n"
    }
    defer { release.remove() }
    let r = try Self.run([], release.environment)
    #expect(r.status == 1)
    #expect(r.err.contains("does not match its checksum"), "\(r.err)")
    #expect(!FileManager.default.fileExists(atPath: release.installed.path))
    #expect((try? String(contentsOf: release.output, encoding: .utf8)) == nil, "no binary output")
  }

  @Test func anAssetMissingFromTheChecksumsIsNotInstalled() throws {
    let release = try Release { sums in
      sums.split(separator: "\n").filter { !$0.hasSuffix("x86_64") }.joined(separator: "\n") + "\n"
    }
    defer { release.remove() }
    let r = try Self.run([], release.environment)
    #expect(r.status == 1)
    #expect(r.err.contains("is not listed in"), "\(r.err)")
    #expect(!FileManager.default.fileExists(atPath: release.installed.path))
  }

  @Test func anUnreleasedVersionSaysWhatToDo() throws {
    let release = try Release()
    defer { release.remove() }
    var environment = release.environment
    environment["DEPLOYLINT_RELEASE_URL"] = "file://" + release.root.appendingPathComponent("nothing").path
    let r = try Self.run([], environment)
    #expect(r.status == 1)
    #expect(r.err.contains("no SHA256SUMS") && r.err.contains("build-from-source: true"), "\(r.err)")
  }
}
