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
