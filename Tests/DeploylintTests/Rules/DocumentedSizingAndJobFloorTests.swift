import DeploylintCore
import DeploylintEngine
import DeploylintRules
import Testing

/// No noise from the two concurrency rules (ecosystem causes
/// `unsized-concurrency-note` and `platform-default-sizing`): a worker count
/// that is the platform's documented sizing and fits says nothing, a queue
/// worker without a declared job size is reported only when a floor
/// deploylint knows exceeds the memory, and chosen counts that do not fit
/// still fire.
@Suite struct DocumentedSizingAndJobFloorTests {
  static func findings(_ files: [(String, String)], _ id: String) -> [Finding] {
    StartScriptTests.findings(files, id)
  }

  static func service(_ files: [(String, String)]) -> Service? {
    StartScriptTests.assemble(files).services.first
  }

  static let herokuRuby = #"{"name": "getting-started", "buildpacks": [{"url": "heroku/ruby"}]}"#
  static let pumaProcfile = "web: bundle exec puma -C config/puma.rb\n"
  static let pumaGuide =
    "threads_count = ENV.fetch(\"RAILS_MAX_THREADS\", 3)\nthreads threads_count, threads_count\n"
    + "workers(ENV.fetch('WEB_CONCURRENCY') { 2 })\n"

  // MARK: workers-multiply-memory at the platform's sizing

  @Test func herokuPumaGuideFallbackIsThePlatformsSizingAndSilent() throws {
    let files = [
      ("app.json", Self.herokuRuby), ("Procfile", Self.pumaProcfile), ("config/puma.rb", Self.pumaGuide),
    ]
    let workers = try #require(Self.service(files)?.workers)
    #expect(workers.count == 2)
    #expect(workers.threads?.value == 3)
    #expect(workers.origin == .documentedDefault)
    #expect(Self.findings(files, "workers-multiply-memory").isEmpty)
  }

  @Test func sameFallbackOffHerokuOrAboveItsSizingStillGetsTheNote() throws {
    // On Render the fallback is the repository's own choice: 411 MB of 512 MB.
    let render = """
      services:
        - type: web
          name: shop
          runtime: ruby
          plan: starter
          startCommand: bundle exec puma -C config/puma.rb
      """
    let onRender = Self.findings(
      [("render.yaml", render), ("config/puma.rb", Self.pumaGuide)], "workers-multiply-memory")
    #expect(onRender.map(\.severity) == [.note])
    #expect(onRender.first?.message.contains("80 %") == true)
    // Three on a 512 MB dyno is above Heroku's sizing of two: a choice, and it does not fit.
    let three = Self.pumaGuide.replacingOccurrences(of: "{ 2 }", with: "{ 3 }")
    let files = [("app.json", Self.herokuRuby), ("Procfile", Self.pumaProcfile), ("config/puma.rb", three)]
    #expect(Self.service(files)?.workers?.origin == .declared)
    #expect(Self.findings(files, "workers-multiply-memory").map(\.severity) == [.warning])
  }

