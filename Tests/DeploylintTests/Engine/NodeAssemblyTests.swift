import DeploylintCore
import DeploylintEngine
import Testing

/// Node facts assembled from real files: the start command followed through
/// package.json scripts and pm2 ecosystems, heap flags located exactly.
@Suite struct NodeAssemblyTests {
  static func project(_ files: [(String, String)], hostMemory: Int64? = nil) -> Project {
    let inputs = files.compactMap { (path, content) -> InputFile? in
      guard let kind = FileKind.classify(fileName: path.split(separator: "/").last.map(String.init) ?? path)
      else { return nil }
      return InputFile(relativePath: path, displayPath: path, kind: kind, bytes: Array(content.utf8))
    }
    var analyzer = Analyzer(rules: [], toolVersion: "test", hostMemory: hostMemory)
    analyzer.today = ComposeAssemblyTests.beforeRailwayCutoff
    return analyzer.assemble(inputs, rootName: "app").0
  }

  static func where_(_ span: Span) -> String { "\(span.path):\(span.line):\(span.column)-\(span.endColumn)" }

  static let package = """
    {
      "name": "web",
      "scripts": {
        "dev": "NODE_OPTIONS=--max-old-space-size=8192 next dev",
        "start": "npm run serve",
        "serve": "node --max-old-space-size=1536 server.js",
        "build": "npm run build:next",
        "build:next": "NODE_OPTIONS='--max-old-space-size=4096' next build"
      }
    }
    """

  @Test func renderStartCommandFollowsScriptChainAndIgnoresDev() throws {
    let p = Self.project([
      (
        "render.yaml",
        """
        services:
          - type: web
            name: web
            runtime: node
            plan: starter
            buildCommand: npm ci && npm run build
            startCommand: npm start

        """
      ),
      ("package.json", Self.package),
    ])
    let web = try #require(p.services.first { $0.name == "web" })
    #expect(web.node.runtimeHeap.map(\.mebibytes) == [1536])
    let heap = try #require(web.node.runtimeHeap.first)
    #expect(Self.where_(heap.span) == "package.json:6:20-45")
    #expect(heap.source == "package.json script `serve`")
    #expect(web.node.heavyBuilds.map(\.text) == ["next build"])
    #expect(web.node.heavyBuilds.first.map { Self.where_($0.span) } == "package.json:8:61-71")
    #expect(web.node.buildHeap.map(\.mebibytes) == [4096])
    #expect(web.node.buildHeap.first.map { Self.where_($0.span) } == "package.json:8:34-59")
  }

  @Test func nodeOptionsFromRenderEnvVars() throws {
    let p = Self.project([
      (
        "render.yaml",
        """
        services:
          - type: web
            name: api
            runtime: node
            plan: free
            startCommand: node server.js
            envVars:
              - key: NODE_OPTIONS
                value: --max-old-space-size=2048

        """
      )
    ])
    let api = try #require(p.services.first)
    let heap = try #require(api.node.runtimeHeap.first)
    #expect(heap.mebibytes == 2048)
    #expect(Self.where_(heap.span) == "render.yaml:9:16-41")
    #expect(heap.source == "NODE_OPTIONS (render.yaml envVars)")
  }

  @Test func commandLineFlagOverridesEnvironment() throws {
    let p = Self.project([
      (
        "Dockerfile",
        """
        FROM node:20-slim
        ENV NODE_OPTIONS=--max-old-space-size=4096
        CMD ["node", "--max-old-space-size=384", "server.js"]

        """
      )
    ])
    let s = try #require(p.services.first)
    #expect(s.node.runtimeHeap.map(\.mebibytes) == [384])
    #expect(s.node.runtimeHeap.first.map { Self.where_($0.span) } == "Dockerfile:3:15-39")
  }

