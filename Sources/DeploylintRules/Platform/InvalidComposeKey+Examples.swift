import DeploylintCore

extension InvalidComposeKey {
  /// The examples of `InvalidComposeKey.description`: they run as tests and are shown on its page.
  static let examples: [RuleExample] = [
    .triggering(
      "seed 004 tier 4: replicas at the service level",
      [
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            api:
              image: memolist/api
              mem_limit: 4096m
              ↓replicas: 2

          """)
      ]),
    .triggering(
      "two different limits, and a reservation above the limit",
      [
        ExampleFile(
          "compose.yaml",
          """
          services:
            api:
              image: memolist/api
              mem_limit: 512m
              deploy:
                resources:
                  limits:
                    memory: ↓1G
            worker:
              image: memolist/worker
              mem_limit: 256m
              mem_reservation: ↓512m

          """)
      ]),
    .triggering(
      "container_name on a service Compose is asked to run twice",
      [
        ExampleFile(
          "compose.yaml",
          """
          services:
            web:
              image: shop/web
              container_name: web
              mem_limit: 512m
              deploy:
                replicas: ↓2

          """)
      ]),
    .triggering(
      "a negative size, a size that is not a number, and a count whose default is not one",
      [
        ExampleFile(
          "compose.yaml",
          """
          services:
            api:
              image: shop/api
              mem_limit: ↓-1g
            worker:
              image: shop/worker
              mem_limit: ↓${WORKER_MEMORY:-lots}
              deploy:
                replicas: ↓${WORKERS:-many}

          """)
      ]),
    .nonTriggering(
      "container_name on a single container; replicas and sizes from .env",
      [
        ExampleFile(".env", "WORKERS=3\nWORKER_MEMORY=256m\n"),
        ExampleFile(
          "compose.yaml",
          """
          services:
            db:
              image: postgres:16
              container_name: db
              mem_limit: 1g
            worker:
              image: shop/worker
              mem_limit: ${WORKER_MEMORY}
              deploy:
                replicas: ${WORKERS:-1}

          """),
      ]),
    .nonTriggering(
      "replicas under deploy, one consistent limit",
      [
        ExampleFile(
          "compose.yaml",
          """
          services:
            api:
              image: memolist/api
              mem_limit: 1g
              mem_reservation: 512m
              deploy:
                replicas: 2
                resources:
                  limits:
                    memory: 1024M

          """)
      ]),
  ]
}
