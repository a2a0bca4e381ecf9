/// What a JVM needs beside its heap, and what each product's documentation
/// lets the heap take (DESIGN.md §3: constants and sources beside them).
///
/// A JVM's resident memory is its heap plus metaspace, the JIT's code cache,
/// direct (NIO) buffers, one stack per thread and the collector's own
/// structures. The estimate follows the Cloud Foundry / Paketo memory
/// calculator, which sizes JVMs for containers: each area counts at the size
/// the JVM is told, else at the calculator's default.
public enum JVMEstimator {
  /// `-XX:ReservedCodeCacheSize` default with tiered compilation: 240 MB
  /// (the java command's documentation; the calculator counts it whole).
  public static let defaultCodeCache: Int64 = 240 * Bytes.MiB
  /// Direct memory when `-XX:MaxDirectMemorySize` is unset: 10 MB "in the absence
  /// of any reasonable heuristic" (the memory calculator's default).
  public static let defaultDirectMemory: Int64 = 10 * Bytes.MiB
  /// `-Xss` default on Linux x64: 1024 KB (the java command's documentation).
  public static let defaultThreadStack: Int64 = 1 * Bytes.MiB
  /// Threads the calculator counts stacks for by default (Cloud Foundry's
  /// `stack_threads`, Paketo's `BPL_JVM_THREAD_COUNT`).
  public static let threadCount = 250
  /// Metaspace when `-XX:MaxMetaspaceSize` is unset: the calculator's
  /// 5,800 bytes per loaded class + 14,000,000 bytes, for an assumed 10,000
  /// classes (a framework application; the calculator counts the real ones).
  public static let assumedLoadedClasses: Int64 = 10_000
  public static let metaspacePerClass: Int64 = 5_800
  public static let metaspaceBase: Int64 = 14_000_000
  /// Garbage-collector and other native structures grow with the heap:
  /// counted as 10 % of it (cloudfoundry/java-buildpack#583 reports GC
  /// memory growing with the heap and used 11 %).
  public static let nativeShareOfHeap = 0.10
  /// With no heap flag, the JVM's heap is 25 % of the memory it sees
  /// (`-XX:MaxRAMPercentage` default), container-aware since JDK 10 (JDK-8146115).
  public static let defaultMaxRAMPercentage = 25.0
  /// Vendors settle the heap at most at 75 % of a container: the rest is for
  /// the JVM's own areas (Alibaba Cloud SAE: MaxRAMPercentage at most 75;
  /// OpenJ9's container default is 75 % above 2 GB).
  public static let genericHeapShare = 0.75

  public static let sources = [
    "https://docs.oracle.com/en/java/javase/21/docs/specs/man/java.html",
    "https://github.com/cloudfoundry/java-buildpack-memory-calculator",
    "https://github.com/cloudfoundry/java-buildpack/issues/583",
  ]
  public static let heapShareSources = [
    "https://www.alibabacloud.com/help/en/sae/sae-best-practices-for-jvm-heap-size-configuration-1",
    "https://eclipse.dev/openj9/docs/xxusecontainersupport/",
  ]

  /// The heap the JVM gets in `budget` bytes: `-Xmx` (or the larger `-Xms`),
  /// else `MaxRAMPercentage` of the budget, else the product's default;
  /// nil when the JVM or product sizes itself (no flag: correct and silent).
  public static func heap(_ jvm: JVMFacts, budget: Int64?, hostMemory: Int64? = nil) -> HeapSize? {
    if let max = jvm.maxHeap {
      let initial = jvm.initialHeap?.value ?? 0
      if initial > max.value, let xms = jvm.initialHeap {
        return HeapSize(bytes: initial, origin: .setting(xms.located.text, xms.via), span: xms.span)
      }
      return HeapSize(bytes: max.value, origin: .setting(max.located.text, max.via), span: max.span)
    }
    if let xms = jvm.initialHeap {
      // With -Xms alone, the maximum is at least -Xms.
      let share = jvm.maxRAMPercentage?.value ?? defaultMaxRAMPercentage
      let ergonomic = budget.map { Saturating.int64(Double($0) * share / 100) } ?? 0
      if xms.value >= ergonomic {
        return HeapSize(bytes: xms.value, origin: .setting(xms.located.text, xms.via), span: xms.span)
      }
    }
    if let pct = jvm.maxRAMPercentage, let budget {
      let bytes = Saturating.int64(Double(budget) * max(0, pct.value) / 100)
      return HeapSize(
        bytes: bytes, origin: .setting("\(pct.located.text) of \(Bytes.format(budget, .declared))", pct.via),
        span: pct.span)
    }
    return productDefault(jvm, hostMemory: hostMemory)
  }

