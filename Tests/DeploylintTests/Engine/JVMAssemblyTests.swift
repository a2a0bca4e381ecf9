import DeploylintEngine
import Testing

@testable import DeploylintCore

/// JVM options read from every place a JVM or its product reads them, each
/// located at its token, and the estimates built from them.
@Suite struct JVMAssemblyTests {
  static func service(_ files: [(String, String)], _ name: String, hostMemory: Int64? = nil) -> Service? {
    ComposeAssemblyTests.service(ComposeAssemblyTests.assemble(files, hostMemory: hostMemory), name)
  }

  @Test func productVariablesAndJavaOptsInComposeAreLocated() throws {
    let compose = """
      services:
        search:
          image: "elasticsearch:${ES_VERSION}"
          environment:
            - ES_JAVA_OPTS=-Xms3G -Xmx3G
          deploy:
            resources:
              limits:
                memory: 4G
        hive:
          image: strangebee/thehive:5.4
          environment:
            - |
              JAVA_OPTS=
                -Xms3000M
                -Xmx3000M
                -XX:MaxMetaspaceSize=400m
                -XX:ReservedCodeCacheSize=400m
          mem_limit: 4g
        cassandra:
          image: cassandra:4.1
          environment:
            MAX_HEAP_SIZE: 3G

      """
    let search = try #require(Self.service([("docker-compose.yml", compose)], "search")?.jvm)
    #expect(search.product == .elasticsearch)
    #expect(search.productVersion == nil, "an unset tag variable is no version")
    #expect(search.maxHeap?.value == 3 * Bytes.GiB)
    #expect(search.maxHeap?.span.line == 5)
    #expect(search.maxHeap?.span.column == 29)
    #expect(search.initialHeap?.span.column == 22)
    #expect(search.maxHeap?.via == "ES_JAVA_OPTS (compose environment)")

    let hive = try #require(Self.service([("docker-compose.yml", compose)], "hive")?.jvm)
    #expect(hive.product == .jvm)
    #expect(hive.maxHeap?.value == 3000 * Bytes.MiB)
    #expect(hive.maxHeap?.span.line == 16, "located on its own line of the block value")
    #expect(hive.maxMetaspace?.value == 400 * Bytes.MiB)
    #expect(hive.codeCache?.span.line == 18)

    let cassandra = try #require(Self.service([("docker-compose.yml", compose)], "cassandra")?.jvm)
    #expect(cassandra.product == .cassandra)
    #expect(cassandra.maxHeap?.value == 3 * Bytes.GiB)
    #expect(cassandra.maxHeap?.located.text == "MAX_HEAP_SIZE=3G")
    #expect(cassandra.maxHeap?.span.line == 23)
  }

  @Test func everyVariableThatCarriesJVMOptions() throws {
    let compose = """
      services:
        jdk:
          image: eclipse-temurin:21-jre
          environment:
            JDK_JAVA_OPTIONS: "-XX:InitialRAMPercentage=30 -XX:MaxDirectMemorySize=256m -Xss2m"
        search:
          image: opensearchproject/opensearch:2.15.0
          environment:
            OPENSEARCH_JAVA_OPTS: -Xms1g -Xmx1g
        broker:
          image: confluentinc/cp-kafka:7.6.1
          environment:
            KAFKA_HEAP_OPTS: -Xmx768m -Xms768m
        logs:
          image: docker.elastic.co/logstash/logstash:8.15.0
          environment:
            LS_JAVA_OPTS: -Xmx384m
            ES_JAVA_OPTS: -Xmx4g
        legacy:
          image: eclipse-temurin:17
          environment:
            _JAVA_OPTIONS: -Xmx300m

      """
    let files = [("docker-compose.yml", compose)]
    let jdk = try #require(Self.service(files, "jdk")?.jvm)
    #expect(jdk.initialRAMPercentage?.value == 30)
    #expect(jdk.maxDirectMemory?.value == 256 * Bytes.MiB)
    #expect(jdk.threadStack?.value == 2 * Bytes.MiB)
    #expect(jdk.maxDirectMemory?.via == "JDK_JAVA_OPTIONS (compose environment)")
    // Direct memory and -Xss × the thread estimate enter the estimate.
    let heap = HeapSize(bytes: Bytes.GiB, origin: .setting("-Xmx1g", "x"), span: nil)
    let estimate = JVMEstimator.estimate(jdk, heap: heap)
    #expect(estimate.arithmetic.contains("direct memory 256 MiB"))
    #expect(estimate.arithmetic.contains("250 thread stacks × `-Xss2m` = 500 MiB"))

    let search = try #require(Self.service(files, "search")?.jvm)
    #expect(search.product == .opensearch)
    #expect(search.maxHeap?.value == Bytes.GiB)
    let broker = try #require(Self.service(files, "broker")?.jvm)
    #expect(broker.product == .kafka)
    #expect(broker.maxHeap?.value == 768 * Bytes.MiB)
    #expect(broker.maxHeap?.span.column == 24)
    let logs = try #require(Self.service(files, "logs")?.jvm)
    #expect(logs.product == .logstash)
    #expect(logs.maxHeap?.value == 384 * Bytes.MiB, "Logstash does not read ES_JAVA_OPTS")
    let legacy = try #require(Self.service(files, "legacy")?.jvm)
    #expect(legacy.maxHeap?.value == 300 * Bytes.MiB)
    #expect(legacy.maxHeap?.via == "_JAVA_OPTIONS (compose environment)")
  }

