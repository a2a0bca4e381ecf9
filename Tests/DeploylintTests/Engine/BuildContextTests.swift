import DeploylintCore
import DeploylintParsers
import Foundation
import Testing

@testable import DeploylintEngine

/// COPY/ADD sources resolved against the build context and `.dockerignore`,
/// and the installs that read them (issue 15 item 3).
@Suite struct BuildContextTests {
  static func service(_ files: [String: String], named name: String = "root") throws -> Service {
    try RustAssemblyTests.service(files, named: name)
  }

  static let torch = "torch==2.4.1\nfastapi==0.115.0\n"

  /// The seed: a manifest copied under another name from a subfolder.
  @Test func aRenamedSubfolderManifestIsLinkedToTheInstallThatReadsIt() throws {
    let s = try Self.service([
      "app/requirements.txt": Self.torch,
      "Dockerfile":
        "FROM python:3.12-slim\nCOPY app/requirements.txt /tmp/req.txt\nRUN pip install -r /tmp/req.txt\n",
    ])
    #expect(s.python.packages.map(\.name) == ["torch", "fastapi"])
    #expect(s.python.packages.first?.span.path == "app/requirements.txt")
  }

  @Test func workdirRelativeDestinationsAndFolderCopies() throws {
    // `COPY app/ ./` into WORKDIR /srv, then `-r requirements.txt` relative to /srv.
    let folder = try Self.service([
      "app/requirements.txt": Self.torch, "requirements.txt": "fastapi\n",
      "Dockerfile":
        "FROM python:3.12-slim\nWORKDIR /srv\nCOPY app/ ./\nRUN pip install -r requirements.txt\n",
    ])
    #expect(folder.python.packages.map(\.span.path) == ["app/requirements.txt", "app/requirements.txt"])
    // `COPY . .` then a path below the WORKDIR.
    let whole = try Self.service([
      "svc/deps/requirements-prod.txt": Self.torch,
      "Dockerfile":
        "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r svc/deps/requirements-prod.txt\n",
    ])
    #expect(whole.python.packages.first?.span.path == "svc/deps/requirements-prod.txt")
    // A single file into an existing WORKDIR written without a trailing slash.
    let into = try Self.service([
      "requirements.txt": Self.torch,
      "Dockerfile":
        "FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt /app\nRUN pip install -r /app/requirements.txt\n",
    ])
    #expect(into.python.packages.count == 2)
    // A glob copy.
    let glob = try Self.service([
      "requirements-prod.txt": Self.torch,
      "Dockerfile":
        "FROM python:3.12\nCOPY requirements*.txt /deps/\nRUN pip install -r /deps/requirements-prod.txt\n",
    ])
    #expect(glob.python.packages.count == 2)
    // A bind mount for one RUN (no COPY at all).
    let mount = try Self.service([
      "app/requirements.txt": Self.torch,
      "Dockerfile":
        "FROM python:3.12\nRUN --mount=type=bind,source=app/requirements.txt,target=/tmp/r.txt pip install -r /tmp/r.txt\n",
    ])
    #expect(mount.python.packages.count == 2)
  }

  @Test func manifestsNeverCopiedOrLeftOutByDockerignoreDoNotCount() throws {
    // Never copied: the install would fail; the file at the context root is not what it reads.
    let never = try Self.service([
      "requirements.txt": Self.torch,
      "Dockerfile": "FROM python:3.12-slim\nRUN pip install -r requirements.txt\n",
    ])
    #expect(never.python.packages.isEmpty)
    // Copied from another folder than the one a base-name guess would pick.
    let other = try Self.service([
      "requirements.txt": Self.torch, "api/requirements.txt": "fastapi\n",
      "Dockerfile":
        "FROM python:3.12-slim\nWORKDIR /srv\nCOPY api/requirements.txt ./\nRUN pip install -r requirements.txt\n",
    ])
    #expect(other.python.packages.map(\.name) == ["fastapi"])
    // Left out of the context by .dockerignore (a folder pattern covers its files).
    let files = [
      "app/requirements.txt": Self.torch, ".dockerignore": "# data\napp/\n",
      "Dockerfile":
        "FROM python:3.12-slim\nWORKDIR /srv\nCOPY . .\nRUN pip install -r app/requirements.txt\n",
    ]
    #expect(try Self.service(files).python.packages.isEmpty)
    // …unless a later `!` line sends it again.
    var reincluded = files
    reincluded[".dockerignore"] = "app/\n!app/requirements.txt\n"
    #expect(try Self.service(reincluded).python.packages.count == 2)
    // `Dockerfile.dockerignore` beside the Dockerfile takes precedence over `.dockerignore`.
    var own = reincluded
    own["Dockerfile.dockerignore"] = "**/requirements.txt\n"
    #expect(try Self.service(own).python.packages.isEmpty)
  }

  @Test func composeBuildContextIsTheRootOfCopySources() throws {
    let s = try Self.service(
      [
        "compose.yaml":
          "services:\n  tts:\n    build:\n      context: ./svc\n      dockerfile: docker/Dockerfile\n",
        "svc/docker/Dockerfile":
          "FROM python:3.12-slim\nCOPY app/requirements.txt /tmp/req.txt\nRUN pip install -r /tmp/req.txt\n",
        "svc/app/requirements.txt": Self.torch,
        // Outside the context: never part of this build.
        "app/requirements.txt": "flask\n",
      ], named: "tts")
    #expect(s.python.packages.map(\.span.path) == ["svc/app/requirements.txt", "svc/app/requirements.txt"])
  }

  /// package.json counts for a Dockerfile build only when the build copies it.
  @Test func nodeManifestCountsOnlyWhenCopied() throws {
    let package = #"{"name": "web", "scripts": {"build": "next build", "start": "next start"}}"#
    func heavyBuilds(_ dockerfile: String) throws -> Int {
      try Self.service(["package.json": package, "Dockerfile": dockerfile]).node.heavyBuilds.count
    }
    #expect(try heavyBuilds("FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n") == 1)
    #expect(try heavyBuilds("FROM node:22\nWORKDIR /app\nCOPY dist/ ./\nRUN npm ci && npm run build\n") == 0)
  }

  @Test func dockerignoreMatchesAsBuildKitDoes() {
    let ignore = DockerIgnore(
      text: "# c\n/build\n*.md\n!README.md\n**/__pycache__\nsecrets/**\n./tmp/../cache\n")
    #expect(ignore.excludes("build/x.txt"))
    #expect(ignore.excludes("notes.md"))
    #expect(!ignore.excludes("README.md"))
    #expect(!ignore.excludes("docs/notes.md"), "`*` does not cross folders")
    #expect(ignore.excludes("a/b/__pycache__/x.pyc"))
    #expect(ignore.excludes("secrets/k/key"))
    #expect(ignore.excludes("cache/x"))
    #expect(!ignore.excludes("app/requirements.txt"))
    #expect(ignore.decidingLine("build/x.txt") == 2)
  }

  @Test func hostileDockerignorePatternsStayLinear() {
    // Exponential backtracking would never finish on this; the automaton is
    // linear in path × pattern.
    let pattern = String(repeating: "*a", count: 30) + "b"
    let ignore = DockerIgnore(text: String(repeating: pattern + "\n", count: 3))
    let path = String(repeating: "a", count: 1_000) + "/" + String(repeating: "a", count: 1_000)
    let clock = ContinuousClock()
    let elapsed = clock.measure { #expect(!ignore.excludes(path)) }
    #expect(elapsed < .seconds(5))
  }
}
