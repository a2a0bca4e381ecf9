import DeploylintCore
import DeploylintEngine
import DeploylintRules
import Testing

/// RustAssembly: which Cargo.lock a service's build compiles, the cargo steps
/// its shipped stages run (with jobs and exact spans), and the profile.
@Suite struct RustAssemblyTests {
  static let lock = """
    version = 3

    [[package]]
    name = "api"
    version = "0.1.0"

    [[package]]
    name = "aws-sdk-ec2"
    version = "1.20.0"
    source = "registry+https://github.com/rust-lang/crates.io-index"

    [[package]]
    name = "tokio"
    version = "1.40.0"
    source = "registry+https://github.com/rust-lang/crates.io-index"

    """

  static func project(_ files: [String: String]) -> Project {
    let inputs: [InputFile] = files.sorted { $0.key < $1.key }.compactMap { path, content in
      let name = path.split(separator: "/").last.map(String.init) ?? path
      guard let kind = FileKind.classify(fileName: name) else { return nil }
      return InputFile(relativePath: path, displayPath: path, kind: kind, bytes: Array(content.utf8))
    }
    var analyzer = Analyzer(toolVersion: "test")
    analyzer.today = ComposeAssemblyTests.beforeRailwayCutoff
    return analyzer.assemble(inputs, rootName: "root").0
  }

  static func service(_ files: [String: String], named name: String) throws -> Service {
    try #require(project(files).services.first { $0.name == name })
  }

  @Test func findsTheWorkspaceLockInAnAncestorFolder() throws {
    let s = try Self.service(
      [
        "Cargo.lock": Self.lock,
        "services/api/Dockerfile": "FROM rust:1.81\nCOPY . .\nRUN cargo build --release\n",
      ], named: "api")
    let rust = try #require(s.rust)
    #expect(rust.lockPath == "Cargo.lock")
    #expect(rust.packageCount == 3)
    #expect(rust.heavyCrates.map(\.name) == ["aws-sdk-ec2"])
    #expect(rust.heavyCrates.first?.span.line == 8)
    #expect(rust.dockerfilePath == "services/api/Dockerfile")
  }

  @Test func prefersTheContextsOwnLock() throws {
    let s = try Self.service(
      [
        "Cargo.lock": Self.lock,
        "api/Cargo.lock": "version = 3\n\n[[package]]\nname = \"api\"\nversion = \"0.1.0\"\n",
        "api/Dockerfile": "FROM rust:1.81\nRUN cargo build\n",
      ], named: "api")
    #expect(s.rust?.lockPath == "api/Cargo.lock")
    #expect(s.rust?.packageCount == 1)
  }

  @Test func spanLandsOnTheCargoWordOfAContinuedRun() throws {
    let dockerfile = """
      FROM rust:1.81 AS build
      RUN --mount=type=cache,target=/app/target \\
          apt-get update && \\
          cargo build --release -j 3 --bin api
      FROM debian:bookworm-slim
      COPY --from=build /app/target/release/api /api

      """
    let s = try Self.service(["Cargo.lock": Self.lock, "Dockerfile": dockerfile], named: "root")
    let step = try #require(s.rust?.buildSteps.first)
    #expect(step.span == Span(path: "Dockerfile", line: 4, column: 5, endLine: 4, endColumn: 10))
    #expect(step.jobs?.value == 3)
    #expect(step.jobs?.span == Span(path: "Dockerfile", line: 4, column: 27, endLine: 4, endColumn: 31))
    #expect(step.release)
    #expect(step.usesCacheMount)
    #expect(step.buildsProject)
  }

  @Test(arguments: [
    ("RUN cargo build --jobs=2", 2), ("RUN cargo build -j4", 4), ("RUN CARGO_BUILD_JOBS=5 cargo build", 5),
    ("ENV CARGO_BUILD_JOBS=6\nRUN cargo build --release", 6), ("RUN cargo chef cook --release -j 1", 1),
  ])
  func jobsFromFlagsInlineAssignmentsAndStageEnvironment(_ line: String, _ jobs: Int) throws {
    let s = try Self.service(
      ["Cargo.lock": Self.lock, "Dockerfile": "FROM rust:1.81\n\(line)\n"], named: "root")
    let step = try #require(s.rust?.buildSteps.first)
    #expect(step.jobs?.value == jobs)
  }