  @Test func laterSourcesWinAndCommandLinesAreRead() throws {
    let dockerfile = """
      FROM eclipse-temurin:21-jre
      ENV JAVA_TOOL_OPTIONS="-Xmx2g -Xss512k"
      CMD ["java", "-Xmx512m", "-XX:MaxRAMPercentage=60", "-jar", "/app.jar", "-Xmx9g"]

      """
    let service = try #require(Self.service([("Dockerfile", dockerfile)], "stack"))
    let jvm = try #require(service.jvm)
    #expect(jvm.maxHeap?.value == 512 * Bytes.MiB, "the command line wins over JAVA_TOOL_OPTIONS")
    #expect(jvm.maxHeap?.span.line == 3)
    #expect(jvm.threadStack?.value == 512 * Bytes.KiB)
    #expect(jvm.maxRAMPercentage?.value == 60)
    #expect(jvm.sources.count == 2, "the application's own -Xmx9g after -jar is not a JVM option")
  }

  @Test func legacyJavaImagesAndDisabledContainerSupport() throws {
    let compose = """
      services:
        old:
          image: openjdk:8u151-jre
          mem_limit: 1g
        new:
          image: openjdk:8u292-jre
          mem_limit: 1g
        off:
          image: eclipse-temurin:17
          environment:
            JAVA_TOOL_OPTIONS: -XX:-UseContainerSupport

      """
    let files = [("docker-compose.yml", compose)]
    #expect(Self.service(files, "old")?.jvm?.withoutContainerSupport != nil)
    #expect(Self.service(files, "new")?.jvm == nil, "a JVM with container support and no option: silent")
    let off = try #require(Self.service(files, "off")?.jvm)
    #expect(off.withoutContainerSupport?.value == "-XX:-UseContainerSupport")
    let heap = JVMEstimator.heap(off, budget: Bytes.GiB, hostMemory: 8 * Bytes.GiB)
    #expect(heap?.bytes == 2 * Bytes.GiB, "a quarter of the host, whatever the limit")
  }