  /// A product's documented default heap, when the product sets one (rather
  /// than letting the JVM size it from the container).
  public static func productDefault(_ jvm: JVMFacts, hostMemory: Int64?) -> HeapSize? {
    switch jvm.product {
    case .logstash:
      // Logstash's bundled jvm.options: -Xms1g -Xmx1g.
      return HeapSize(
        bytes: Bytes.GiB, origin: .productDefault("Logstash's jvm.options default -Xmx1g"), span: nil)
    case .opensearch:
      // OpenSearch's bundled jvm.options: -Xms1g -Xmx1g.
      return HeapSize(
        bytes: Bytes.GiB, origin: .productDefault("OpenSearch's jvm.options default -Xmx1g"), span: nil)
    case .kafka:
      // kafka-server-start.sh: KAFKA_HEAP_OPTS defaults to "-Xmx1G -Xms1G".
      return HeapSize(
        bytes: Bytes.GiB, origin: .productDefault("kafka-server-start.sh default KAFKA_HEAP_OPTS=-Xmx1G"),
        span: nil)
    case .elasticsearch:
      // Before 7.11 the bundled jvm.options set 1 GB; from 7.11 Elasticsearch
      // sizes its heap from the container's memory (silent).
      guard let version = jvm.productVersion, versionBefore(version, major: 7, minor: 11) else { return nil }
      return HeapSize(
        bytes: Bytes.GiB, origin: .productDefault("Elasticsearch \(version)'s jvm.options default -Xmx1g"),
        span: nil)
    case .cassandra:
      // cassandra-env.sh: max(min(½ RAM, 1024 MB), min(¼ RAM, 8 GB)), with RAM
      // read by `free`, i.e. the host's memory, not the container's limit.
      guard let host = hostMemory else { return nil }
      let half = min(host / 2, 1_024 * Bytes.MiB)
      let quarter = min(host / 4, 8 * Bytes.GiB)
      return HeapSize(
        bytes: max(half, quarter),
        origin: .productDefault(
          "cassandra-env.sh's default from the host's \(Bytes.format(host, .binary)): max(min(½ RAM, 1 GiB), min(¼ RAM, 8 GiB))"
        ), span: nil)
    case .jvm:
      // Without container support the default heap is a quarter of the host.
      guard let reason = jvm.withoutContainerSupport, let host = hostMemory else { return nil }
      return HeapSize(
        bytes: Saturating.int64(Double(host) * defaultMaxRAMPercentage / 100),
        origin: .productDefault(
          "no heap option and no container support (\(reason.text)): 25 % of the host's \(Bytes.format(host, .binary))"
        ),
        span: reason.span)
    }
  }

  /// The share of the memory the product's documentation lets its heap take:
  /// Elasticsearch and OpenSearch 50 % (Lucene needs the filesystem cache),
  /// Cassandra 50 % (its own default never gives the heap more, the rest is
  /// off-heap memtables, caches and the page cache), Logstash 75 % (the top of
  /// its 50–75 % guidance), any other JVM 75 %.
  public static func heapShare(_ product: JVMProduct) -> Double {
    switch product {
    case .elasticsearch, .opensearch, .cassandra: 0.5
    case .logstash, .kafka, .jvm: genericHeapShare
    }
  }

  /// Where a product's heap guidance is documented.
  public static func guidanceSources(_ product: JVMProduct) -> [String] {
    switch product {
    case .elasticsearch:
      [
        "https://www.elastic.co/guide/en/elasticsearch/reference/current/advanced-configuration.html#set-jvm-heap-size"
      ]
    case .opensearch:
      [
        "https://opensearch.org/docs/latest/install-and-configure/install-opensearch/index/#important-settings"
      ]
    case .cassandra:
      ["https://github.com/apache/cassandra/blob/trunk/conf/cassandra-env.sh"]
    case .logstash: ["https://www.elastic.co/guide/en/logstash/current/jvm-settings.html"]
    case .kafka, .jvm: heapShareSources
    }
  }

