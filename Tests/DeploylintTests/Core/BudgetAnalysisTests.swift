import DeploylintCLI
import DeploylintCore
import DeploylintEngine
import Foundation
import Testing

/// The numbers behind each bar of `deploylint budget`, on the seed fixtures.
@Suite struct BudgetAnalysisTests {
  static func analysis(_ fixture: String) -> BudgetAnalysis {
    let (report, project) = Analyzer(toolVersion: "0.0.0-test").scanProject(
      roots: [(RepositoryPaths.repo("Fixtures/\(fixture)").path, "Fixtures/\(fixture)")])
    return BudgetAnalysis(project: project, findings: report.findings)
  }

  static func service(_ a: BudgetAnalysis, _ name: String) -> ServiceBudget? {
    a.services.first { $0.name == name }
  }

  @Test func kokoroOnRailwayFreeIsOverByThePyTorchFloor() throws {
    let a = Self.analysis("kokoro-railway-free")
    let s = try #require(a.services.first)
    #expect(s.platform == .railway)
    #expect(s.runtime.budget == 500 * Bytes.MB)
    #expect(s.runtime.assumed)
    #expect(s.planOrigin.hasPrefix("assumed: Railway's free plan"))
    let torch = try #require(s.runtime.terms.first { $0.kind == "ml-runtime" })
    // The rule's default floor, `1g` as documented.
    #expect(torch.bytes == 1 * Bytes.GiB)
    #expect(torch.arithmetic.contains("PyTorch"))
    #expect(!torch.sources.isEmpty)
    #expect(s.runtime.headroom == 500 * Bytes.MB - Bytes.GiB)
    #expect(s.runtime.headroomPercent == -115)
    #expect(s.runtime.smallestFittingPlan?.id == "hobby")
    #expect(s.runtime.smallestFittingPlan?.monthlyUSD == 5)
    #expect(s.findings.contains { $0.ruleID == "ml-runtime-exceeds-memory" })
  }

  @Test func heraWorkersExceedRenderFree() throws {
    let s = try #require(Self.analysis("hera-render-free").services.first)
    #expect(s.plan == "free")
    #expect(s.runtime.budget == 512 * Bytes.MB)
    let workers = try #require(s.runtime.terms.first { $0.kind == "workers" })
    // `worker-floor`'s default, `256m` as documented.
    #expect(workers.bytes == 512 * Bytes.MiB)
    #expect(workers.arithmetic == "2 gunicorn workers × 256 MiB = 512 MiB")
    #expect(s.runtime.headroom == 512 * Bytes.MB - 512 * Bytes.MiB)
    #expect(s.runtime.smallestFittingPlan?.id == "standard")
    #expect(s.build.budget == 8 * Bytes.GB)
    #expect(s.build.terms.isEmpty)
  }

  @Test func nextjsHeapAndBuildOvershootTheOneGigabyteHost() throws {
    let s = try #require(Self.analysis("nextjs-pm2-1gb-host").services.first)
    #expect(s.runtime.budget == Bytes.GiB)
    let heap = try #require(s.runtime.terms.first { $0.kind == "node-heap" })
    // 1536 MiB of old space at 75 % of the process: 2048 MiB.
    #expect(heap.bytes == 2048 * Bytes.MiB)
    #expect(heap.arithmetic.contains("--max-old-space-size=1536"))
    #expect(s.runtime.headroom == -Bytes.GiB)
    #expect(s.runtime.headroomPercent == -100)
    #expect(s.runtime.smallestFittingPlan == nil)
    let build = try #require(s.build.terms.first { $0.kind == "node-build" })
    #expect(build.bytes == 2 * Bytes.GiB)
    #expect(s.build.budget == Bytes.GiB)
  }

  /// Issue 16: the Elasticsearch stack's picture shows each JVM's estimate
  /// with its arithmetic, and the host bar counts them with the reserve.
  @Test func elkStackOnASmallHostShowsItsHeaps() throws {
    let a = Self.analysis("elk-compose-small-host")
    let host = try #require(a.hosts.first)
    #expect(host.budget == 1536 * Bytes.MiB)
    #expect(host.unlimitedServices == ["elasticsearch", "logstash", "kibana"])
    #expect(host.reserve.bytes == 256 * Bytes.MiB)
    let es = try #require(Self.service(a, "elasticsearch")?.runtime.terms.first { $0.kind == "jvm" })
    // -Xmx1g at Elastic's 50 %: 2 GiB.
    #expect(es.bytes == 2 * Bytes.GiB)
    #expect(es.arithmetic.contains("-Xmx1g") && es.arithmetic.contains("50 %"))
    #expect(!es.sources.isEmpty)
    let ls = try #require(Self.service(a, "logstash")?.runtime.terms.first { $0.kind == "jvm" })
    #expect(ls.bytes == 512 * Bytes.MiB * 4 / 3)
    let kibana = try #require(Self.service(a, "kibana")?.runtime.terms.first { $0.kind == "node-heap" })
    #expect(kibana.arithmetic.contains("--max-old-space-size=512"))
    #expect(host.committedTotal == es.bytes + ls.bytes + kibana.bytes)
    #expect(host.leftAfterReserve < 0)
  }

