import DeploylintCore

/// Flags JVM heaps (and everything a JVM needs beside its heap) that do not
/// fit the memory the service gets: Elasticsearch `-Xmx3G` in a 4G container,
/// Cassandra `MAX_HEAP_SIZE=3G` in 4G, TheHive's 3000M heap + 400m metaspace
/// + 400m code cache in 4G, an ELK stack whose heaps need more than its host.
public struct JVMHeapExceedsMemory: Rule {
  public static let description = RuleDescription(
    id: "jvm-heap-exceeds-memory",
    category: .runtime,
    severity: .error,
    summary:
      "A JVM's heap reaches the service's memory (error), or its heap plus the JVM's other memory leaves less room than the product documents (warning)",
    rationale: JVMHeapExceedsMemory.rationale,
    references: JVMHeapExceedsMemory.references,
    fix: """
      Size the heap from the memory the service gets: Elasticsearch, OpenSearch and Cassandra at \
      most 50 % of it (`ES_JAVA_OPTS=-Xms2g -Xmx2g` in a 4G container), Logstash and other JVMs at \
      most 75 %, with room for metaspace, code cache and thread stacks — or let the JVM size its \
      heap from the container (`-XX:MaxRAMPercentage=50`, or no flag at all: 25 %; Elasticsearch \
      ≥ 7.11 sizes itself). Cap the other areas when they are large (`-XX:MaxMetaspaceSize`, \
      `-XX:ReservedCodeCacheSize`, `-Xss`). Or give the service more memory (`mem_limit`, a \
      bigger plan). On a small host, count every JVM of the stack with its overhead and leave the \
      host its reserve.
      """,
    examples: JVMHeapExceedsMemory.examples)

  public init(options: RuleOptions) {}

  public func check(_ project: Project) -> [Finding] {
    var hostOf: [String: HostFacts] = [:]
    for host in project.hosts {
      for member in host.members { hostOf[member.service] = host }
    }
    var findings = project.services.compactMap { service in
      check(service, host: hostOf[service.name])
    }
    findings += project.hosts.compactMap { check($0, project) }
    return findings
  }

  // MARK: One service

  func check(_ service: Service, host: HostFacts?) -> Finding? {
    guard let jvm = service.jvm, let budget = service.runtimeBudget,
      let heap = JVMEstimator.heap(jvm, budget: budget.bytes, hostMemory: host?.budget.bytes)
    else { return nil }
    let need = JVMEstimator.estimate(jvm, heap: heap)
    let share = JVMEstimator.heapShare(jvm.product)
    let percent = Saturating.int((Double(heap.bytes) * 100 / Double(max(1, budget.bytes))).rounded())
    let what = jvm.product == .jvm ? "The JVM heap" : "The \(jvm.product.displayName) heap"
    let heapText = Bytes.format(heap.bytes, .binary)
    let span = heap.span ?? jvm.heapSettingSpan ?? service.compose?.image?.span ?? service.span
    var message: String
    var severity: Severity
    if heap.bytes >= budget.bytes {
      severity = budget.allowing(.error)
      message =
        "\(what) (\(heap.described)) is \(heapText), \(percent) % of \(budget.gets()): the JVM may fill the "
        + "whole heap and needs metaspace, code cache, thread stacks and native memory on top, so the kernel "
        + "kills it before the collector has to reclaim anything."
    } else if Double(heap.bytes) > Double(budget.bytes) * share || need.bytes > budget.bytes {
      severity = .warning
      let guidance = guidanceText(jvm.product, share)
      message =
        "\(what) (\(heap.described)) is \(heapText), \(percent) % of \(budget.gets()); \(guidance) "
        + "It needs \(need.arithmetic)\(need.bytes > budget.bytes ? ", more than it gets" : "")."
    } else {
      return nil
    }
    if heap.isProductDefault {
      message += " No heap option is set, so this default applies."
    }
    var help: [String] = []
    let target = suggestedHeap(jvm, budget: budget.bytes)
    if target >= 64 * Bytes.MiB {
      help.append(
        "set the heap to \(MemorySize.jvmText(target)) (\(Int(share * 100)) % of \(Bytes.format(budget.bytes, .binary))"
          + "\(jvm.product == .jvm || jvm.product == .kafka ? ", less the JVM's other areas" : "")): "
          + heapOption(jvm, target))
    }
    if let raise = service.raiseHelp(to: need.bytes) { help.append(raise) }
    if jvm.product == .jvm || jvm.product == .kafka {
      help.append(
        "or cap the JVM's other areas (`-XX:MaxMetaspaceSize`, `-XX:ReservedCodeCacheSize`, `-Xss`) or let it size "
          + "its heap from the container (`-XX:MaxRAMPercentage=50`)")
    }
    help += budget.declarationHelp(service.name)
    var related = budget.related
    for s in [jvm.maxMetaspace?.span, jvm.codeCache?.span, jvm.initialHeap?.span].compactMap({ $0 })
    where s != span {
      related.append(RelatedLocation(s, "also counted in the JVM's memory"))
    }
    return finding(message, at: span, help: help, related: related, service: service.name, severity: severity)
  }

  func guidanceText(_ product: JVMProduct, _ share: Double) -> String {
    switch product {
    case .elasticsearch, .opensearch:
      return
        "\(product.displayName)'s documentation sets the heap at most 50 % of the memory: the rest holds its "
        + "off-heap buffers and the filesystem cache Lucene relies on."
    case .cassandra:
      return
        "Cassandra's own sizing never gives the heap more than half the memory: the rest holds off-heap "
        + "memtables, caches and the page cache its reads rely on."
    case .logstash:
      return
        "Logstash's documentation keeps the heap within 50–75 % of the memory, leaving the rest to the JVM's "
        + "off-heap memory and the OS."
    case .kafka, .jvm:
      return
        "a JVM needs metaspace, code cache, thread stacks and the collector's structures beside its heap "
        + "(vendors keep the heap at most at \(Int(share * 100)) % of a container)."
    }
  }