  @Test func heapResolution() {
    var jvm = JVMFacts(product: .jvm)
    #expect(JVMEstimator.heap(jvm, budget: Bytes.GiB) == nil, "no option: the JVM sizes itself, silent")
    jvm.maxRAMPercentage = JVMSetting(Located(80.0, span: .file("f")), via: "x")
    #expect(JVMEstimator.heap(jvm, budget: Bytes.GiB)?.bytes == Bytes.GiB * 8 / 10)
    jvm.maxHeap = JVMSetting(Located(512 * Bytes.MiB, span: .file("f")), via: "x")
    jvm.initialHeap = JVMSetting(Located(768 * Bytes.MiB, span: .file("f")), via: "x")
    #expect(JVMEstimator.heap(jvm, budget: Bytes.GiB)?.bytes == 768 * Bytes.MiB, "-Xms above -Xmx wins")

    #expect(JVMEstimator.heap(JVMFacts(product: .logstash), budget: nil)?.bytes == Bytes.GiB)
    #expect(JVMEstimator.heap(JVMFacts(product: .kafka), budget: nil)?.bytes == Bytes.GiB)
    #expect(
      JVMEstimator.heap(JVMFacts(product: .elasticsearch, productVersion: "8.15.0"), budget: nil) == nil)
    #expect(
      JVMEstimator.heap(JVMFacts(product: .elasticsearch, productVersion: "7.10.2"), budget: nil)?.bytes
        == Bytes.GiB)
    // cassandra-env.sh: max(min(½ RAM, 1 GB), min(¼ RAM, 8 GB)) of the host.
    let cassandra = JVMFacts(product: .cassandra)
    #expect(JVMEstimator.heap(cassandra, budget: nil) == nil, "unknown host: nothing to say")
    #expect(JVMEstimator.heap(cassandra, budget: nil, hostMemory: 2 * Bytes.GiB)?.bytes == Bytes.GiB)
    #expect(JVMEstimator.heap(cassandra, budget: nil, hostMemory: 16 * Bytes.GiB)?.bytes == 4 * Bytes.GiB)
    #expect(JVMEstimator.heap(cassandra, budget: nil, hostMemory: 64 * Bytes.GiB)?.bytes == 8 * Bytes.GiB)
  }

  @Test func estimates() {
    let heap = HeapSize(bytes: 3000 * Bytes.MiB, origin: .setting("-Xmx3000M", "JAVA_OPTS"), span: nil)
    var jvm = JVMFacts(product: .jvm)
    jvm.maxMetaspace = JVMSetting(
      Located(400 * Bytes.MiB, span: .file("f"), text: "-XX:MaxMetaspaceSize=400m"), via: "x")
    jvm.codeCache = JVMSetting(
      Located(400 * Bytes.MiB, span: .file("f"), text: "-XX:ReservedCodeCacheSize=400m"), via: "x")
    let e = JVMEstimator.estimate(jvm, heap: heap)
    // 3000 + 400 + 400 + 10 (direct) + 250 × 1 (stacks) + 300 (10 % of the heap).
    #expect(e.bytes == (3000 + 400 + 400 + 10 + 250 + 300) * Bytes.MiB)
    #expect(e.arithmetic.contains("250 thread stacks × 1 MiB = 250 MiB"))
    #expect(e.arithmetic.hasSuffix("= 4.3 GiB"))
    let es = JVMEstimator.estimate(JVMFacts(product: .elasticsearch), heap: heap)
    #expect(es.bytes == 6000 * Bytes.MiB, "Elasticsearch: the heap at most 50 % of the memory")
    let ls = JVMEstimator.estimate(JVMFacts(product: .logstash), heap: heap)
    #expect(ls.bytes == 4000 * Bytes.MiB, "Logstash: at most 75 %")
  }

  @Test func jvmOptionSizes() {
    #expect(JVMEstimator.versionBefore("7.10.2", major: 7, minor: 11))
    #expect(!JVMEstimator.versionBefore("7.11.0", major: 7, minor: 11))
    #expect(!JVMEstimator.versionBefore("latest", major: 7, minor: 11))
    #expect(RuntimeLimitUnits.goMemoryLimit("900MiB") == 900 * Bytes.MiB)
    #expect(RuntimeLimitUnits.goMemoryLimit("1GiB") == Bytes.GiB)
    #expect(RuntimeLimitUnits.goMemoryLimit("1073741824") == Bytes.GiB)
    #expect(RuntimeLimitUnits.goMemoryLimit("1GB") == nil, "Go accepts IEC suffixes only")
    #expect(RuntimeLimitUnits.goMemoryLimit("off") == nil)
    #expect(RuntimeLimitUnits.dotnetHex("0x20000000") == 512 * Bytes.MiB)
    #expect(RuntimeLimitUnits.dotnetHex("4B") == 75)
    #expect(RuntimeLimitUnits.dotnetHex("zz") == nil)
  }
}