  @Test func dockerfileBuildStageHeapAndNextBuild() throws {
    let p = Self.project([
      (
        "Dockerfile",
        """
        FROM node:20 AS build
        ENV NODE_OPTIONS=--max-old-space-size=6144
        COPY . .
        RUN npm ci && npm run build
        FROM node:20-slim
        COPY --from=build /app/.next .next
        CMD ["npm", "start"]

        """
      ),
      ("package.json", #"{"scripts": {"build": "next build", "start": "next start"}}"#),
    ])
    let s = try #require(p.services.first)
    #expect(s.node.heavyBuilds.map(\.text) == ["next build"])
    #expect(s.node.buildHeap.map(\.mebibytes) == [6144])
    #expect(s.node.buildHeap.first.map { Self.where_($0.span) } == "Dockerfile:2:18-43")
    #expect(s.node.runtimeHeap.isEmpty)
  }

  @Test func pm2EcosystemJSOnDeclaredHost() throws {
    let p = Self.project([
      (
        "ecosystem.config.js",
        """
        module.exports = {
          apps: [{
            name: 'shop',
            script: 'npm',
            args: 'start',
            instances: 'max',
            exec_mode: 'cluster',
            node_args: '--max-old-space-size=1024',
            max_memory_restart: '900M',
          }],
        };

        """
      ),
      ("package.json", #"{"scripts": {"start": "next start", "build": "next build"}}"#),
      (".deploylint.yml", "host:\n  name: box\n  memory: 2g\n  cpus: 2\n"),
    ])
    let shop = try #require(p.services.first { $0.name == "shop" })
    #expect(shop.platform == .generic)
    #expect(shop.runtimeBudget?.bytes == 2 * Bytes.GiB)
    #expect(shop.runtimeBudget?.source == "host `box`: 2 GiB, 2 CPUs (.deploylint.yml host.memory)")
    let app = try #require(shop.node.pm2Apps.first)
    #expect(app.instances == 2)
    #expect(app.instancesSetting?.value == "max")
    #expect(app.isCluster)
    // `script: 'npm'`: the flag is npm's, not the server's (issue 15 item 6).
    #expect(app.heap == nil)
    #expect(app.wrapper?.value == "npm")
    #expect(app.wrapperHeap?.mebibytes == 1024)
    #expect(app.wrapperHeap.map { Self.where_($0.span) } == "ecosystem.config.js:8:17-42")
    #expect(app.wrapperRuns?.value == "next start")
    #expect(app.maxMemoryRestart?.value == 900 * Bytes.MiB)
    #expect(shop.node.runtimeHeap.isEmpty)
    // Built in place on the host: the package's build script.
    #expect(shop.node.heavyBuilds.map(\.text) == ["next build"])
    #expect(shop.build.location?.budget?.bytes == 2 * Bytes.GiB)
  }

  @Test func pm2JSONMaxWithoutKnownCPUsIsUnresolved() throws {
    let p = Self.project(
      [
        (
          "ecosystem.config.json",
          #"{"apps": [{"name": "api", "script": "server.js", "instances": "max", "exec_mode": "cluster"}]}"#
        )
      ], hostMemory: Bytes.GiB)
    let api = try #require(p.services.first { $0.name == "api" })
    #expect(api.node.pm2Apps.first?.instances == nil)
    #expect(api.runtimeBudget?.source == "host `host`: 1 GiB (--host-memory)")
  }

  @Test func ecosystemStartedByDockerfileIsNotASecondService() throws {
    let p = Self.project([
      (
        "Dockerfile",
        """
        FROM node:20-slim
        RUN npm i -g pm2
        CMD ["pm2-runtime", "ecosystem.config.json"]

        """
      ),
      (
        "ecosystem.config.json",
        #"{"apps": [{"name": "api", "script": "server.js", "instances": 2, "node_args": "--max-old-space-size=700"}]}"#
      ),
    ])
    #expect(p.services.count == 1)
    let s = try #require(p.services.first)
    #expect(s.node.pm2Apps.first?.instances == 2)
    #expect(s.node.runtimeHeap.map(\.mebibytes) == [700])
  }

  @Test func pm2CommandLineInPackageScript() throws {
    let p = Self.project([
      (
        "package.json",
        #"{"name": "svc", "scripts": {"prod": "pm2 start server.js -i 4 --node-args=\"--max-old-space-size=512\" --max-memory-restart 600M"}}"#
      )
    ])
    let s = try #require(p.services.first { $0.name == "svc" })
    let app = try #require(s.node.pm2Apps.first)
    #expect(app.instances == 4)
    #expect(app.isCluster)
    #expect(app.heap?.mebibytes == 512)
    #expect(app.maxMemoryRestart?.value == 600 * Bytes.MiB)
    #expect(s.node.runtimeHeap.count == 1)
  }

  @Test func buildInStartCommandRunsOnTheInstance() throws {
    let p = Self.project([
      (
        "railway.json",
        #"{"deploy": {"startCommand": "npm run build && npm start"}}"#
      ),
      ("package.json", #"{"scripts": {"build": "vite build", "start": "node dist/server.js"}}"#),
    ])
    let s = try #require(p.services.first)
    #expect(s.node.startBuilds.map(\.text) == ["vite build"])
  }

  /// A GitHub workflow named `ecosystem.yml` is not a pm2 file: no service.
  @Test func workflowNamedEcosystemIsNotAPM2App() throws {
    let p = Self.project([
      (
        ".github/workflows/ecosystem.yml",
        "name: ecosystem\non: [pull_request]\njobs:\n  check:\n    runs-on: ubuntu-latest\n"
      ),
      ("pm2.yml", "name: api\nscript: server.js\ninstances: 2\n"),
    ])
    #expect(p.services.map(\.name) == ["api"])
  }
}
