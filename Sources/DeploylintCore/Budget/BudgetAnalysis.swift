/// The memory budget picture (`deploylint budget`): for every service what it
/// gets and what each applicable estimate says it needs, while it runs and
/// while it is built, and for every compose host the stack's limits stacked.
/// A pure function of the project and the report's findings; the estimates
/// are the rules' own (`ServiceEstimates`, `RustBuildEstimate`, the host's
/// sums), so the picture and the findings never disagree on a number.
public struct BudgetAnalysis: Sendable {
  public var services: [ServiceBudget]
  public var hosts: [HostBudget]

  public init(project: Project, findings: [Finding]) {
    var hostOf: [String: HostFacts] = [:]
    for host in project.hosts {
      for member in host.members { hostOf[member.service] = host }
    }
    services = project.services.map { service in
      BudgetAnalysis.analyze(
        service, host: hostOf[service.name], findings: findings.filter { $0.service == service.name })
    }
    let byName = Dictionary(services.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    hosts = project.hosts.map { host in
      let segments = host.members.map { member -> HostSegment in
        let c = member.compose
        return HostSegment(
          service: c.serviceName.isEmpty ? member.service : c.serviceName, limit: member.limitTotal,
          reservation: member.reservationTotal, replicas: max(1, c.replicaCount),
          limitText: c.memLimit?.written, limitSpan: c.memLimit?.span,
          need: byName[member.service]?.runtime.need)
      }
      let stackFindings = findings.filter { $0.service == nil && $0.span.path == host.composeFile }
      return HostBudget(
        name: host.name, composeFile: host.composeFile, budget: host.budget.bytes,
        budgetSource: host.budget.source, budgetSpan: host.budget.span, segments: segments,
        limitTotal: host.limitTotal, reservationTotal: host.reservationTotal, findings: stackFindings,
        reserve: host.reserve)
    }
  }

  static func analyze(_ service: Service, host: HostFacts?, findings: [Finding]) -> ServiceBudget {
    var runtime = BudgetSide()
    if let budget = service.runtimeBudget {
      runtime.budget = budget.bytes
      runtime.budgetSource = budget.source
      runtime.budgetSpan = budget.span
      runtime.assumed = budget.assumed
    }
    runtime.terms = runtimeTerms(service, hostMemory: host?.budget.bytes)
    if let need = runtime.need, let plan = ServiceEstimates.smallestPlan(service.platform, fitting: need),
      let memory = plan.memory
    {
      runtime.smallestFittingPlan = PlanFit(
        platform: plan.platform, id: plan.id, displayName: plan.displayName, memory: memory,
        monthlyUSD: plan.monthlyUSD,
        note: plan.note, source: plan.source)
    }

    var build = BudgetSide()
    if let budget = service.build.budget {
      build.budget = budget.bytes
      build.budgetSource = budget.source
      build.budgetSpan = budget.span
      build.assumed = budget.assumed
    }
    build.place = service.build.location?.description
    build.terms = buildTerms(service)

    let origin: String
    if let budget = service.runtimeBudget {
      origin =
        budget.assumed && !budget.source.hasPrefix("assumed") ? "assumed: \(budget.source)" : budget.source
    } else if let platform = service.platform {
      origin = "\(platform.displayName): no memory figure known for this service"
    } else {
      origin = "no platform or memory found"
    }
    return ServiceBudget(
      name: service.name, span: service.span, platform: service.platform, plan: service.plan?.value,
      planSpan: service.plan?.span, planOrigin: origin, runtime: runtime, build: build, host: host?.name,
      findings: findings)
  }

  /// Estimates of what the running service needs.
  static func runtimeTerms(_ service: Service, hostMemory: Int64? = nil) -> [BudgetTerm] {
    var terms: [BudgetTerm] = []
    var seen: Set<Span> = []
    for heap in service.node.runtimeHeap where seen.insert(heap.span).inserted {
      let app = service.node.pm2Apps.first { $0.heap == heap }
      let processes = max(1, app?.instances ?? 1)
      terms.append(
        BudgetTerm(
          kind: "node-heap",
          label: processes > 1 ? "Node heap + overhead × \(processes)" : "Node heap + overhead",
          estimate: ServiceEstimates.nodeProcess(heap: heap, processes: processes), span: heap.span))
    }
    if let estimate = ServiceEstimates.nodeHeavyBuild(service.node.startBuilds) {
      terms.append(
        BudgetTerm(
          kind: "node-build", label: "Node build in the start command", estimate: estimate,
          span: service.node.startBuilds.first?.span))
    }
    if let workers = service.workers, workers.count + (workers.hasMaster ? 1 : 0) >= 2,
      let estimate = ServiceEstimates.workers(service)
    {
      let label =
        switch workers.runtime {
        case .python: "workers × per-worker floor"
        case .ruby: "\(workers.server) processes × floor"
        case .php: "PHP-FPM children × memory_limit"
        }
      terms.append(BudgetTerm(kind: "workers", label: label, estimate: estimate, span: workers.span))
    }
    if let jvm = service.jvm,
      let (heap, need) = ServiceEstimates.jvm(
        service, budget: service.runtimeBudget?.bytes, hostMemory: hostMemory)
    {
      let label =
        jvm.product == .jvm || jvm.product == .kafka
        ? "JVM heap + overhead"
        : "\(jvm.product.displayName) heap ÷ \(Int(JVMEstimator.heapShare(jvm.product) * 100)) %"
      terms.append(
        BudgetTerm(kind: "jvm", label: label, estimate: need, span: heap.span ?? jvm.heapSettingSpan))
    }
    if let runner = service.jobRunner {
      if let estimate = ServiceEstimates.mlJobProcesses(service) {
        terms.append(
          BudgetTerm(
            kind: "job-processes", label: "\(runner.runner) children × ML floor", estimate: estimate,
            span: runner.span))
      }
      if let estimate = ServiceEstimates.jobProcess(service) {
        terms.append(
          BudgetTerm(
            kind: "job-process", label: "\(runner.runner) process + threads", estimate: estimate,
            span: runner.span))
      }
      if let estimate = ServiceEstimates.jobs(service) {
        terms.append(
          BudgetTerm(
            kind: "jobs", label: "\(runner.runner) jobs × job-memory", estimate: estimate, span: runner.span))
      }
    }
    if let go = service.runtimeLimits.goMemoryLimit {
      terms.append(
        BudgetTerm(
          kind: "runtime-limit", label: "GOMEMLIMIT",
          estimate: MemoryEstimate(
            bytes: go.value,
            arithmetic:
              "\(go.written): the Go runtime lets its heap grow to \(Bytes.format(go.value, .binary))",
            sources: ["https://pkg.go.dev/runtime#hdr-Environment_Variables"]), span: go.span))
    }
    if let estimate = ServiceEstimates.mlRuntimeFloor(service), let package = service.python.mlRuntimePackage
    {
      terms.append(
        BudgetTerm(
          kind: "ml-runtime", label: "\(MLPackages.runtimeName(package)) floor", estimate: estimate,
          span: package.span))
    }
    if let estimate = ServiceEstimates.postgres(service) {
      terms.append(
        BudgetTerm(
          kind: "postgres", label: "Postgres worst case", estimate: estimate,
          span: service.compose?.command?.span))
    }
    if let redis = service.servers.redis, !redis.readsConfigFile {
      let source = "https://redis.io/docs/latest/develop/reference/eviction/"
      if let maxmemory = redis.maxmemory {
        if let bytes = maxmemory.value {
          terms.append(
            BudgetTerm(
              kind: "redis-maxmemory", label: "Redis maxmemory",
              estimate: MemoryEstimate(
                bytes: bytes,
                arithmetic:
                  "--maxmemory \(maxmemory.text) = \(Bytes.format(bytes, .binary)) of dataset (replication/AOF "
                  + "buffers and fragmentation on top)",
                sources: [source]), span: service.compose?.command?.span))
        }
      } else if let limit = service.compose?.memLimit?.value ?? service.runtimeBudget?.bytes {
        terms.append(
          BudgetTerm(
            kind: "redis-unbounded", label: "Redis without maxmemory",
            estimate: MemoryEstimate(
              bytes: limit,
              arithmetic:
                "no --maxmemory (0 = no limit): the dataset grows to the container's \(Bytes.format(limit, .binary)) "
                + "and the kernel kills it",
              sources: [source]),
            span: service.compose?.command?.span ?? service.compose?.image?.span, unbounded: true))
      }
    }
    return terms
  }

  /// Estimates of what building the service needs.
  static func buildTerms(_ service: Service) -> [BudgetTerm] {
    var terms: [BudgetTerm] = []
    if let estimate = ServiceEstimates.nodeHeavyBuild(service.node.heavyBuilds) {
      terms.append(
        BudgetTerm(
          kind: "node-build", label: "Node bundler build", estimate: estimate,
          span: service.node.heavyBuilds.first?.span))
    }
    var seen: Set<Span> = []
    for heap in service.node.buildHeap where seen.insert(heap.span).inserted {
      terms.append(
        BudgetTerm(
          kind: "node-build-heap", label: "Node build heap + overhead",
          estimate: ServiceEstimates.nodeProcess(heap: heap), span: heap.span))
    }
    if let rust = RustBuildEstimate(service) {
      terms.append(
        BudgetTerm(
          kind: "rust-build", label: "Rust build peak", estimate: rust.estimate,
          span: rust.step.jobs?.span ?? rust.step.span))
    }
    return terms
  }
}
