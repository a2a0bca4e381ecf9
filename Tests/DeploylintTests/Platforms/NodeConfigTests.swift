import DeploylintCore
import Testing

@testable import DeploylintParsers

@Suite struct NodeConfigTests {
  static let package = """
    {
      "name": "web",
      "scripts": {
        "prebuild": "node gen.js",
        "build": "npm run build:next && yarn lint",
        "build:next": "NODE_OPTIONS=--max-old-space-size=4096 next build",
        "lint": "eslint .",
        "start": "pnpm serve",
        "serve": "node server.js",
        "loop-a": "npm run loop-b",
        "loop-b": "npm run-script loop-a"
      },
      "engines": {"node": ">=20"},
      "dependencies": {"next": "15.0.0", "react": "19"},
      "devDependencies": {"eslint": "9"}
    }
    """

  @Test func packageJSONFields() throws {
    let p = try PackageJSON.parse(json(Self.package, path: "package.json"))
    #expect(p.name?.value == "web")
    #expect(p.scripts.count == 8)
    #expect(pos(p.scripts[2].name.span) == "6:5-6:17")
    #expect(p.script("build:next").map { pos($0.span) } == "6:19-6:70")
    #expect(p.nodeEngine?.value == ">=20")
    #expect(p.dependencies.map(\.value) == ["next", "react"])
    #expect(p.devDependencies.first.map { pos($0.span) } == "15:23-15:31")
  }

  @Test func scriptChainFollowsPackageManagers() throws {
    let p = try PackageJSON.parse(json(Self.package, path: "package.json"))
    #expect(
      p.resolveScriptChain("npm run build").map(\.value) == [
        "node gen.js", "npm run build:next && yarn lint", "NODE_OPTIONS=--max-old-space-size=4096 next build",
        "eslint .",
      ])
    #expect(p.resolveScriptChain("npm start").map(\.value) == ["pnpm serve", "node server.js"])
    #expect(p.resolveScriptChain("npm run loop-a").count == 2)
    #expect(p.resolveScriptChain("node server.js").isEmpty)
    #expect(p.resolveScriptChain("yarn install && yarn build:next").count == 1)
  }

  @Test func pm2FromJSONAndYAML() throws {
    let eco = try PM2Ecosystem.parse(
      json(
        """
        {"apps": [{"name": "api", "script": "server.js", "instances": "max", "exec_mode": "cluster",
                   "node_args": ["--max-old-space-size=1536"], "max_memory_restart": "900M",
                   "env": {"NODE_ENV": "production", "PORT": 3000}}]}
        """))
    let app = try #require(eco.apps.first)
    #expect(app.instances?.value == "max")
    #expect(app.isCluster)
    #expect(app.nodeArgs?.joined == "--max-old-space-size=1536")
    #expect(app.maxMemoryRestart.map { pos($0.span) } == "2:78-2:84")
    #expect(app.env.map { $0.value?.value } == ["production", "3000"])

    let single = try PM2Ecosystem.parse(
      yaml("name: worker\nscript: worker.js\ninstances: -1\nnode_args: --expose-gc\n"))
    #expect(single.apps.first?.instances?.value == "-1")
    #expect(single.apps.first?.nodeArgs?.joined == "--expose-gc")
  }

  @Test func pm2JavaScriptReadAsText() {
    let file = SourceFile(
      path: "ecosystem.config.js",
      text: """
        const os = require('os');
        // apps: ["commented out"]
        module.exports = {
          apps: [
            {
              name: 'api',
              "script": "server.js",
              instances: os.cpus().length,
              exec_mode: `cluster`,
              node_args: ['--max-old-space-size=1536', "--expose-gc"],
              max_memory_restart: '900M',
              env: { NODE_ENV: "production", PORT: 3000, HOST: `${process.env.HOST}` },
              ...shared,
              watch() { return false },
            },
            { name: "worker", script: 'worker.js', instances: 2 /* two */, interpreter_args: "--inspect" },
          ],
        };
        """)
    let eco = PM2EcosystemJS.read(file)
    #expect(eco.apps.count == 2)
    let api = eco.apps[0]
    #expect(api.name?.value == "api")
    #expect(api.name.map { pos($0.span) } == "6:13-6:18")
    #expect(api.script?.value == "server.js")
    #expect(api.instances == nil)
    #expect(api.execMode?.value == "cluster")
    #expect(api.isCluster)
    guard case .list(let args, _) = api.nodeArgs else {
      Issue.record("node_args should be a list")
      return
    }
    #expect(args.map(\.value) == ["--max-old-space-size=1536", "--expose-gc"])
    #expect(api.maxMemoryRestart?.value == "900M")
    #expect(api.env.map(\.key.value) == ["NODE_ENV", "PORT"])
    #expect(eco.apps[1].instances?.value == "2")
    #expect(eco.apps[1].instances.map { pos($0.span) } == "16:55-16:56")
    #expect(eco.apps[1].interpreterArgs?.joined == "--inspect")
  }

  @Test func pm2JavaScriptWithoutAppsOrHostile() {
    #expect(PM2EcosystemJS.read(SourceFile(path: "e.js", text: "module.exports = {}")).apps.isEmpty)
    let deep = "module.exports = { apps: " + String(repeating: "[", count: 100_000) + " }"
    #expect(PM2EcosystemJS.read(SourceFile(path: "e.js", text: deep)).apps.isEmpty)
    let unterminated = "apps: [{ name: 'x"
    #expect(PM2EcosystemJS.read(SourceFile(path: "e.js", text: unterminated)).apps.count <= 1)
  }
}
