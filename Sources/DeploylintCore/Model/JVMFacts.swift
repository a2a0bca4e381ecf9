/// A JVM a service runs, and the memory settings it starts with, each where it
/// is written (`-Xmx3G` inside `ES_JAVA_OPTS` of a compose file, `MAX_HEAP_SIZE`
/// for Cassandra, `-Xmx512m` on a `java` command line). Assembly fills it from
/// every place a JVM reads options; the JVM estimator and the rules only read it.
public struct JVMFacts: Sendable, Hashable {
  /// What the JVM runs, when deploylint recognises the product: its documented
  /// defaults and headroom guidance apply.
  public var product: JVMProduct
  /// The image's tag when it names a version (`7.10.2`, `8.15.0`): some
  /// products changed their default heap between versions.
  public var productVersion: String?
  /// `-Xmx`, `-XX:MaxHeapSize`, Cassandra's `MAX_HEAP_SIZE`, `KAFKA_HEAP_OPTS`'s `-Xmx`.
  public var maxHeap: JVMSetting<Int64>?
  /// `-Xms`, `-XX:InitialHeapSize`.
  public var initialHeap: JVMSetting<Int64>?
  /// `-XX:MaxRAMPercentage` (the heap as a share of the container's memory).
  public var maxRAMPercentage: JVMSetting<Double>?
  /// `-XX:InitialRAMPercentage`.
  public var initialRAMPercentage: JVMSetting<Double>?
  /// `-XX:MaxMetaspaceSize`.
  public var maxMetaspace: JVMSetting<Int64>?
  /// `-XX:ReservedCodeCacheSize`.
  public var codeCache: JVMSetting<Int64>?
  /// `-XX:MaxDirectMemorySize`.
  public var maxDirectMemory: JVMSetting<Int64>?
  /// `-Xss`, `-XX:ThreadStackSize` (the latter counts KiB).
  public var threadStack: JVMSetting<Int64>?
  /// Why the JVM sizes its default heap from the host's RAM even inside a
  /// limited container, when it does: `-XX:-UseContainerSupport`, or a Java 8
  /// image from before 8u191 (container support came with JDK 10 and 8u191).
  public var withoutContainerSupport: Located<String>?
  /// Where options are read from, in the order the JVM applies them
  /// ("ES_JAVA_OPTS (compose environment)").
  public var sources: [String] = []

  public init(product: JVMProduct, productVersion: String? = nil) {
    self.product = product
    self.productVersion = productVersion
  }

  /// True when no memory setting is given: the JVM (or the product) sizes itself.
  public var setsNoMemory: Bool {
    maxHeap == nil && initialHeap == nil && maxRAMPercentage == nil && maxMetaspace == nil
      && codeCache == nil && maxDirectMemory == nil && threadStack == nil
  }

  /// The first setting a finding about the heap should point at.
  public var heapSettingSpan: Span? {
    maxHeap?.span ?? maxRAMPercentage?.span ?? initialHeap?.span
  }
}

/// One JVM memory option as written, and which variable or command line sets it.
@dynamicMemberLookup
public struct JVMSetting<Value: Sendable & Hashable>: Sendable, Hashable {
  /// The value, located at the token that sets it (`-Xmx3G`), with that token as text.
  public var located: Located<Value>
  /// "ES_JAVA_OPTS (compose environment)", "java command line (Dockerfile CMD)".
  public var via: String

  public init(_ located: Located<Value>, via: String) {
    self.located = located
    self.via = via
  }

  public subscript<T>(dynamicMember path: KeyPath<Located<Value>, T>) -> T { located[keyPath: path] }

  /// "`-Xmx3G` (ES_JAVA_OPTS, compose environment)" for messages.
  public var described: String { "`\(located.text)` (\(via))" }
}

/// JVM products whose memory behaviour deploylint knows: their own heap
/// defaults and the share of the memory their documentation lets the heap take.
public enum JVMProduct: String, Sendable, Hashable, CaseIterable {
  case elasticsearch, opensearch, logstash, cassandra, kafka
  /// Any other JVM: the JVM's own defaults apply.
  case jvm

  public var displayName: String {
    switch self {
    case .elasticsearch: "Elasticsearch"
    case .opensearch: "OpenSearch"
    case .logstash: "Logstash"
    case .cassandra: "Cassandra"
    case .kafka: "Kafka"
    case .jvm: "the JVM"
    }
  }

  /// The product an image runs, from its repository (registry and tag ignored).
  public static func of(image reference: String) -> JVMProduct? {
    let repository = ImageReference.repository(reference)
    let name = repository.split(separator: "/").last.map(String.init) ?? repository
    switch name {
    case "elasticsearch", "elasticsearch-oss": return .elasticsearch
    case "opensearch": return .opensearch
    case "logstash", "logstash-oss": return .logstash
    case "cassandra": return .cassandra
    case "kafka", "cp-kafka", "cp-server": return .kafka
    default: return nil
    }
  }

  /// The product a product-specific variable belongs to (`ES_JAVA_OPTS` → Elasticsearch).
  public static func of(variable: String) -> JVMProduct? {
    switch variable {
    case "ES_JAVA_OPTS": .elasticsearch
    case "OPENSEARCH_JAVA_OPTS": .opensearch
    case "LS_JAVA_OPTS": .logstash
    case "KAFKA_HEAP_OPTS": .kafka
    default: nil
    }
  }
}