  /// Seed 001's Celery twin: the worker's jobs × job-memory in the picture.
  @Test func celeryTwinShowsJobsTimesJobMemory() throws {
    let worker = try #require(Self.service(Self.analysis("hera-celery-render"), "hera-worker"))
    #expect(worker.runtime.budget == 512 * Bytes.MB)
    #expect(worker.findings.contains { $0.ruleID == "job-concurrency-exceeds-memory" })
  }

  @Test func memolistTier3HostBarAndServices() throws {
    let a = Self.analysis("memolist-pi-tier3")
    let host = try #require(a.hosts.first)
    #expect(host.name == "pi4")
    #expect(host.budget == 4 * Bytes.GiB)
    #expect(host.segments.map(\.service) == ["nginx", "api", "postgres", "redis", "minio"])
    #expect(
      host.segments.map(\.limit) == [
        256 * Bytes.MiB, 1500 * Bytes.MiB, 1200 * Bytes.MiB, 512 * Bytes.MiB, nil,
      ])
    #expect(host.limitTotal == 3468 * Bytes.MiB)
    #expect(host.reservationTotal == 1200 * Bytes.MiB)
    #expect(host.headroom == 628 * Bytes.MiB)
    #expect(host.unlimitedServices == ["minio"])
    let postgres = try #require(Self.service(a, "postgres"))
    let pg = try #require(postgres.runtime.terms.first { $0.kind == "postgres" })
    // Defaults: 128 MiB + 100 × 4 MiB × 2 + 64 MiB.
    #expect(pg.bytes == 992 * Bytes.MiB)
    #expect(postgres.runtime.headroom == 208 * Bytes.MiB)
    let redis = try #require(Self.service(a, "redis"))
    let r = try #require(redis.runtime.terms.first)
    #expect(r.kind == "redis-unbounded" && r.unbounded && r.bytes == 512 * Bytes.MiB)
    let api = try #require(Self.service(a, "api"))
    #expect(api.host == "pi4")
    #expect(api.runtime.terms.first { $0.kind == "node-heap" }?.bytes == 1365 * Bytes.MiB)
    #expect(Self.service(a, "adminer")?.host == nil)
  }

  @Test func memolistTier4OvercommitsThePi() throws {
    let host = try #require(Self.analysis("memolist-pi-tier4").hosts.first)
    #expect(host.limitTotal == 10 * Bytes.GiB)
    #expect(host.headroom == -6 * Bytes.GiB)
    #expect(host.headroomPercent == -150)
    #expect(host.unlimitedServices.isEmpty)
    #expect(host.findings.map(\.ruleID).contains("compose-memory-exceeds-host"))
  }

  @Test func memolistFixedFitsWithHeadroom() throws {
    let a = Self.analysis("memolist-pi-fixed")
    let host = try #require(a.hosts.first)
    #expect(host.headroom >= 0)
    #expect(host.unlimitedServices.isEmpty)
    for s in a.services { #expect((s.runtime.headroom ?? 0) >= 0, "\(s.name)") }
  }

  @Test func rustBuildPeakUsesTheEstimator() {
    var service = Service(
      name: "api", span: Span(path: "Cargo.lock", line: 1, column: 1, endLine: 1, endColumn: 2))
    service.platform = .render
    var rust = RustFacts(lockPath: "Cargo.lock", packageCount: 700, lockSpan: service.span)
    rust.buildSteps = [
      CargoBuildStep(
        text: "cargo build --release -j 2", span: service.span, source: "Dockerfile RUN",
        jobs: Located(2, span: service.span),
        release: true)
    ]
    service.rust = rust
    service.build.declaredBudget = MemoryBudget(bytes: 1 * Bytes.GiB, source: "declared")
    let analysis = BudgetAnalysis(project: Project(services: [service]), findings: [])
    let term = analysis.services[0].build.terms.first { $0.kind == "rust-build" }
    let expected = RustBuildEstimator.estimate(packageCount: 700, jobs: 2)
    #expect(term?.bytes == expected.bytes)
    #expect(term?.arithmetic == expected.arithmetic)
    #expect(analysis.services[0].build.headroom == Bytes.GiB - expected.bytes)
  }
}
