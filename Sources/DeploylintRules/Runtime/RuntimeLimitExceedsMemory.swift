import DeploylintCore

/// Flags a runtime told to respect more memory than the service gets: Go's
/// `GOMEMLIMIT`, .NET's `DOTNET_GCHeapHardLimit` / `GCHeapHardLimitPercent`,
/// ClickHouse's `max_server_memory_usage`. A limit above the container is
/// never reached: the kernel kills the process first.
public struct RuntimeLimitExceedsMemory: Rule {
  /// The Go GC guide leaves 5–10 % of headroom under the limit for memory the
  /// runtime does not see: a limit above 95 % of the memory leaves less.
  public static let goHeadroomShare = 0.95
  /// .NET's own default in a container: the GC heap hard limit is 75 % of it.
  public static let dotnetDefaultShare = 0.75

  public static let description = RuleDescription(
    id: "runtime-limit-exceeds-memory",
    category: .runtime,
    severity: .error,
    summary:
      "GOMEMLIMIT, a .NET GC heap hard limit or ClickHouse's max_server_memory_usage is at or above the service's memory",
    rationale: """
      Some runtimes take a memory limit and work to stay under it: Go's `GOMEMLIMIT` makes the \
      collector run harder as the heap approaches it; .NET's `GCHeapHardLimit` \
      (`DOTNET_GCHeapHardLimit`, hexadecimal bytes) or `GCHeapHardLimitPercent` caps the GC heap and \
      throws `OutOfMemoryException` instead of growing; ClickHouse's `max_server_memory_usage` \
      fails queries ("Memory limit (total) exceeded") before the server is killed. Set at or above \
      the memory the container gets, the limit is never reached: the kernel OOM-kills the process \
      first (an error). The Go GC guide leaves 5–10 % of headroom for memory the runtime does not \
      account for, so a `GOMEMLIMIT` above 95 % of the memory is a warning; .NET defaults the hard \
      limit to 75 % of a container's memory, so a larger one is a warning. Without these \
      settings the runtimes are container-aware (Go has no limit but its GC, .NET uses 75 %, \
      ClickHouse caps itself at 90 % of the cgroup's memory): nothing to report.
      """,
    references: [
      Reference("Go runtime: GOMEMLIMIT", "https://pkg.go.dev/runtime#hdr-Environment_Variables"),
      Reference(
        "A Guide to the Go Garbage Collector: memory limit", "https://go.dev/doc/gc-guide#Memory_limit"),
      Reference(
        ".NET GC settings: heap hard limit (hexadecimal in environment variables)",
        "https://learn.microsoft.com/dotnet/core/runtime-config/garbage-collector#heap-hard-limit"),
      Reference(
        "ClickHouse: max_server_memory_usage",
        "https://clickhouse.com/docs/reference/settings/server-settings/settings/max-server-memory-usage"),
    ],
    fix: """
      Set the limit below the memory the container gets: `GOMEMLIMIT` at about 90 % of it \
      (`GOMEMLIMIT=460MiB` for 512 MB), .NET's heap hard limit at 75 % or less (or unset it: 75 % \
      is the default in a container), ClickHouse's `max_server_memory_usage` under the limit (or \
      leave it at 0 and let `max_server_memory_usage_to_ram_ratio` (0.9) apply) — or raise the \
      container's memory.
      """,
    examples: RuntimeLimitExceedsMemory.examples)

  public init(options: RuleOptions) {}

  public func check(_ project: Project) -> [Finding] {
    project.services.flatMap(check)
  }

  func check(_ service: Service) -> [Finding] {
    guard let budget = service.runtimeBudget else { return [] }
    var findings: [Finding] = []
    let limits = service.runtimeLimits
    let memory = Bytes.format(budget.bytes, .declared)
    if let go = limits.goMemoryLimit {
      let share = Double(go.value) / Double(max(1, budget.bytes))
      if share > Self.goHeadroomShare {
        let over = go.value >= budget.bytes
        let target = budget.bytes / 10 * 9 / Bytes.MiB
        findings.append(
          finding(
            "`\(go.written)` (\(go.source)) lets the Go heap grow to \(Bytes.format(go.value, .binary)), "
              + "\(Int((share * 100).rounded())) % of \(budget.gets()): "
              + (over
                ? "the collector never has to work harder before the kernel kills the process."
                : "less than the 5–10 % of headroom the Go GC guide leaves for memory the runtime does not see."),
            at: go.span,
            help: ["set GOMEMLIMIT=\(target)MiB (90 % of \(memory))"] + raise(service, go.value)
              + budget.declarationHelp(service.name),
            related: budget.related, service: service.name,
            severity: over ? budget.allowing(.error) : .warning))
      }
    }
    if let hard = limits.dotnetHeapHardLimit {
      findings += dotnet(
        service, budget, bytes: hard.value, written: hard.written, span: hard.span, source: hard.source)
    } else if let percent = limits.dotnetHeapHardLimitPercent {
      let bytes = Saturating.int64(Double(budget.bytes) * Double(percent.value) / 100)
      findings += dotnet(
        service, budget, bytes: bytes, written: "\(percent.written) (\(percent.value) %)", span: percent.span,
        source: percent.source)
    }
    if let clickhouse = service.servers.clickhouse, let cap = clickhouse.maxServerMemoryUsage, cap.value > 0,
      cap.value >= budget.bytes
    {
      findings.append(
        finding(
          "ClickHouse's `\(cap.text)` caps the server at \(Bytes.format(cap.value, .binary)), not below "
            + "\(budget.gets()): the kernel kills the server before ClickHouse refuses a query.",
          at: cap.span,
          help: [
            "remove it (0: ClickHouse caps itself at 90 % of the container's memory) or set it below "
              + "\(memory): --max_server_memory_usage=\(budget.bytes * 9 / 10)"
          ] + raise(service, cap.value) + budget.declarationHelp(service.name),
          related: budget.related, service: service.name, severity: budget.allowing(.error)))
    }
    return findings
  }

  func dotnet(
    _ service: Service, _ budget: MemoryBudget, bytes: Int64, written: String, span: Span, source: String
  ) -> [Finding] {
    let share = Double(bytes) / Double(max(1, budget.bytes))
    guard share > Self.dotnetDefaultShare else { return [] }
    let over = bytes >= budget.bytes
    let target = budget.bytes / 4 * 3
    return [
      finding(
        "`\(written)` (\(source)) caps the .NET GC heap at \(Bytes.format(bytes, .binary)), "
          + "\(Int((share * 100).rounded())) % of \(budget.gets()): "
          + (over
            ? "the process is killed before the GC enforces its limit."
            : "above .NET's own container default of 75 %, leaving little for the runtime, JIT-compiled code "
              + "and native memory outside the GC heap."),
        at: span,
        help: [
          "unset it (75 % of the container is the default) or set DOTNET_GCHeapHardLimit=0x\(String(target, radix: 16, uppercase: true)) "
            + "(\(Bytes.format(target, .binary)), 75 %)"
        ] + raise(service, bytes) + budget.declarationHelp(service.name),
        related: budget.related, service: service.name, severity: over ? budget.allowing(.error) : .warning)
    ]
  }

  func raise(_ service: Service, _ bytes: Int64) -> [String] {
    service.raiseHelp(to: Saturating.sum(bytes, bytes / 9)).map { [$0] } ?? []
  }
}
