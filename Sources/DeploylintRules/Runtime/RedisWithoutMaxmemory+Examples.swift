import DeploylintCore

extension RedisWithoutMaxmemory {
  /// The examples of `RedisWithoutMaxmemory.description`: they run as tests and are shown on its page.
  static let examples: [RuleExample] = [
    .triggering(
      "seed 004: a 512m Redis cache without maxmemory",
      [
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            redis:
              image: ↓redis:7-alpine
              mem_limit: 512m

          """)
      ]),
    .triggering(
      "maxmemory as large as the container",
      [
        ExampleFile(
          "compose.yaml",
          """
          services:
            cache:
              image: valkey/valkey:8
              mem_limit: 256m
              command: ["valkey-server", "--maxmemory", "↓256mb"]

          """)
      ]),
    .triggering(
      "Redis started through `sh -c` without maxmemory",
      [
        ExampleFile(
          "compose.yaml",
          """
          services:
            cache:
              image: redis:7
              mem_limit: 256m
              command: ↓sh -c "redis-server --appendonly yes"

          """)
      ]),
    .nonTriggering(
      "Redis started through `sh -c` with maxmemory at 75 % of the limit",
      [
        ExampleFile(
          "compose.yaml",
          """
          services:
            sessions:
              command: ["/bin/sh", "-ec", "exec redis-server --maxmemory 384mb --maxmemory-policy volatile-lru"]
              image: redis:7-alpine
              deploy:
                resources:
                  limits:
                    memory: 512M

          """)
      ]),
    .nonTriggering(
      "maxmemory at 75 % of the limit",
      [
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            redis:
              image: redis:7-alpine
              mem_limit: 128m
              command: redis-server --maxmemory 96mb --maxmemory-policy allkeys-lru

          """)
      ]),
    .nonTriggering(
      "no container limit (service-without-memory-limit covers it when the host is declared)",
      [
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            redis:
              image: redis:7

          """)
      ]),
  ]
}
