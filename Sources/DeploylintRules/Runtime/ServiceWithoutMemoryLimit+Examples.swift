import DeploylintCore

extension ServiceWithoutMemoryLimit {
  /// The examples of `ServiceWithoutMemoryLimit.description`: they run as tests and are shown on its page.
  static let examples: [RuleExample] = [
    .triggering(
      "seed 004: MinIO without a limit beside limited services on the Pi",
      [
        ExampleFile(".deploylint.yml", "host:\n  name: pi4\n  memory: 4g\n"),
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            postgres:
              image: postgres:15
              mem_limit: 1200m
              command: postgres -c shared_buffers=256MB -c max_connections=40
            ↓minio:
              image: minio/minio
              command: server /data

          """),
      ]),
    .triggering(
      "an Elasticsearch without a limit: the proposed limit covers its heap ÷ 50 %, never the heap alone",
      [
        ExampleFile(".deploylint.yml", "host:\n  memory: 4g\n"),
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            ↓search:
              image: elasticsearch:8.15.0
              environment:
                ES_JAVA_OPTS: -Xms512m -Xmx512m
            db:
              image: postgres:16
              mem_limit: 1g

          """),
      ]),
    .triggering(
      "a one-shot migration without a limit: a note, while the long-running worker gets a warning",
      [
        ExampleFile(".deploylint.yml", "host:\n  memory: 2g\n"),
        ExampleFile(
          "compose.yaml",
          """
          services:
            api:
              image: shop/api
              mem_limit: 512m
              depends_on:
                migrate:
                  condition: service_completed_successfully
            ↓migrate:
              image: shop/api
              command: python manage.py migrate
            ↓worker:
              image: shop/worker

          """),
      ]),
    .nonTriggering(
      "a limit that is written but unreadable is invalid-compose-key's finding, not a missing limit",
      [
        ExampleFile(".deploylint.yml", "host:\n  name: vps\n  memory: 2g\n"),
        ExampleFile(".env", "API_MEMORY=lots\n"),
        ExampleFile("compose.yaml", "services:\n  api:\n    image: shop/api\n    mem_limit: ${API_MEMORY}\n"),
      ]),
    .nonTriggering(
      "every default service is limited; the profiled one is not started by default",
      [
        ExampleFile(".deploylint.yml", "host:\n  memory: 4g\n"),
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            minio:
              image: minio/minio
              deploy:
                resources:
                  limits:
                    memory: 512M
            adminer:
              image: adminer
              profiles: [debug]

          """),
      ]),
    .nonTriggering(
      "no host declared",
      [
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            minio:
              image: minio/minio

          """)
      ]),
  ]
}
