import DeploylintCore

extension IneffectiveEnvironmentVariable {
  /// The examples of `IneffectiveEnvironmentVariable.description`: they run as tests and are shown on its page.
  static let examples: [RuleExample] = [
    .triggering(
      "seed 004: Postgres \"tuned\" through the environment",
      [
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            postgres:
              image: postgres:15-alpine
              mem_limit: 1200m
              environment:
                POSTGRES_PASSWORD: secret
                ↓POSTGRES_SHARED_BUFFERS: 512MB
                POSTGRES_WORK_MEM: 64MB

          """)
      ]),
    .triggering(
      "list form, on an image pinned by digest through a registry",
      [
        ExampleFile(
          "compose.yaml",
          """
          services:
            db:
              image: docker.io/library/postgres:16@sha256:0123
              environment:
                - ↓POSTGRES_MAX_CONNECTIONS=300

          """)
      ]),
    .nonTriggering(
      "settings on the command line, only the variables the entrypoint reads",
      [
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            postgres:
              image: postgres:15
              command: postgres -c shared_buffers=256MB
              environment:
                POSTGRES_PASSWORD_FILE: /run/secrets/pg
                POSTGRES_DB: memolist
                PGDATA: /var/lib/postgresql/data/pgdata

          """)
      ]),
    .nonTriggering(
      "a custom command that reads the variable itself",
      [
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            postgres:
              image: postgres:15
              command: sh -c 'exec postgres -c shared_buffers=$$POSTGRES_SHARED_BUFFERS'
              environment:
                POSTGRES_SHARED_BUFFERS: 256MB

          """)
      ]),
  ]
}
