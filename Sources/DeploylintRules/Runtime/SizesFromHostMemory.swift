import DeploylintCore

/// Notes the servers that size their memory from the machine's RAM when they
/// run without a container limit on a declared host: ClickHouse caps itself
/// at 90 % of it, Cassandra's default heap is computed from it, and JVMs from
/// before container support (Java 8 before 8u191) take a quarter of it. On a
/// host shared by a stack, each assumes the whole machine is its own.
public struct SizesFromHostMemory: Rule {
  public static let description = RuleDescription(
    id: "sizes-from-host-memory",
    category: .runtime,
    severity: .note,
    summary:
      "A server that sizes its memory from the host's RAM runs without a limit on a shared, declared host",
    rationale: """
      Without a container limit a server sees the whole host. Most runtimes read the cgroup limit \
      when there is one, but some servers size themselves from the machine's RAM: ClickHouse \
      lets itself use `max_server_memory_usage_to_ram_ratio` (0.9) of the memory available, \
      Cassandra's `cassandra-env.sh` computes its default heap from `free` (max(min(½ RAM, 1 GB), \
      min(¼ RAM, 8 GB))), and a JVM without container support (Java 8 before 8u191, or \
      `-XX:-UseContainerSupport`) takes a quarter of the host for its heap whatever the limit. On a \
      host that also runs a database, a cache and the application, each such server plans for \
      memory the others are using; the kernel's OOM killer then chooses between them. A note: \
      the arithmetic is shown, and a limit (or an explicit size) makes the server's share \
      deliberate.
      """,
    references: [
      Reference(
        "ClickHouse: max_server_memory_usage_to_ram_ratio (0.9)",
        "https://clickhouse.com/docs/reference/settings/server-settings/settings/max-server-memory-usage"),
      Reference(
        "Cassandra's cassandra-env.sh", "https://github.com/apache/cassandra/blob/trunk/conf/cassandra-env.sh"
      ),
      Reference("JDK-8146115: container support", "https://bugs.openjdk.org/browse/JDK-8146115"),
    ],
    fix: """
      Give the service a `mem_limit` that fits beside the others (ClickHouse then caps itself at \
      90 % of it), or size it explicitly: `MAX_HEAP_SIZE` for Cassandra, \
      `max_server_memory_usage` for ClickHouse, `-Xmx` for an old JVM.
      """,
    examples: [
      .triggering(
        "ClickHouse without a limit on a 4 GB host",
        [
          ExampleFile(".deploylint.yml", "host:\n  memory: 4g\n"),
          ExampleFile(
            "docker-compose.yml",
            """
            services:
              events:
                image: ↓clickhouse/clickhouse-server:24.8-alpine
              db:
                image: postgres:16
                mem_limit: 1g

            """),
        ]),
      .triggering(
        "Cassandra without MAX_HEAP_SIZE on an 8 GB host",
        [
          ExampleFile(".deploylint.yml", "host:\n  memory: 8g\n"),
          ExampleFile(
            "docker-compose.yml",
            """
            services:
              cassandra:
                image: ↓cassandra:4.1

            """),
        ]),
      .nonTriggering(
        "ClickHouse with a limit; no host declared for the second stack",
        [
          ExampleFile(".deploylint.yml", "host:\n  memory: 4g\n"),
          ExampleFile(
            "docker-compose.yml",
            """
            services:
              events:
                image: clickhouse/clickhouse-server:24.8-alpine
                mem_limit: 1g

            """),
        ]),
    ])

  public init(options: RuleOptions) {}

  public func check(_ project: Project) -> [Finding] {
    let byName = Dictionary(project.services.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    return project.hosts.flatMap { host in
      host.members.compactMap { member -> Finding? in
        guard member.compose.memLimit == nil, member.compose.replicaCount > 0,
          let service = byName[member.service]
        else { return nil }
        return check(service, member, host)
      }
    }
  }

  func check(_ service: Service, _ member: HostMember, _ host: HostFacts) -> Finding? {
    let hostText = "\(Bytes.format(host.budget.bytes, .binary)) of \(host.name) (\(host.budget.source))"
    let span = member.compose.image?.span ?? member.span
    let name = member.compose.serviceName
    if let clickhouse = service.servers.clickhouse, clickhouse.maxServerMemoryUsage == nil {
      let ratio = clickhouse.maxServerMemoryUsageToRAMRatio?.value ?? ClickHouseSettings.defaultRatio
      let cap = Saturating.int64(Double(host.budget.bytes) * ratio)
      return finding(
        "ClickHouse `\(name)` has no memory limit, so it caps itself at max_server_memory_usage_to_ram_ratio "
          + "\(ratio) of the memory it sees: \(Bytes.format(cap, .binary)) of the \(hostText), memory the rest of "
          + "the stack also needs.",
        at: span,
        help: [
          "give `\(name)` a `mem_limit` (ClickHouse then caps itself at 90 % of it), or set "
            + "max_server_memory_usage in its configuration"
        ], related: host.budget.related, service: service.name)
    }
    if let jvm = service.jvm, jvm.product == .cassandra, jvm.maxHeap == nil,
      let heap = JVMEstimator.productDefault(jvm, hostMemory: host.budget.bytes)
    {
      return finding(
        "Cassandra `\(name)` sets no MAX_HEAP_SIZE, so cassandra-env.sh sizes its heap from the host's RAM: "
          + "\(Bytes.format(heap.bytes, .binary)) (\(heap.described)) on the \(hostText), and Cassandra uses as "
          + "much again off-heap.",
        at: span,
        help: [
          "set MAX_HEAP_SIZE (and HEAP_NEWSIZE) for the share of the host `\(name)` may take, and a mem_limit of "
            + "twice that"
        ], related: host.budget.related, service: service.name)
    }
    if let jvm = service.jvm, jvm.withoutContainerSupport != nil, jvm.maxHeap == nil,
      jvm.maxRAMPercentage == nil,
      let heap = JVMEstimator.productDefault(jvm, hostMemory: host.budget.bytes)
    {
      return finding(
        "The JVM of `\(name)` sizes its heap from the host's RAM: \(heap.described) = "
          + "\(Bytes.format(heap.bytes, .binary)) of the \(hostText), with or without a container limit.",
        at: heap.span ?? span,
        help: [
          "set -Xmx for the share of the host `\(name)` may take, or use a JVM with container support "
            + "(Java 11 or later, or 8u191 and later)"
        ], related: host.budget.related, service: service.name)
    }
    return nil
  }
}
