import DeploylintCore

/// Flags heavy Node.js builds (`next build`, `nuxt build`, `vite build`,
/// webpack, `ng build`, `react-scripts build`…) that run where memory is
/// small: a declared build machine, a host that builds in place (pm2 on a
/// VPS), or the instance itself when the start command builds. A heap flag
/// set for the build at or above that memory is an error (R20).
public struct NodeBuildExceedsBuildMemory: Rule {
  public static let description = RuleDescription(
    id: "node-build-exceeds-build-memory",
    category: .build,
    severity: .warning,
    summary:
      "A heavy Node build (`next build`, webpack, vite…) runs with less than about 2 GiB, or with a heap flag that does not fit",
    rationale: """
      Bundler builds hold the whole module graph, source maps and minifier state in V8's heap. \
      Without a flag, V8 sizes the old space to about half of the memory it sees (256 MiB floor), so \
      on a 1 GiB machine the build gets about 512 MiB of heap; the failure is "FATAL ERROR: Reached \
      heap limit … JavaScript heap out of memory". Next.js builds of ordinary apps are reported failing \
      at the ~2 GB default heap inside Docker builds and fixed with \
      `NODE_OPTIONS=--max-old-space-size=4096` on builders with more than 4 GB. deploylint therefore \
      treats **2 GiB** as the least memory such a build should get: an estimate from those reports, \
      not a measurement of your app.

      Where the build runs decides the memory. PaaS builders are not the runtime plan (Render's build \
      pipeline has 8 GB, Fly's remote builders 4 GB or more), so those builds pass. But a pm2 app on a \
      VPS is usually built in place (`git pull && npm run build && pm2 reload`), competing with the \
      running app for the same memory, and a start command that runs `npm run build` builds on the \
      instance each time it starts.

      A heap flag that applies to the build (`NODE_OPTIONS` in the build stage, in the platform's \
      variables, or inline in the build script) must stay below the build machine too: at or above \
      its memory the kernel kills the build (an 8192 MiB heap on an 8 GB builder was killed, 5120 \
      worked); above 75 % it leaves too little for the bundler's workers and native memory.
      """,
    references: [
      Reference("Next.js: optimizing memory usage", "https://nextjs.org/docs/app/guides/memory-usage"),
      Reference(
        "casdoor#3672: JavaScript heap out of memory during a Docker build",
        "https://github.com/casdoor/casdoor/issues/3672"),
      Reference(
        "langfuse#2673: Next.js build runs out of memory", "https://github.com/langfuse/langfuse/issues/2673"),
      Reference(
        "superwall/docs#223: 8192 MiB heap on an 8 GB builder was killed",
        "https://github.com/superwall/docs/pull/223"),
      Reference("Node.js CLI: --max-old-space-size", RuntimeEstimators.nodeDocsURL),
      Reference("Render build pipeline", "https://render.com/docs/build-pipeline"),
    ],
    fix: """
      Build where memory is plentiful and ship the result: build in CI (GitHub-hosted Linux runners \
      have 7 GB or more) or in a Docker build on a bigger machine, and copy the output to the host \
      (Next.js: `output: 'standalone'`, then run `node .next/standalone/server.js`). Tell deploylint \
      with `services.<name>.build-memory` in `.deploylint.yml`. Otherwise give the build machine at \
      least 2 GiB, or add swap, and keep any build heap flag at 75 % of its memory.
      """,
    examples: examples)

  public init(options: RuleOptions) {}

  public func check(_ project: Project) -> [Finding] {
    project.services.flatMap(check)
  }

  struct Site {
    var steps: [BuildStep]
    var heap: [HeapFlag]
    var budget: MemoryBudget
    var place: String
  }

  func check(_ service: Service) -> [Finding] {
    var sites: [Site] = []
    if !service.node.heavyBuilds.isEmpty,
      let budget = service.build.budget
    {
      let place =
        service.build.declaredBudget != nil
        ? "the build machine declared for it" : (service.build.location?.description ?? "the build machine")
      sites.append(
        Site(steps: service.node.heavyBuilds, heap: service.node.buildHeap, budget: budget, place: place))
    }
    if !service.node.startBuilds.isEmpty, let budget = service.runtimeBudget {
      sites.append(
        Site(
          steps: service.node.startBuilds, heap: [], budget: budget,
          place: "the instance itself (the start command builds before serving)"))
    }
    return sites.flatMap { check($0, service) }
  }