  /// The heap that fits `budget`: the product's share, and for other JVMs
  /// also what is left after their other areas.
  func suggestedHeap(_ jvm: JVMFacts, budget: Int64) -> Int64 {
    var target = Saturating.int64(Double(budget) * JVMEstimator.heapShare(jvm.product))
    if jvm.product == .jvm || jvm.product == .kafka {
      // heap × 1.1 + other areas ≤ budget.
      let probe = JVMEstimator.estimate(jvm, heap: HeapSize(bytes: 0, origin: .productDefault(""), span: nil))
      let fits = Saturating.int64(
        Double(Saturating.difference(budget, probe.bytes)) / (1 + JVMEstimator.nativeShareOfHeap))
      target = min(target, fits)
    }
    return max(0, target / (64 * Bytes.MiB) * (64 * Bytes.MiB))
  }

  /// The option to write, in the variable the service already uses.
  func heapOption(_ jvm: JVMFacts, _ bytes: Int64) -> String {
    let size = MemorySize.jvmText(bytes)
    switch jvm.product {
    case .cassandra where jvm.maxHeap?.located.text.hasPrefix("MAX_HEAP_SIZE") ?? true:
      return "MAX_HEAP_SIZE=\(size.uppercased())"
    case .elasticsearch: return "ES_JAVA_OPTS=-Xms\(size) -Xmx\(size)"
    case .opensearch: return "OPENSEARCH_JAVA_OPTS=-Xms\(size) -Xmx\(size)"
    case .logstash: return "LS_JAVA_OPTS=-Xms\(size) -Xmx\(size)"
    case .kafka: return "KAFKA_HEAP_OPTS=-Xms\(size) -Xmx\(size)"
    default:
      let flags = "\(jvm.initialHeap != nil ? "-Xms\(size) " : "")-Xmx\(size)"
      guard let via = jvm.maxHeap?.via ?? jvm.maxRAMPercentage?.via else { return flags }
      return "\(flags) in \(via)"
    }
  }

  // MARK: A host's stack

  /// JVMs without a container limit on a declared host: their needs, the
  /// other services' limits and the host's reserve must fit the host.
  func check(_ host: HostFacts, _ project: Project) -> Finding? {
    let byName = Dictionary(project.services.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    var jvms: [(service: Service, heap: HeapSize, need: MemoryEstimate)] = []
    var limited: Int64 = 0
    for member in host.members where member.compose.replicaCount > 0 {
      if let limit = member.limitTotal {
        limited = Saturating.sum(limited, limit)
        continue
      }
      guard let service = byName[member.service], let jvm = service.jvm,
        let heap = JVMEstimator.heap(jvm, budget: host.budget.bytes, hostMemory: host.budget.bytes)
      else { continue }
      jvms.append((service, heap, JVMEstimator.estimate(jvm, heap: heap)))
    }
    guard !jvms.isEmpty else { return nil }
    let needs = jvms.reduce(Int64(0)) { Saturating.sum($0, $1.need.bytes) }
    let total = Saturating.sum(Saturating.sum(needs, limited), host.reserve.bytes)
    guard total > host.budget.bytes else { return nil }
    let biggest = jvms.max { $0.need.bytes < $1.need.bytes }!
    guard let span = biggest.heap.span ?? biggest.service.jvm?.heapSettingSpan else { return nil }
    let terms = jvms.map {
      "\($0.service.compose?.serviceName ?? $0.service.name) \(Bytes.format($0.need.bytes, .binary))"
    }
    var message =
      "The JVMs this stack starts without a memory limit need \(terms.joined(separator: " + ")) = "
      + "\(Bytes.format(needs, .binary))"
    if limited > 0 { message += ", the other services' limits take \(Bytes.format(limited, .binary))" }
    message +=
      ", and the host keeps \(host.reserve.description): \(Bytes.format(total, .binary)), more than the "
      + "\(Bytes.format(host.budget.bytes, .binary)) of \(host.name) (\(host.budget.source))."
    for j in jvms { message += " \(j.service.compose?.serviceName ?? j.service.name): \(j.need.arithmetic)." }
    var related = host.budget.related
    for j in jvms where j.service.name != biggest.service.name {
      if let s = j.heap.span { related.append(RelatedLocation(s, "\(j.service.name)'s heap")) }
    }
    let gib = Saturating.sum(total, Bytes.GiB / 2 - 1) / (Bytes.GiB / 2)
    let help = [
      "lower the heaps so that the stack fits the host with its reserve, and give each JVM service a "
        + "`mem_limit` of its need (service-without-memory-limit proposes limits that fit)",
      "or run the stack on a host with at least \(Bytes.format(gib * Bytes.GiB / 2, .binary)) and declare it: "
        + "host.memory: \(MemorySize.dockerText(gib * Bytes.GiB / 2))",
    ]
    return finding(
      message, at: span, help: help, related: related, service: biggest.service.name, severity: .warning)
  }
}

extension MemorySize {
  /// A size as JVM options write it: `2g` when whole GiB, else `1536m`.
  static func jvmText(_ bytes: Int64) -> String {
    bytes % Bytes.GiB == 0 ? "\(bytes / Bytes.GiB)g" : "\(bytes / Bytes.MiB)m"
  }
}
