import DeploylintCore
import Testing

@testable import DeploylintParsers

@Suite struct RenderBlueprintTests {
  static let text = """
    envVarGroups:
      - name: shared
        envVars:
          - key: NODE_OPTIONS
            value: --max-old-space-size=1536
          - key: LOG_LEVEL
            value: info
    services:
      - type: web
        name: api
        env: docker
        plan: free
        dockerfilePath: ./Dockerfile
        numInstances: 2
        bogus: 1
        envVars:
          - fromGroup: shared
          - key: LOG_LEVEL
            value: debug
          - key: SECRET
            sync: false
          - key: DB_URL
            fromDatabase:
              name: db
              property: connectionString
    projects:
      - name: tts
        environments:
          - name: production
            services:
              - type: worker
                name: synth
                runtime: python
                plan: starter
                image:
                  url: ghcr.io/acme/tts:latest
                scaling:
                  minInstances: 1
                  maxInstances: 3
    databases:
      - name: db
        plan: basic-256mb
    """

  @Test func servicesAtTopLevelAndInProjects() throws {
    let blueprint = try RenderBlueprint.parse(yaml(Self.text, path: "render.yaml"))
    #expect(blueprint.services.map { $0.name?.value } == ["api", "synth"])
    let api = blueprint.services[0]
    #expect(api.effectiveRuntime?.value == "docker")
    #expect(api.plan.map { pos($0.span) } == "12:11-12:15")
    #expect(api.numInstances?.value == 2)
    #expect(api.dockerfilePath?.value == "./Dockerfile")
    let synth = blueprint.services[1]
    #expect(synth.project == "tts")
    #expect(synth.environment == "production")
    #expect(synth.effectiveRuntime?.value == "python")
    #expect(synth.imageURL?.value == "ghcr.io/acme/tts:latest")
    #expect(synth.scaling?.maxInstances?.value == 3)
    #expect(blueprint.databases.first?.plan?.value == "basic-256mb")
  }

  @Test func unknownKeysAreWarnings() throws {
    let blueprint = try RenderBlueprint.parse(yaml(Self.text, path: "render.yaml"))
    #expect(blueprint.issues.count == 1)
    #expect(blueprint.issues.first?.message == "unknown key 'bogus' in a Render service")
    #expect(blueprint.issues.first.map { pos($0.span) } == "15:5-15:10")
  }

  @Test func environmentExpandsGroupsAndServiceKeysWin() throws {
    let blueprint = try RenderBlueprint.parse(yaml(Self.text, path: "render.yaml"))
    let env = blueprint.environment(of: blueprint.services[0])
    #expect(env.map(\.key) == ["NODE_OPTIONS", "LOG_LEVEL", "SECRET", "DB_URL"])
    #expect(env[0].value == "--max-old-space-size=1536")
    #expect(env[0].group == "shared")
    #expect(env[0].span.line == 4)
    #expect(env[1].value == "debug")
    #expect(env[2].value == nil)
    #expect(blueprint.services[0].envVars[2].kind == .unsynced)
    #expect(blueprint.services[0].envVars[3].kind == .fromDatabase("db"))
  }

  @Test func wrongShapeThrowsAndIllTypedFieldsWarn() throws {
    #expect(throws: ParseError.self) { try RenderBlueprint.parse(yaml("- a\n- b\n")) }
    let b = try RenderBlueprint.parse(yaml("services:\n  - name: [x]\n    numInstances: many\n"))
    #expect(b.services.count == 1)
    #expect(b.services[0].name == nil)
    #expect(
      b.issues.map(\.message) == [
        "expected name to be a string", "expected numInstances to be a whole number",
      ])
  }
}