  @Test func jobsFromTheStageTheBuildStageIsBuiltFrom() throws {
    let dockerfile =
      "FROM rust:1.81 AS base\nENV CARGO_BUILD_JOBS=1\nFROM base AS build\nRUN cargo build --release\n"
    let s = try Self.service(["Cargo.lock": Self.lock, "Dockerfile": dockerfile], named: "root")
    let step = try #require(s.rust?.buildSteps.first)
    #expect(step.jobs?.value == 1)
    #expect(step.jobs?.span.line == 2)
  }

  @Test func copyOnlyDockerfileHasNoBuildSteps() throws {
    let s = try Self.service(
      ["Cargo.lock": Self.lock, "Dockerfile": "FROM debian:bookworm-slim\nCOPY target/release/api /api\n"],
      named: "root")
    // It copies a binary, never Cargo.toml or Cargo.lock: the lock is not this build's graph.
    #expect(s.rust == nil)
    #expect(RustBuildExceedsBuildMemory().check(Project(services: [s])).isEmpty)
    // Copying the sources makes it this build's lock, even with no cargo step.
    let copied = try Self.service(
      ["Cargo.lock": Self.lock, "Dockerfile": "FROM debian:bookworm-slim\nCOPY . /src\n"], named: "root")
    #expect(try #require(copied.rust).buildSteps.isEmpty)
  }

  @Test func stagesTheImageDoesNotDependOnAreIgnored() throws {
    let dockerfile = "FROM rust:1.81 AS lint\nRUN cargo build\nFROM debian:bookworm-slim\nCOPY api /api\n"
    let s = try Self.service(["Cargo.lock": Self.lock, "Dockerfile": dockerfile], named: "root")
    // No build step either way (the final stage copies only `api/`, not the lock).
    #expect(s.rust?.buildSteps.isEmpty ?? true)
  }

  @Test func cargoInstallOfAToolDoesNotBuildTheProject() throws {
    let dockerfile = "FROM rust:1.81\nRUN cargo install sqlx-cli && cargo install --path . --locked\n"
    let s = try Self.service(["Cargo.lock": Self.lock, "Dockerfile": dockerfile], named: "root")
    let steps = try #require(s.rust?.buildSteps)
    #expect(steps.map(\.buildsProject) == [false, true])
    #expect(steps.map(\.span.column) == [5, 31])
  }

  @Test func prebuiltImageGetsNoRustFacts() throws {
    let render =
      "services:\n  - type: web\n    name: api\n    runtime: image\n    image:\n      url: ghcr.io/a/api\n"
    let s = try Self.service(["render.yaml": render, "Cargo.lock": Self.lock], named: "api")
    #expect(s.rust == nil)
  }

  @Test func renderNativeRustBuildCommand() throws {
    let render = """
      services:
        - type: web
          name: api
          runtime: rust
          plan: starter
          buildCommand: CARGO_BUILD_JOBS=1 cargo build --release
          startCommand: ./target/release/api

      """
    let s = try Self.service(["render.yaml": render, "Cargo.lock": Self.lock], named: "api")
    let step = try #require(s.rust?.buildSteps.first)
    #expect(step.jobs?.value == 1)
    #expect(step.span.line == 6)
    #expect(step.source == "render.yaml buildCommand")
  }

  @Test func releaseProfileFromTheManifestBesideTheLock() throws {
    let manifest = """
      [workspace]
      members = ["api"]

      [profile.release]
      debug = true
      lto = "fat"
      codegen-units = 1

      [profile.dist]
      inherits = "release"
      lto = "thin"

      """
    let base = ["Cargo.lock": Self.lock, "Cargo.toml": manifest]
    let release = try Self.service(
      base.merging(["api/Dockerfile": "FROM rust:1.81\nRUN cargo build --release\n"]) { $1 }, named: "api")
    let profile = try #require(release.rust?.profile)
    #expect(profile.debugInfo)
    #expect(profile.lto?.value == "fat")
    #expect(profile.lto?.span.line == 6)
    #expect(profile.codegenUnits?.value == 1)

    let dist = try Self.service(
      base.merging(["api/Dockerfile": "FROM rust:1.81\nRUN cargo build --profile dist\n"]) { $1 },
      named: "api")
    #expect(dist.rust?.profile.lto?.value == "thin")
    #expect(dist.rust?.profile.debugInfo == true)

    let dev = try Self.service(
      ["Cargo.lock": Self.lock, "Dockerfile": "FROM rust:1.81\nRUN cargo build\n"], named: "root")
    #expect(dev.rust?.profile.debugInfo == true, "the dev profile has full debug info by default")
  }

