import DeploylintCore

extension PostgresMemoryExceedsLimit {
  /// The examples of `PostgresMemoryExceedsLimit.description`: they run as tests and are shown on its page.
  static let examples: [RuleExample] = [
    .triggering(
      "seed 004 tier 1: the defaults need more than a 256m container",
      [
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            postgres:
              image: postgres:15
              mem_limit: ↓256m

          """)
      ]),
    .triggering(
      "work_mem of 64MB for 100 connections in 1200m",
      [
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            postgres:
              image: postgres:15
              mem_limit: 1200m
              command: postgres -c shared_buffers=256MB -c ↓work_mem=64MB

          """)
      ]),
    .triggering(
      "shared_buffers above 40 % of the limit (a warning)",
      [
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            db:
              image: postgres:16-alpine
              mem_limit: 1g
              command: ["postgres", "-c", "↓shared_buffers=512MB", "-c", "max_connections=20"]

          """)
      ]),
    .triggering(
      "shared_buffers passed through a `bash -c` script",
      [
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            db:
              image: postgres:16
              mem_limit: 1g
              command: ["bash", "-c", "exec postgres -c ↓shared_buffers=512MB -c max_connections=20"]

          """)
      ]),
    .nonTriggering(
      "settings sized for the limit",
      [
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            postgres:
              image: postgres:15
              mem_limit: 256m
              command: postgres -c shared_buffers=64MB -c work_mem=2MB -c max_connections=20 -c maintenance_work_mem=16MB

          """)
      ]),
  ]
}
