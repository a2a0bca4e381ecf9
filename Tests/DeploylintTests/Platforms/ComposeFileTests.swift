import DeploylintCore
import Testing

@testable import DeploylintParsers

@Suite struct ComposeFileTests {
  @Test func anchorsMergeKeysAndExtensions() throws {
    let doc = try yaml(
      """
      x-limits: &limits
        mem_limit: 512m
        deploy:
          resources:
            limits: {memory: 1g, cpus: "0.5"}
            reservations:
              memory: 256m
      services:
        db:
          <<: *limits
          image: postgres:16
          command: postgres -c shared_buffers=256MB
          environment:
            - POSTGRES_PASSWORD=secret
            - "PGDATA=/data"
            - FROM_SHELL
        app:
          <<: *limits
          mem_limit: 2g
          build:
            context: .
            dockerfile: Dockerfile.prod
            args: {RUST_JOBS: "2"}
          replicas: 3
          scale: 2
          environment:
            NODE_ENV: production
            EMPTY:
          command: ["node", "--max-old-space-size=1536", "server.js"]
          env_file: .env
          profiles: [prod]
          shm_size: 1gb
      """, path: "compose.yaml")
    let compose = try ComposeFile.parse(doc)
    #expect(compose.services.map(\.name.value) == ["db", "app"])
    let db = compose.services[0]
    #expect(db.memLimit?.value == "512m")
    #expect(db.memLimit.map { pos($0.span) } == "2:14-2:18")
    #expect(db.deployMemoryLimit?.value == "1g")
    #expect(db.deployCPULimit?.value == "0.5")
    #expect(db.deployMemoryReservation?.value == "256m")
    #expect(db.command?.joined == "postgres -c shared_buffers=256MB")
    #expect(db.environment.map(\.key.value) == ["POSTGRES_PASSWORD", "PGDATA", "FROM_SHELL"])
    #expect(db.environment.map { $0.value?.value } == ["secret", "/data", nil])
    #expect(pos(db.environment[0].key.span) == "14:9-14:26")
    #expect(db.environment[0].value.map { pos($0.span) } == "14:27-14:33")
    #expect(pos(db.environment[1].key.span) == "15:10-15:16")
    #expect(db.environment[1].value.map { pos($0.span) } == "15:17-15:22")

    let app = compose.services[1]
    #expect(app.memLimit?.value == "2g")
    #expect(app.deployMemoryLimit?.value == "1g")
    #expect(app.build?.context?.value == ".")
    #expect(app.build?.dockerfile?.value == "Dockerfile.prod")
    #expect(app.build?.args.first?.value?.value == "2")
    #expect(app.misplacedReplicas.map { pos($0.span) } == "24:15-24:16")
    #expect(app.scale?.value == "2")
    #expect(app.environment.map(\.key.value) == ["NODE_ENV", "EMPTY"])
    #expect(app.environment[1].value == nil)
    guard case .list(let parts, _) = app.command else {
      Issue.record("command should be a list")
      return
    }
    #expect(parts.map(\.value) == ["node", "--max-old-space-size=1536", "server.js"])
    #expect(app.envFiles.map(\.value) == [".env"])
    #expect(app.profiles.map(\.value) == ["prod"])
    #expect(app.shmSize?.value == "1gb")
  }

  @Test func buildAsStringAndDeployReplicas() throws {
    let compose = try ComposeFile.parse(
      yaml("services:\n  w:\n    build: ./worker\n    deploy:\n      replicas: 4\n"))
    #expect(compose.services[0].build?.context?.value == "./worker")
    #expect(compose.services[0].deployReplicas?.value == "4")
  }

  @Test func interpolation() {
    let env = ["MEM": "1g", "EMPTY": ""]
    #expect(ComposeFile.interpolate("${MEM}", env: env) == "1g")
    #expect(ComposeFile.interpolate("$MEM-x", env: env) == "1g-x")
    #expect(ComposeFile.interpolate("${MISSING:-512m}", env: env) == "512m")
    #expect(ComposeFile.interpolate("${EMPTY:-512m}", env: env) == "512m")
    #expect(ComposeFile.interpolate("${EMPTY-512m}", env: env) == "")
    #expect(ComposeFile.interpolate("${MISSING-512m}", env: env) == "512m")
    #expect(ComposeFile.interpolate("${MISSING:-${MEM}}", env: env) == "1g")
    #expect(ComposeFile.interpolate("$$HOME costs $$5", env: env) == "$HOME costs $5")
    #expect(ComposeFile.interpolate("${MEM:+set}", env: env) == "set")
    #expect(ComposeFile.interpolate("${UNCLOSED", env: env) == "${UNCLOSED")
  }

  @Test func dotEnv() {
    let file = SourceFile(
      path: ".env",
      text: """
        # comment
        MEM=512m # trailing
        export NODE_OPTIONS="--max-old-space-size=1536"
        SINGLE='a $b'
        MULTI="line1\\nline2"
        bad line
        EMPTY=
        """)
    let entries = DotEnvParser.read(file)
    #expect(entries.map(\.key.value) == ["MEM", "NODE_OPTIONS", "SINGLE", "MULTI", "EMPTY"])
    #expect(entries.map(\.value.value) == ["512m", "--max-old-space-size=1536", "a $b", "line1\nline2", ""])
    #expect(pos(entries[0].value.span) == "2:5-2:9")
    #expect(pos(entries[1].key.span) == "3:8-3:20")
    #expect(pos(entries[1].value.span) == "3:21-3:48")
    #expect(DotEnvParser.variables(file)["MEM"] == "512m")
  }
}
