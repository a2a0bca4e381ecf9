import DeploylintCore
import Testing

@testable import DeploylintParsers

@Suite struct PlatformConfigTests {
  @Test func railwayFromJSON() throws {
    let config = try RailwayConfig.parse(
      json(
        """
        {
          "$schema": "https://railway.com/railway.schema.json",
          "build": {"builder": "dockerfile", "dockerfilePath": "Dockerfile.tts"},
          "deploy": {
            "startCommand": "python serve.py",
            "multiRegionConfig": {"us-west2": {"numReplicas": 2}, "europe-west4": {"numReplicas": 1}}
          },
          "extra": 1
        }
        """, path: "railway.json"))
    #expect(config.builder?.value == .dockerfile)
    #expect(config.builder.map { pos($0.span) } == "3:24-3:36")
    #expect(config.dockerfilePath?.value == "Dockerfile.tts")
    #expect(config.startCommand?.value == "python serve.py")
    #expect(config.regionReplicas.map(\.region.value) == ["us-west2", "europe-west4"])
    #expect(config.totalReplicas == 3)
    #expect(config.schema != nil)
    #expect(config.issues.map(\.message) == ["unknown key 'extra' in the Railway config"])
  }

  @Test func railwayUnknownBuilderWarns() throws {
    let config = try RailwayConfig.parse(
      json(#"{"build": {"builder": "magic"}, "deploy": {"numReplicas": 2}}"#))
    #expect(config.builder == nil)
    #expect(config.totalReplicas == 2)
    #expect(config.issues.first?.message == "unknown Railway builder 'magic'")
    #expect(throws: ParseError.self) { try RailwayConfig.parse(json("[1]")) }
  }

  @Test func flyFromEquivalentYAML() throws {
    let fly = try FlyConfig.parse(
      yaml(
        """
        app: tts
        primary_region: cdg
        swap_size_mb: 512
        build:
          dockerfile: Dockerfile
        vm:
          - size: shared-cpu-1x
            memory: 1gb
            processes: [app]
          - memory_mb: 2048
            cpus: 2
            cpu_kind: performance
        processes:
          app: python serve.py
        env:
          OMP_NUM_THREADS: "1"
        """, path: "fly.yaml"))
    #expect(fly.app?.value == "tts")
    #expect(fly.primaryRegion?.value == "cdg")
    #expect(fly.swapSizeMB?.value == 512)
    #expect(fly.dockerfile?.value == "Dockerfile")
    #expect(fly.vms.count == 2)
    #expect(fly.vms[0].memory?.value == "1gb")
    #expect(fly.vms[0].memory.map { pos($0.span) } == "8:13-8:16")
    #expect(fly.vms[0].processes.map(\.value) == ["app"])
    #expect(fly.vms[1].memoryMB?.value == 2048)
    #expect(fly.vms[1].cpuKind?.value == "performance")
    #expect(fly.processes.first?.value?.value == "python serve.py")
    #expect(fly.env.first?.key.value == "OMP_NUM_THREADS")
  }

  @Test func flySingleVMTableWithIntegerMemory() throws {
    let fly = try FlyConfig.parse(json(#"{"vm": {"memory": 1024, "size": "shared-cpu-2x"}}"#))
    #expect(fly.vms.count == 1)
    #expect(fly.vms[0].memory?.value == "1024")
    #expect(fly.vms[0].size?.value == "shared-cpu-2x")
  }

  @Test func herokuAppJSON() throws {
    let app = try HerokuAppJSON.parse(
      json(
        """
        {"stack": "heroku-24",
         "formation": {"web": {"quantity": 2, "size": "standard-1x"}, "worker": {"size": "basic"}},
         "env": {"WEB_CONCURRENCY": {"value": "4"}, "SECRET": {"required": true}, "PLAIN": "x"}}
        """))
    #expect(app.stack?.value == "heroku-24")
    #expect(app.formation.map(\.process.value) == ["web", "worker"])
    #expect(app.formation[0].quantity?.value == 2)
    #expect(app.formation[0].size.map { pos($0.span) } == "2:47-2:60")
    #expect(app.env.map(\.key.value) == ["WEB_CONCURRENCY", "SECRET", "PLAIN"])
    #expect(app.env.map { $0.value?.value } == ["4", nil, "x"])
  }

  @Test func procfile() {
    let entries = ProcfileParser.read(
      SourceFile(
        path: "Procfile",
        text: "# processes\nweb: gunicorn app:app --workers 4  \r\n\nworker:python worker.py\nnot a process\n"
      ))
    #expect(entries.map(\.process.value) == ["web", "worker"])
    #expect(entries[0].command.value == "gunicorn app:app --workers 4")
    #expect(pos(entries[0].process.span) == "2:1-2:4")
    #expect(pos(entries[0].command.span) == "2:6-2:34")
    #expect(entries[1].command.value == "python worker.py")
    #expect(pos(entries[1].command.span) == "4:8-4:24")
  }
}
