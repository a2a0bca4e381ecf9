import DeploylintCore

/// Flags a `--max-old-space-size` that the service really runs with (its start
/// command, the package.json scripts that command reaches, pm2 `node_args`,
/// `NODE_OPTIONS` from any environment) and that is larger than the memory the
/// service gets, or more than the 75 % Node's documentation suggests. Seed 002:
/// a Next.js app under pm2 with a 1536 MiB cap on a 1 GB VPS.
public struct NodeHeapExceedsMemory: Rule {
  public static let description = RuleDescription(
    id: "node-heap-exceeds-memory",
    category: .runtime,
    severity: .error,
    summary:
      "`--max-old-space-size` reached by the service's start command is above its memory (error) or above 75 % of it (warning)",
    rationale: """
      `--max-old-space-size` sets the size of V8's **old generation** in MiB. It is not a limit on \
      the process: the resident set also holds the young generation, compiled code, native buffers \
      and the runtime itself, so a process whose old space reaches the cap is already well above it. \
      Node's documentation therefore sizes the flag below the machine: "On a machine with 2 GiB of \
      memory, consider setting this to 1536 (1.5 GiB)", i.e. 75 %.

      A cap at or above the memory the service gets means V8 never feels pressure to collect before \
      the kernel (or the platform) kills the process: the heap is allowed to grow into memory that \
      does not exist. A cap between 75 % and 100 % leaves too little for everything else.

      Lowering the cap does not cure a leak. V8 collects harder as the old space approaches its \
      limit, but it can only free unreachable objects; when the live set passes the cap the process \
      aborts with "FATAL ERROR: Reached heap limit … JavaScript heap out of memory". (Seed 002 \
      lowered 1536 to 768 believing it "forces the GC to clean more often"; the right value is the \
      one that fits the machine, and a leak is found with heap snapshots.)

      Only flags the deployment really uses count: the platform's start command (`render.yaml` \
      `startCommand`, Railway `startCommand`, `Procfile`, Dockerfile `CMD`/`ENTRYPOINT`, compose \
      `command`), the package.json scripts it runs through `npm start`/`npm run`/`yarn`/`pnpm`, the \
      pm2 ecosystem it starts, and `NODE_OPTIONS` set for the service. A `dev` script with a big heap \
      is ignored. For pm2 apps with several instances each process gets the cap; \
      `pm2-heap-exceeds-restart-threshold` checks their sum.
      """,
    references: [
      Reference("Node.js CLI: --max-old-space-size=SIZE (in MiB)", RuntimeEstimators.nodeDocsURL),
      Reference(
        "nodejs/node#54477: units of --max-old-space-size", "https://github.com/nodejs/node/pull/54477"),
      Reference(
        "V8 heap sizing from physical memory (HeapSizeFromPhysicalMemory)",
        "https://github.com/v8/v8/blob/main/src/heap/heap.cc"),
      Reference(
        "superwall/docs#223: a heap equal to the container was OOM-killed",
        "https://github.com/superwall/docs/pull/223"),
      Reference(
        "Node.js: --heapsnapshot-signal", "https://nodejs.org/api/cli.html#--heapsnapshot-signalsignal"),
    ],
    fix: """
      Set the flag to 75 % of the service's memory, rounded down to a multiple of 64 MiB (768 on \
      1 GiB, 320 on Render's 512 MB plans, 1408 on 2 GB), or move to a plan where the current value is \
      at most 75 % of the memory. If memory grows for hours, take heap snapshots \
      (`node --heapsnapshot-signal=SIGUSR2 …`, then `kill -USR2 <pid>`) to find what keeps objects \
      alive instead of lowering the cap or restarting on a timer.
      """,
    examples: examples)

  public init(options: RuleOptions) {}

  public func check(_ project: Project) -> [Finding] {
    project.services.flatMap(check)
  }

  func check(_ service: Service) -> [Finding] {
    guard let budget = service.runtimeBudget else { return [] }
    var findings: [Finding] = []
    var seen: Set<Span> = []
    for heap in service.node.runtimeHeap where seen.insert(heap.span).inserted {
      let heapBytes = heap.bytes
      let over = heapBytes > budget.bytes
      guard over || Saturating.product(heapBytes, 4) > Saturating.product(budget.bytes, 3) else { continue }
      findings.append(finding(for: heap, over: over, service: service, budget: budget))
    }
    return findings
  }

  func finding(for heap: HeapFlag, over: Bool, service: Service, budget: MemoryBudget) -> Finding {
    let heapBytes = heap.bytes
    let recommended = NodeHeapMath.recommendedMiB(for: budget.bytes)
    let memory = NodeHeapMath.describe(budget.bytes)
    let percent = NodeHeapMath.percent(heapBytes, of: budget.bytes)
    var message =
      "`--max-old-space-size=\(heap.mebibytes)` (\(heap.source)) lets V8's old space grow to "
      + "\(heap.mebibytes) MiB, \(percent) % of the \(memory) this service runs in (\(budget.source)); "
      + "Node's documentation sizes the flag at 75 % of the memory (1536 on 2 GiB), \(recommended) MiB here. "
    if over {
      message +=
        "The flag caps only the old generation and the process's RSS is higher (young generation, code, "
        + "native buffers), so the process is killed for lack of memory before V8 ever has to collect at "
        + "its cap."
    } else {
      message +=
        "The flag caps only the old generation; the process's RSS is higher (young generation, code, "
        + "native buffers) and the rest of the \(memory) must hold it."
    }
    message +=
      " A lower cap does not fix a leak: when the live objects outgrow it, the process dies with "
      + "\"Reached heap limit\"."
    if let app = service.node.pm2Apps.first(where: { $0.heap == heap }), let n = app.instances, n > 1 {
      message += " pm2 runs \(n) processes of app `\(app.name)`, each with this cap."
    }
    var help = [
      "set --max-old-space-size=\(recommended) (75 % of \(memory), rounded down to a multiple of 64 MiB) "
        + "in \(heap.source)"
    ]
    if let plan = NodeHeapMath.biggerPlan(service, heapBytes: heapBytes), let planMemory = plan.memory {
      help.append(
        "or move to the \(plan.platform.displayName) plan `\(plan.id)` (\(Bytes.format(planMemory, .decimal))), "
          + "where \(heap.mebibytes) MiB is at most 75 % of the memory")
    }
    help.append(
      "if memory grows for hours, find what keeps objects alive with heap snapshots "
        + "(`node --heapsnapshot-signal=SIGUSR2`) rather than lowering the cap or restarting on a timer")
    let edits = NodeHeapMath.numberEdit(heap, to: recommended).map { [$0] } ?? []
    return finding(
      message, at: heap.span, help: help, related: budget.related, edits: edits,
      service: service.name, severity: over ? .error : .warning)
  }
}
