import DeploylintCore

extension JVMHeapExceedsMemory {
  static let rationale = """
    A JVM's resident memory is its heap **plus** metaspace, the JIT's code cache, direct (NIO) \
    buffers, one stack per thread and the garbage collector's own structures. `-Xmx` caps only \
    the heap: a heap as large as the container means the kernel kills the JVM before the collector \
    ever has to reclaim anything (an error). deploylint reads the heap from every place a JVM or \
    its product reads options — `JAVA_TOOL_OPTIONS`, `JDK_JAVA_OPTIONS`, `JAVA_OPTS`, the product's \
    variables (`ES_JAVA_OPTS`, `OPENSEARCH_JAVA_OPTS`, `LS_JAVA_OPTS`, Cassandra's `MAX_HEAP_SIZE`, \
    `KAFKA_HEAP_OPTS`), the `java` command line, `_JAVA_OPTIONS` — in Dockerfile `ENV`/`CMD`, \
    compose `environment`/`command` and platform variables; `-Xmx`, `-Xms`, \
    `-XX:MaxRAMPercentage`, `-XX:MaxMetaspaceSize`, `-XX:ReservedCodeCacheSize`, \
    `-XX:MaxDirectMemorySize` and `-Xss` count.

    Products document how much of the memory their heap may take, because they need the rest: \
    Elasticsearch and OpenSearch at most 50 % ("Elasticsearch requires memory for purposes other \
    than the JVM heap … off-heap buffers … the operating system's filesystem cache"), Cassandra's \
    own `cassandra-env.sh` never gives the heap more than half the RAM (memtables, caches and the \
    page cache live off-heap), Logstash 50–75 %. Above that share the finding is a warning. For \
    other JVMs the estimate follows the Cloud Foundry / Paketo memory calculator: heap + \
    metaspace (set, else 5,800 B × an assumed 10,000 classes + 14 MB) + code cache (set, else \
    the JVM's 240 MB) + direct memory (set, else 10 MB) + 250 thread stacks × `-Xss` (1 MB) + \
    10 % of the heap for the collector's structures; a warning when that exceeds the memory, or \
    when the heap is above 75 % of it (the most vendors recommend for `MaxRAMPercentage`).

    With no heap option the JVM sizes its heap from the container (25 % of the limit since \
    JDK 10, `UseContainerSupport`), and Elasticsearch ≥ 7.11 sizes its own: correct and silent. \
    Products that ship a fixed default are judged with it: Logstash and OpenSearch `-Xmx1g`, \
    Kafka's start script `-Xmx1G`, Elasticsearch before 7.11 `-Xmx1g`, and Cassandra's default \
    computed from the **host's** RAM (`free`), not the container's. On a declared compose host, \
    the JVMs started without a container limit are also added up with the host's reserve: a \
    1.5 GB host running Elasticsearch (512m heap), Logstash (256m) and Kibana does not fit. An \
    assumed budget gives a warning at most.
    """

  static let references = [
    Reference("The java command (MaxRAMPercentage, -Xss, ReservedCodeCacheSize)", JVMEstimator.sources[0]),
    Reference("JDK-8146115: container support (JDK 10)", "https://bugs.openjdk.org/browse/JDK-8146115"),
    Reference("Cloud Foundry Java memory calculator", JVMEstimator.sources[1]),
    Reference(
      "Elasticsearch: set the JVM heap size (at most 50 % of memory)",
      JVMEstimator.guidanceSources(.elasticsearch)[0]),
    Reference(
      "Cassandra's cassandra-env.sh: default heap max(min(½ RAM, 1 GB), min(¼ RAM, 8 GB))",
      JVMEstimator.guidanceSources(.cassandra)[0]),
    Reference("Logstash JVM settings (50–75 % of memory)", JVMEstimator.guidanceSources(.logstash)[0]),
    Reference(
      "Alibaba Cloud SAE: MaxRAMPercentage at most 75 in containers", JVMEstimator.heapShareSources[0]),
    Reference("cloudfoundry/java-buildpack#583: GC memory grows with the heap", JVMEstimator.sources[2]),
  ]

  static let examples: [RuleExample] = [
    .triggering(
      "Elasticsearch with a 3G heap in a 4G container (75 %, above Elastic's 50 %)",
      [
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            search:
              image: docker.elastic.co/elasticsearch/elasticsearch:8.15.0
              environment:
                - discovery.type=single-node
                - ES_JAVA_OPTS=-Xms3G ↓-Xmx3G
              deploy:
                resources:
                  limits:
                    memory: 4G

          """)
      ]),
    .triggering(
      "Cassandra's MAX_HEAP_SIZE at 75 % of its limit",
      [
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            cassandra:
              image: cassandra:4.1
              environment:
                ↓MAX_HEAP_SIZE: 3G
                HEAP_NEWSIZE: 512M
              mem_limit: 4g

          """)
      ]),
    .triggering(
      "a JVM whose heap, metaspace and code cache fill its 4G limit",
      [
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            app:
              image: example/case-manager:5.4
              environment:
                JAVA_OPTS: -Xms3000M ↓-Xmx3000M -XX:MaxMetaspaceSize=400m -XX:ReservedCodeCacheSize=400m
              mem_limit: 4g

          """)
      ]),
    .triggering(
      "a java command line whose heap is the whole Render plan (an error)",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: web
              name: api
              runtime: docker
              plan: starter

          """),
        ExampleFile(
          "Dockerfile",
          """
          FROM eclipse-temurin:21-jre
          COPY app.jar /app.jar
          CMD ["java", "↓-Xmx512m", "-jar", "/app.jar"]

          """),
      ]),
    .triggering(
      "Logstash's default 1g heap in a 1g container (an error)",
      [
        ExampleFile(
          "compose.yaml",
          """
          services:
            logstash:
              image: ↓docker.elastic.co/logstash/logstash:8.15.0
              mem_limit: 1g

          """)
      ]),
    .triggering(
      "an ELK stack without limits on a declared 1.5 GB host",
      [
        ExampleFile(".deploylint.yml", "host:\n  name: small-vps\n  memory: 1536m\n"),
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            elasticsearch:
              image: docker.elastic.co/elasticsearch/elasticsearch:8.15.0
              environment:
                ES_JAVA_OPTS: -Xms512m ↓-Xmx512m
            logstash:
              image: docker.elastic.co/logstash/logstash:8.15.0
              environment:
                LS_JAVA_OPTS: -Xms256m -Xmx256m
            kibana:
              image: docker.elastic.co/kibana/kibana:8.15.0

          """),
      ]),
    .nonTriggering(
      "Elasticsearch with a 512m heap on Render standard (2 GB): 25 %",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: pserv
              name: elasticsearch
              env: docker
              plan: standard
              envVars:
                - key: ES_JAVA_OPTS
                  value: "-Xms512m -Xmx512m"

          """),
        ExampleFile("Dockerfile", "FROM docker.elastic.co/elasticsearch/elasticsearch:7.17.0\n"),
      ]),
    .nonTriggering(
      "no heap option: the JVM and Elasticsearch size themselves from the container",
      [
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            search:
              image: elasticsearch:8.15.0
              mem_limit: 1g
            app:
              image: eclipse-temurin:21-jre
              command: java -jar /app.jar
              mem_limit: 512m

          """)
      ]),
    .nonTriggering(
      "a JVM sized from its container at 60 %",
      [
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            app:
              image: eclipse-temurin:21-jre
              environment:
                JAVA_TOOL_OPTIONS: -XX:MaxRAMPercentage=60
              command: java -jar /app.jar
              mem_limit: 4g

          """)
      ]),
  ]
}