  @Test func pumaPreloadFollowsTheConfigAndTheLockedVersion() throws {
    func preload(_ puma: String, lock: String?, start: String = "bundle exec puma -C config/puma.rb") -> Bool?
    {
      var files = [("Procfile", "web: \(start)\n"), ("app.json", Self.herokuRuby), ("config/puma.rb", puma)]
      if let lock {
        files.append(
          (
            "Gemfile.lock",
            "GEM\n  remote: https://rubygems.org/\n  specs:\n    puma (\(lock))\n      nio4r (~> 2.0)\n"
          ))
      }
      return Self.service(files)?.workers?.preload
    }
    let cluster = "workers 2\nthreads 3, 3\n"
    // ruby-getting-started: Puma 8 preloads in cluster mode without `preload_app!`.
    #expect(preload(Self.pumaGuide, lock: "8.0.2") == true)
    #expect(preload(cluster, lock: "7.1.0") == true)
    #expect(
      preload(cluster, lock: "6.4.2") == false, "Puma 6 ignored the default for workers set in the file")
    #expect(preload("threads 3, 3\n", lock: "6.4.2", start: "bundle exec puma -w 2") == true)
    #expect(preload(cluster, lock: nil) == false)
    #expect(preload(cluster + "fork_worker\n", lock: "8.0.2") == false)
    #expect(preload(cluster + "preload_app! false\n", lock: "8.0.2") == false)
    #expect(preload(cluster + "preload_app!\n", lock: nil) == true)
    #expect(preload("threads 3, 3\n", lock: "8.0.2") == false, "single mode forks nothing")
  }

  @Test func herokuPythonTemplatePreloadedInAnElseBranchIsSilent() throws {
    let conf = """
      import os
      workers = os.environ.get("WEB_CONCURRENCY", 1)
      threads = 5
      if os.environ.get("ENVIRONMENT") == "development":
          reload = True
      else:
          preload_app = True
      """
    let files = [
      ("app.json", #"{"name": "getting-started", "buildpacks": [{"url": "heroku/python"}]}"#),
      ("Procfile", "web: gunicorn --config gunicorn.conf.py site.wsgi\n"),
      ("gunicorn.conf.py", conf), ("requirements.txt", "django\ngunicorn\n"),
    ]
    let service = try #require(Self.service(files))
    let workers = try #require(service.workers)
    #expect(workers.count == 2)
    #expect(workers.origin == .documentedDefault)
    #expect(workers.preload)
    // Heroku's 256 MB per worker in the dyno's own unit: the budget picture
    // shows the template filling its dyno, not exceeding it.
    #expect(ServiceEstimates.workers(service)?.bytes == service.runtimeBudget?.bytes)
    #expect(Self.findings(files, "workers-multiply-memory").isEmpty)
  }

  @Test func explicitEightWorkersOnA512MBDynoStillFire() throws {
    let files = [
      ("app.json", #"{"name": "api", "buildpacks": [{"url": "heroku/python"}]}"#),
      ("Procfile", "web: gunicorn --workers 8 --preload app:app\n"),
      ("requirements.txt", "flask\ngunicorn\n"),
    ]
    let f = try #require(Self.findings(files, "workers-multiply-memory").first)
    #expect(f.severity == .warning)
    #expect(f.message.hasPrefix("8 gunicorn worker processes (gunicorn --workers 8)"))
    #expect(f.message.contains("with --preload: 1 × 256 MiB + 7 × 256 MiB = 2 GiB"))
  }

  // MARK: job-concurrency-exceeds-memory without a job size

  static func renderWorker(_ start: String, runtime: String = "ruby") -> String {
    """
    services:
      - type: worker
        name: jobs
        runtime: \(runtime)
        plan: starter
        startCommand: \(start)
    """
  }

  @Test func sidekiqAndCeleryWithoutAJobSizeSayNothingWhenTheFloorFits() throws {
    // Mastodon's, kuralis' and simple-server's shape: 5 (or 2) Sidekiq threads,
    // one blank Rails process of 167 MB, inside 512 MB.
    #expect(
      Self.findings(
        [("render.yaml", Self.renderWorker("bundle exec sidekiq"))], "job-concurrency-exceeds-memory"
      ).isEmpty)
    #expect(
      Self.findings(
        [("render.yaml", Self.renderWorker("bundle exec sidekiq -c 2"))], "job-concurrency-exceeds-memory"
      ).isEmpty)
    // render-examples/celery's shape: four prefork children chosen explicitly.
    let celery = Self.renderWorker("celery --app tasks worker --concurrency 4", runtime: "python")
    #expect(
      Self.findings(
        [("render.yaml", celery), ("requirements.txt", "celery[redis]\n")], "job-concurrency-exceeds-memory"
      )
      .isEmpty)
  }

  @Test func sidekiqWhoseProcessFloorExceedsTheMemoryWarnsWithTheNumbers() throws {
    let files = [("render.yaml", Self.renderWorker("bundle exec sidekiq -c 50"))]
    let f = try #require(Self.findings(files, "job-concurrency-exceeds-memory").first)
    #expect(f.severity == .warning)
    #expect(f.message.contains("1 Sidekiq process × (117 MB + 50 threads × 10 MB) = 617 MB"))
    #expect(f.span.line == 6)
    // The budget picture shows the same number.
    let service = try #require(Self.service(files))
    #expect(ServiceEstimates.knownNeed(service)?.bytes == 617 * Bytes.MB)
  }

  @Test func unsizedHostCPUConcurrencyAndDeclaredJobsStillFire() throws {
    let celery = Self.renderWorker("celery -A tasks worker", runtime: "python")
    let hostCPUs = Self.findings(
      [("render.yaml", celery), ("requirements.txt", "celery\n")], "job-concurrency-exceeds-memory")
    #expect(hostCPUs.map(\.severity) == [.warning])
    let declared = [
      ("render.yaml", Self.renderWorker("bundle exec sidekiq")),
      (".deploylint.yml", "services:\n  jobs:\n    job-memory: 150m\n"),
    ]
    // 5 × 150 MB = 750 MB on a stated 512 MB plan with Sidekiq's documented default.
    #expect(Self.findings(declared, "job-concurrency-exceeds-memory").map(\.severity) == [.error])
  }
}
