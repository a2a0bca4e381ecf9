import DeploylintCore

extension ComposeMemoryExceedsHost {
  /// The examples of `ComposeMemoryExceedsHost.description`: they run as tests and are shown on its page.
  static let examples: [RuleExample] = [
    .triggering(
      "seed 004 tier 4 limits on the 4 GB Pi",
      [
        ExampleFile(".deploylint.yml", "host:\n  name: pi4\n  memory: 4g\n"),
        ExampleFile(
          "docker-compose.yml",
          """
          ↓services:
            api:
              image: memolist/api
              mem_limit: 4096m
            postgres:
              image: postgres:15
              mem_limit: 4096m
              command: postgres -c shared_buffers=1GB
            nginx:
              image: nginx:1.27
              mem_limit: 512m

          """),
      ]),
    .triggering(
      "replicas multiply the limit",
      [
        ExampleFile(".deploylint.yml", "host:\n  memory: 2g\n"),
        ExampleFile(
          "compose.yaml",
          """
          ↓services:
            worker:
              image: app/worker
              deploy:
                replicas: 3
                resources:
                  limits:
                    memory: 768M

          """),
      ]),
    .triggering(
      "replicas from a variable's default multiply the limit",
      [
        ExampleFile(".deploylint.yml", "host:\n  memory: 2g\n"),
        ExampleFile(
          "compose.yaml",
          """
          ↓services:
            web:
              image: app/web
              mem_limit: 256m
            worker:
              image: app/worker
              deploy: {replicas: "${WORKER_REPLICAS:-3}"}
              mem_limit: 640m

          """),
      ]),
    .nonTriggering(
      "seed 004 tier 1 limits fit in 4 GB; a profiled service is not counted",
      [
        ExampleFile(".deploylint.yml", "host:\n  name: pi4\n  memory: 4g\n"),
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            api:
              image: memolist/api
              mem_limit: 512m
            postgres:
              image: postgres:15
              mem_limit: 256m
            tools:
              image: memolist/tools
              profiles: [debug]
              mem_limit: 8g

          """),
      ]),
    .nonTriggering(
      "no host memory declared: nothing to compare with",
      [
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            api:
              image: memolist/api
              mem_limit: 64g

          """)
      ]),
  ]
}
