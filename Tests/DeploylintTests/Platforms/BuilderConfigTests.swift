import DeploylintCore
import Testing

@testable import DeploylintParsers

/// `railpack.json` and `nixpacks.toml` (issue 15 item 9): every command,
/// variable and start command located exactly; malformed files are errors
/// with a location, ill-typed fields warnings.
@Suite struct BuilderConfigTests {
  func toml(_ text: String, path: String = "nixpacks.toml") throws -> ConfigDocument {
    try TOMLReader.read(SourceFile(path: path, text: text))
  }

  @Test func railpackStepsVariablesAndStartCommand() throws {
    let config = try RailpackConfig.parse(
      json(
        """
        {
          "$schema": "https://schema.railpack.com",
          "provider": "python",
          "steps": {
            "install": { "commands": ["pip install -r requirements.txt", {"cmd": "pip install torch"}] },
            "build": {
              "commands": ["exec:npm run build", "copy:dist", {"path": "/app/bin"}],
              "variables": { "NODE_OPTIONS": "--max-old-space-size=4096" }
            }
          },
          "deploy": {
            "startCommand": "node --max-old-space-size=1024 server.js",
            "variables": { "NODE_ENV": "production" }
          },
          "extra": true
        }
        """, path: "railpack.json"))
    #expect(config.provider?.value == "python")
    #expect(config.steps.map(\.name.value) == ["install", "build"])
    let install = try #require(config.step("install"))
    #expect(install.commands.map(\.value) == ["pip install -r requirements.txt", "pip install torch"])
    #expect(install.commands.map { pos($0.span) } == ["5:31-5:64", "5:74-5:93"])
    let build = try #require(config.step("build"))
    // `exec:` is a shell command; `copy:` and path commands run nothing.
    #expect(build.commands.map(\.value) == ["npm run build"])
    #expect(build.variables.map(\.key.value) == ["NODE_OPTIONS"])
    #expect(build.variables.first?.value.map { pos($0.span) } == "8:38-8:65")
    #expect(config.startCommand?.value == "node --max-old-space-size=1024 server.js")
    #expect(config.startCommand.map { pos($0.span) } == "12:21-12:63")
    #expect(
      config.deployVariables.map { "\($0.key.value)=\($0.value?.value ?? "")" } == ["NODE_ENV=production"])
    #expect(config.issues.map(\.message) == ["unknown key 'extra' in railpack.json"])
  }

  @Test func railpackMalformedIsALocatedError() throws {
    #expect(throws: ParseError.self) { try RailpackConfig.parse(json("[1, 2]", path: "railpack.json")) }
    do {
      _ = try RailpackConfig.parse(json("{\"deploy\": {\"startCommand\": }", path: "railpack.json"))
      Issue.record("a malformed railpack.json must not parse")
    } catch {
      #expect(error.span.path == "railpack.json")
      #expect(error.span.line == 1)
    }
    // Ill-typed fields are warnings; the rest is read.
    let config = try RailpackConfig.parse(
      json(#"{"steps": {"build": {"commands": "npm run build"}}, "deploy": {"startCommand": 3}}"#))
    #expect(config.step("build")?.commands.isEmpty == true)
    #expect(config.startCommand?.value == "3")
    #expect(config.issues.map(\.message) == ["expected steps.build.commands to be a list"])
  }

  @Test func nixpacksPhasesStartAndVariables() throws {
    let config = try NixpacksConfig.parse(
      toml(
        """
        providers = ["...", "python"]

        [variables]
        OMP_NUM_THREADS = "1"

        [phases.setup]
        nixPkgs = ["...", "ffmpeg"]

        [phases.install]
        cmds = ["pip install -r requirements.txt", "pip install torch --index-url https://download.pytorch.org/whl/cpu"]

        [phases.build]
        cmds = ["...", "python manage.py collectstatic"]

        [start]
        cmd = "gunicorn -w 4 app:app"
        """))
    #expect(config.providers.map(\.value) == ["...", "python"])
    #expect(config.variables.first.map { "\($0.key.value)=\($0.value?.value ?? "")" } == "OMP_NUM_THREADS=1")
    #expect(config.variables.first.map { pos($0.key.span) } == "4:1-4:16")
    #expect(config.phases.map(\.name.value) == ["setup", "install", "build"])
    let install = try #require(config.phase("install"))
    #expect(install.setsCommands && !install.extendsProvider)
    #expect(install.commands.count == 2)
    #expect(install.commands.map { pos($0.span) } == ["10:9-10:42", "10:44-10:112"])
    let build = try #require(config.phase("build"))
    #expect(build.extendsProvider)
    #expect(build.commands.map(\.value) == ["python manage.py collectstatic"])
    #expect(config.phase("setup")?.setsCommands == false)
    #expect(config.startCommand?.value == "gunicorn -w 4 app:app")
    #expect(config.startCommand.map { pos($0.span) } == "16:7-16:30")
    #expect(config.issues.isEmpty)
  }

  @Test func nixpacksSingleCommandAndMalformedFile() throws {
    let config = try NixpacksConfig.parse(toml("[phases.install]\ncmd = \"pip install .\"\n[unknown]\n"))
    #expect(config.phase("install")?.commands.map(\.value) == ["pip install ."])
    #expect(config.issues.map(\.message) == ["unknown key 'unknown' in nixpacks.toml"])
    do {
      _ = try NixpacksConfig.parse(toml("[start]\ncmd = \n"))
      Issue.record("a malformed nixpacks.toml must not parse")
    } catch let error as ParseError {
      #expect(error.span.path == "nixpacks.toml")
      #expect(error.span.line == 2)
    }
  }

  @Test func dokkuScaleCounts() {
    let entries = DokkuScale.read(
      SourceFile(path: "DOKKU_SCALE", text: "# counts\nweb=1\n worker = 2\nbad line\n"))
    #expect(entries.map { "\($0.process.value)=\($0.command.value)" } == ["web=1"])
    #expect(entries.map { pos($0.command.span) } == ["2:5-2:6"])
  }
}