  func check(_ site: Site, _ service: Service) -> [Finding] {
    let budget = site.budget
    let memory = NodeHeapMath.describe(budget.bytes)
    let recommended = NodeHeapMath.recommendedMiB(for: budget.bytes)
    var findings: [Finding] = []
    var seen: Set<Span> = []
    for heap in site.heap where seen.insert(heap.span).inserted {
      let bytes = heap.bytes
      let tooBig = bytes >= budget.bytes
      guard tooBig || Saturating.product(bytes, 4) > Saturating.product(budget.bytes, 3) else { continue }
      let steps = site.steps.map { "`\($0.text)`" }.joined(separator: ", ")
      let message =
        "`--max-old-space-size=\(heap.mebibytes)` (\(heap.source)) applies to \(steps), which runs on "
        + "\(site.place) with \(memory) (\(budget.source)): \(NodeHeapMath.percent(bytes, of: budget.bytes)) % "
        + "of it. "
        + (tooBig
          ? "A heap cap at or above the machine's memory lets the build grow until the kernel kills it."
          : "Above 75 % too little is left for the bundler's workers and native memory.")
      let help = [
        "set --max-old-space-size=\(recommended) for the build (75 % of \(memory), rounded down to a multiple of 64 MiB)",
        "or build on a machine with more memory and declare it with services.\(service.name).build-memory in .deploylint.yml",
      ]
      var related = site.steps.prefix(1).map {
        RelatedLocation($0.span, "the build: \($0.text) (\($0.source))")
      }
      related += budget.related
      findings.append(
        finding(
          message, at: heap.span, help: help, related: related,
          edits: NodeHeapMath.numberEdit(heap, to: recommended).map { [$0] } ?? [], service: service.name,
          severity: tooBig ? .error : .warning))
    }
    guard findings.isEmpty, budget.bytes < RuntimeEstimators.nodeHeavyBuildFloor, let first = site.steps.first
    else {
      return findings
    }
    let defaultHeap = max(256, Int(budget.bytes / 2 / Bytes.MiB))
    var message =
      "`\(first.text)` (\(first.source)) runs on \(site.place) with \(memory) (\(budget.source)). Heavy "
      + "bundler builds are reported failing with \"JavaScript heap out of memory\" at V8's ~2 GB default "
      + "heap; with no flag V8 gives this build about \(defaultHeap) MiB of old space, and deploylint "
      + "expects such a build to need about \(Bytes.format(RuntimeEstimators.nodeHeavyBuildFloor, .binary)) (an estimate)."
    if service.platform == .generic || !service.node.startBuilds.isEmpty {
      message += " The build also competes with the running app for the same memory."
    }
    var help = [
      "build in CI (GitHub-hosted Linux runners have 7 GB or more) or on a bigger machine and ship the output "
        + "(Next.js: output: 'standalone' in next.config.js, then run node .next/standalone/server.js); then "
        + "declare services.\(service.name).build-memory in .deploylint.yml"
    ]
    if service.platform == .generic {
      help.append("or give the host at least 2 GiB of memory or swap before building in place")
    } else if let platform = service.platform,
      let plan = NodeHeapMath.biggerPlan(service, heapBytes: RuntimeEstimators.nodeHeavyBuildFloor * 3 / 4),
      let planMemory = plan.memory, !service.node.startBuilds.isEmpty
    {
      help.append(
        "or build in the platform's build step instead of the start command, or move to the "
          + "\(platform.displayName) plan `\(plan.id)` (\(Bytes.format(planMemory, .decimal)))")
    }
    var related = site.steps.dropFirst().map { RelatedLocation($0.span, "also builds: \($0.text)") }
    related += budget.related
    return [finding(message, at: first.span, help: help, related: related, service: service.name)]
  }
}
