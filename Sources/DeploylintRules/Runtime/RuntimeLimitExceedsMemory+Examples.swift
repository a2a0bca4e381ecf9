import DeploylintCore

extension RuntimeLimitExceedsMemory {
  static let examples: [RuleExample] = [
    .triggering(
      "GOMEMLIMIT above the container's limit",
      [
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            api:
              image: example/go-api:1.4
              environment:
                ↓GOMEMLIMIT: 1GiB
              mem_limit: 512m

          """)
      ]),
    .triggering(
      "a .NET GC heap hard limit of 0x20000000 (512 MiB) on Render's 512 MB starter plan",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: web
              name: api
              runtime: docker
              plan: starter
              envVars:
                - ↓key: DOTNET_GCHeapHardLimit
                  value: "0x20000000"

          """)
      ]),
    .triggering(
      "ClickHouse's max_server_memory_usage as large as its container",
      [
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            events:
              image: clickhouse/clickhouse-server:24.8
              command: ["clickhouse-server", "--", "↓--max_server_memory_usage=2147483648"]
              mem_limit: 2g

          """)
      ]),
    .nonTriggering(
      "GOMEMLIMIT at 90 % of the container; .NET at its default",
      [
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            api:
              image: example/go-api:1.4
              environment:
                GOMEMLIMIT: 460MiB
              mem_limit: 512m
            web:
              image: mcr.microsoft.com/dotnet/aspnet:8.0
              mem_limit: 512m

          """)
      ]),
  ]
}