  /// The memory a JVM with `heap` needs, with its arithmetic: for products
  /// with their own guidance, the heap divided by the documented share; for
  /// any other JVM, heap + metaspace + code cache + direct memory + thread
  /// stacks + the collector's share, each at the size set or its default.
  public static func estimate(_ jvm: JVMFacts, heap: HeapSize) -> MemoryEstimate {
    let share = heapShare(jvm.product)
    if jvm.product != .jvm && jvm.product != .kafka {
      let need = Saturating.int64(Double(heap.bytes) / share)
      return MemoryEstimate(
        bytes: need,
        arithmetic:
          "heap \(Bytes.format(heap.bytes, .binary)) (\(heap.short)) ÷ \(Int(share * 100)) % "
          + "(\(jvm.product.displayName)'s guidance: the heap at most \(Int(share * 100)) % of the memory) = "
          + Bytes.format(need, .binary),
        sources: guidanceSources(jvm.product))
    }
    func amount(_ b: Int64) -> String { Bytes.format(b, .binary) }
    var terms: [(String, Int64)] = [("heap \(amount(heap.bytes))", heap.bytes)]
    if let m = jvm.maxMetaspace {
      terms.append(("metaspace \(amount(m.value)) (`\(m.located.text)`)", m.value))
    } else {
      let m = metaspacePerClass * assumedLoadedClasses + metaspaceBase
      terms.append(("metaspace \(amount(m)) (5,800 B × an assumed 10,000 classes + 14 MB)", m))
    }
    if let c = jvm.codeCache {
      terms.append(("code cache \(amount(c.value)) (`\(c.located.text)`)", c.value))
    } else {
      terms.append(("code cache \(amount(defaultCodeCache)) (the JVM's default)", defaultCodeCache))
    }
    if let d = jvm.maxDirectMemory {
      terms.append(("direct memory \(amount(d.value)) (`\(d.located.text)`)", d.value))
    } else {
      terms.append(("direct memory \(amount(defaultDirectMemory)) (default estimate)", defaultDirectMemory))
    }
    let stack = jvm.threadStack?.value ?? defaultThreadStack
    let stackText = jvm.threadStack.map { "`\($0.located.text)`" } ?? "1 MiB"
    let stacks = Saturating.product(Int64(threadCount), stack)
    terms.append(("\(threadCount) thread stacks × \(stackText) = \(amount(stacks))", stacks))
    let native = Saturating.int64(Double(heap.bytes) * nativeShareOfHeap)
    terms.append(("GC and native structures \(amount(native)) (10 % of the heap)", native))
    let total = terms.reduce(Int64(0)) { Saturating.sum($0, $1.1) }
    let text = terms.map(\.0).joined(separator: " + ") + " = " + amount(total)
    return MemoryEstimate(bytes: total, arithmetic: text, sources: sources)
  }

  /// `major.minor…` below `major`.`minor`; false when the tag is not a version.
  static func versionBefore(_ tag: String, major: Int, minor: Int) -> Bool {
    let parts = tag.split(separator: "-").first?.split(separator: ".").compactMap { Int($0) } ?? []
    guard let m = parts.first else { return false }
    if m != major { return m < major }
    return (parts.count > 1 ? parts[1] : 0) < minor
  }
}

/// The heap a JVM gets, and why deploylint believes it.
public struct HeapSize: Sendable, Hashable {
  public enum Origin: Sendable, Hashable {
    /// A flag or variable sets it: the option as written and where.
    case setting(String, String)
    /// The product's documented default applies.
    case productDefault(String)
  }

  public var bytes: Int64
  public var origin: Origin
  /// Where the setting is written, when one is.
  public var span: Span?

  public init(bytes: Int64, origin: Origin, span: Span?) {
    self.bytes = bytes
    self.origin = origin
    self.span = span
  }

  /// "`-Xmx3G`, ES_JAVA_OPTS (compose environment)" or the default's description.
  public var described: String {
    switch origin {
    case .setting(let text, let via): "`\(text)`, \(via)"
    case .productDefault(let text): text
    }
  }

  /// "`-Xmx3G`", or the default's description.
  public var short: String {
    switch origin {
    case .setting(let text, _): "`\(text)`"
    case .productDefault(let text): text
    }
  }

  public var isProductDefault: Bool {
    if case .productDefault = origin { return true }
    return false
  }
}