  @Test func estimateUsesBuildMemoryOverrideAndJobs() throws {
    let files = [
      ".deploylint.yml": "services:\n  root:\n    build-memory: 1g\n",
      "Cargo.lock": Self.lock,
      "Dockerfile": "FROM rust:1.81\nRUN cargo build --release -j 2\n",
    ]
    let findings = RustBuildExceedsBuildMemory().check(Self.project(files))
    let finding = try #require(findings.first)
    // aws-sdk-ec2 alone is estimated at 8 GiB.
    #expect(finding.message.contains("8.5 GiB"))
    #expect(finding.message.contains("build-memory"))
    #expect(finding.span == Span(path: "Dockerfile", line: 2, column: 5, endLine: 2, endColumn: 10))
    #expect(finding.related.first?.span.path == ".deploylint.yml")
  }
}

/// The seed-000 fixture: the headline finding and what its message must say.
@Suite struct ZedCollabFixtureTests {
  @Test func renderFreeReportsTheInPlatformBuildWithThePipelineFacts() {
    let text = FixtureOutputTests.render("zed-collab-render-free")
    #expect(text.contains("warning[in-platform-rust-build]"))
    #expect(text.contains("1,712 packages"))
    #expect(text.contains("2 CPU / 8 GB"))
    #expect(text.contains("does not bound the build"))
    #expect(text.contains("runtime: image"))
    #expect(text.contains("docker/build-push-action"))
    #expect(!text.contains("error["))
  }
}

/// Native builds the platform runs without a cargo command written anywhere.
@Suite struct RustImplicitBuildTests {
  static let manifest = "[package]\nname = \"api\"\nversion = \"0.1.0\"\n"

  @Test func railwayRustProviderBuildsACargoFolder() throws {
    let files = [
      "railway.json": #"{"build": {"builder": "RAILPACK"}}"#, "Cargo.toml": Self.manifest,
      "Cargo.lock": RustAssemblyTests.lock,
    ]
    let s = try RustAssemblyTests.service(files, named: "root")
    let step = try #require(s.rust?.buildSteps.first)
    #expect(step.release)
    #expect(step.span.path == "railway.json")
    let findings = InPlatformRustBuild().check(Project(services: [s]))
    #expect(findings.map(\.severity) == [.warning])
  }

  @Test func herokuAppWithACargoManifest() throws {
    let files = [
      "Procfile": "web: ./target/release/api\n", "Cargo.toml": Self.manifest,
      "app.json": #"{ "buildpacks": [{ "url": "emk/rust" }] }"#,
      "Cargo.lock": RustAssemblyTests.lock,
    ]
    let s = try RustAssemblyTests.service(files, named: "root")
    #expect(s.rust?.buildSteps.first?.span.path == "Procfile")
    let finding = try #require(InPlatformRustBuild().check(Project(services: [s])).first)
    #expect(finding.message.contains("25 minutes"))
    #expect(finding.help.first?.contains("heroku container:push") == true)
  }

  @Test func flyRemoteBuildIsOnlyANote() throws {
    let files = [
      "fly.toml": "app = \"api\"\n", "Cargo.lock": RustAssemblyTests.lock,
      "Dockerfile": "FROM rust:1.81 AS b\nRUN cargo build --release\nFROM debian\nCOPY --from=b /t /t\n",
    ]
    let s = try RustAssemblyTests.service(files, named: "api")
    let findings = InPlatformRustBuild().check(Project(services: [s]))
    #expect(findings.map(\.severity) == [.note])
  }

  @Test func largePlanIsANote() throws {
    let render = "services:\n  - type: web\n    name: api\n    runtime: docker\n    plan: pro\n"
    let files = [
      "render.yaml": render, "Cargo.lock": RustAssemblyTests.lock,
      "Dockerfile": "FROM rust\nRUN cargo build --release\n",
    ]
    let s = try RustAssemblyTests.service(files, named: "api")
    #expect(InPlatformRustBuild().check(Project(services: [s])).map(\.severity) == [.note])
  }
}
