import DeploylintCore
import DeploylintEngine
import DeploylintParsers
import Testing

/// Application-server processes and queue-worker concurrency: command lines,
/// configuration files, environment, and each server's documented defaults.
@Suite struct ConcurrencyAssemblyTests {
  static func service(_ files: [(String, String)], _ name: String) -> Service? {
    ComposeAssemblyTests.service(ComposeAssemblyTests.assemble(files), name)
  }

  static func render(_ name: String, start: String, plan: String = "starter", env: String = "") -> String {
    """
    services:
      - type: worker
        name: \(name)
        runtime: python
        plan: \(plan)
        startCommand: \(start)
    \(env)
    """
  }

  @Test func celeryForms() throws {
    func runner(_ start: String, _ extra: [(String, String)] = []) -> JobRunnerFacts? {
      Self.service([("render.yaml", Self.render("w", start: start))] + extra, "w")?.jobRunner
    }
    let unset = try #require(runner("celery -A tasks worker --loglevel info"))
    #expect(unset.concurrency == nil)
    #expect(unset.origin == .hostCPUs)
    #expect(unset.pool == .processes)
    #expect(runner("celery -A tasks worker -c 3")?.concurrency == 3)
    #expect(runner("celery -A tasks worker --concurrency=2")?.concurrency == 2)
    #expect(runner("celery -A tasks worker -c4")?.concurrency == 4)
    #expect(runner("python -m celery -A tasks worker --concurrency 5")?.concurrency == 5)
    #expect(runner("celery -A tasks worker --pool solo -c 8")?.concurrency == 1)
    #expect(runner("celery -A tasks worker -P gevent -c 100")?.pool == .threads)
    #expect(runner("celery -A tasks worker --autoscale=6,2")?.concurrency == 6)
    let configured = try #require(
      runner(
        "celery -A tasks worker", [("celeryconfig.py", "broker_url = 'redis://'\nworker_concurrency = 2\n")]))
    #expect(configured.concurrency == 2)
    #expect(configured.configSpan?.line == 2)
    #expect(runner("celery -A tasks beat") == nil, "beat runs no jobs")
  }

  @Test func sidekiqAirflowRQDramatiq() throws {
    let compose = """
      services:
        sidekiq:
          image: app/rails
          command: bundle exec sidekiq -C config/sidekiq.yml
        airflow:
          image: apache/airflow:2.9.3
          command: celery worker
          environment:
            AIRFLOW__CELERY__WORKER_CONCURRENCY: "4"
        rq:
          image: app/py
          command: rq worker-pool -n 3
        dramatiq:
          image: app/py
          command: dramatiq tasks --processes 2 --threads 4

      """
    let files = [
      ("docker-compose.yml", compose),
      (
        "config/sidekiq.yml",
        "production:\n  :concurrency: 12\n:concurrency: <%= ENV.fetch(\"SIDEKIQ_THREADS\") { 3 } %>\n"
      ),
    ]
    let sidekiq = try #require(Self.service(files, "sidekiq")?.jobRunner)
    #expect(sidekiq.runner == "Sidekiq")
    #expect(sidekiq.concurrency == 3, "the top-level value, its ERB default")
    #expect(sidekiq.pool == .threads)
    let airflow = try #require(Self.service(files, "airflow")?.jobRunner)
    #expect(airflow.runner == "Airflow (Celery)")
    #expect(airflow.concurrency == 4)
    #expect(Self.service(files, "rq")?.jobRunner?.concurrency == 3)
    #expect(Self.service(files, "dramatiq")?.jobRunner?.concurrency == 8)
    let plainSidekiq = try #require(
      Self.service([("docker-compose.yml", "services:\n  s:\n    image: a\n    command: sidekiq\n")], "s")?
        .jobRunner)
    #expect(plainSidekiq.concurrency == 5)
    #expect(plainSidekiq.origin == .documentedDefault)
  }

  @Test func bullmqWorkersInScripts() throws {
    let files = [
      (
        "render.yaml",
        "services:\n  - type: web\n    name: queue\n    runtime: node\n    plan: starter\n    startCommand: npm start\n"
      ),
      ("package.json", #"{"scripts": {"start": "node dist/index.js"}}"#),
      (
        "src/queue.ts",
        "import { Worker } from 'bullmq'\n\nexport const w = new Worker(\n  'mail',\n  send,\n  { connection, concurrency: 3 }\n)\n"
      ),
    ]
    let project = ComposeAssemblyTests.assemble(files)
    let runner = try #require(project.services.first?.jobRunner)
    #expect(runner.runner == "BullMQ")
    #expect(runner.concurrency == 3)
    #expect(runner.span.line == 6)
  }

  /// Fly runs each process group on VMs of its own: one service per group,
  /// sized by the `[[vm]]` that names it (issue 16: Puma + Sidekiq on Fly).
  @Test func flyProcessGroupsAreServicesWithTheirVMs() throws {
    let fly = """
      app = "shop"

      [env]
        WEB_CONCURRENCY = "3"

      [processes]
        app = "bundle exec puma -t 5:5"
        worker = "bundle exec sidekiq -c 10"
        cron = "bundle exec clockwork clock.rb"

      [[vm]]
        memory = "1gb"
        processes = ["app"]

      [[vm]]
        memory = "512mb"
        processes = ["worker"]

      """
    let project = ComposeAssemblyTests.assemble([("fly.toml", fly)])
    #expect(project.services.map(\.name) == ["shop", "shop-worker", "shop-cron"])
    let web = try #require(Self.service([("fly.toml", fly)], "shop"))
    #expect(web.runtimeBudget?.bytes == Bytes.GiB)
    #expect(web.workers?.count == 3)
    #expect(web.workers?.threads?.value == 5)
    let worker = try #require(Self.service([("fly.toml", fly)], "shop-worker"))
    #expect(worker.runtimeBudget?.bytes == 512 * Bytes.MiB)
    #expect(worker.runtimeBudget?.span?.line == 16)
    #expect(worker.jobRunner?.runner == "Sidekiq")
    #expect(worker.jobRunner?.concurrency == 10)
    #expect(worker.workers == nil)
    // No [[vm]] names `cron` and none applies to every group: Fly's default VM.
    let cron = try #require(Self.service([("fly.toml", fly)], "shop-cron"))
    #expect(cron.runtimeBudget?.bytes == 256 * Bytes.MiB)
    #expect(cron.runtimeBudget?.provenance == .assumed)

    // One group, or none: one service, sized by the first [[vm]] as before.
    let single = ComposeAssemblyTests.assemble([
      ("fly.toml", "app = \"api\"\n\n[processes]\n  app = \"node server.js\"\n\n[[vm]]\n  memory = \"2gb\"\n")
    ])
    #expect(single.services.map(\.name) == ["api"])
    #expect(single.services.first?.runtimeBudget?.bytes == 2 * Bytes.GiB)
  }

  @Test func pumaUnicornPassengerPHP() throws {
    let puma = """
      max_threads = ENV.fetch("RAILS_MAX_THREADS") { 4 }
      threads max_threads, max_threads
      workers ENV.fetch("WEB_CONCURRENCY") { 3 }
      preload_app!

      """
    let compose = """
      services:
        web:
          image: app/rails
          command: bin/rails server -b 0.0.0.0
        single:
          image: app/rails
          command: bundle exec puma -t 5:5 -p 3000
          working_dir: /other
        php:
          image: php:8.3-fpm-alpine
          mem_limit: 512m

      """
    let files = [
      ("docker-compose.yml", compose), ("config/puma.rb", puma),
      ("docker/www.conf", "[www]\npm.max_children = 12\nphp_admin_value[memory_limit] = 64M\n"),
    ]
    let web = try #require(Self.service(files, "web")?.workers)
    #expect(web.server == "puma")
    #expect(web.count == 3)
    #expect(web.threads?.value == 4)
    #expect(web.hasMaster)
    #expect(web.preload)
    #expect(web.configSpan?.line == 3)
    #expect(WorkerEstimators.ruby(web).bytes == (117 + 3 * (117 + 40)) * Bytes.MB)

    let php = try #require(Self.service(files, "php")?.workers)
    #expect(php.count == 12)
    #expect(php.perProcessLimit?.value == 64 * Bytes.MiB)
    #expect(WorkerEstimators.php(php).bytes == 12 * 64 * Bytes.MiB)

    let heroku = [
      ("app.json", #"{"formation": {"web": {"size": "basic"}}}"#),
      ("Procfile", "web: bundle exec passenger start --max-pool-size 4\n"),
    ]
    let passenger = try #require(ComposeAssemblyTests.assemble(heroku).services.first?.workers)
    #expect(passenger.server == "passenger")
    #expect(passenger.count == 4)
  }

  @Test func unicornCelerydAndBeeQueue() throws {
    let compose = """
      services:
        unicorn:
          image: app/rails
          command: bundle exec unicorn -c config/unicorn.rb
          environment:
            WEB_CONCURRENCY: "4"
        plain:
          image: app/rails
          command: bundle exec unicorn_rails
        celery:
          image: app/py
          command: celery -A proj worker

      """
    let files = [
      ("docker-compose.yml", compose),
      ("config/unicorn.rb", "worker_processes Integer(ENV[\"WEB_CONCURRENCY\"] || 3)\npreload_app true\n"),
      ("celeryconfig.py", "CELERYD_CONCURRENCY = 6\n"),
    ]
    let unicorn = try #require(Self.service(files, "unicorn")?.workers)
    #expect(unicorn.server == "unicorn")
    #expect(unicorn.count == 4, "WEB_CONCURRENCY set in the environment wins over the default 3")
    #expect(unicorn.hasMaster)
    #expect(unicorn.configSpan?.line == 1)
    let plain = try #require(Self.service(files, "plain")?.workers)
    #expect(plain.count == 1)
    #expect(plain.origin == .documentedDefault)
    #expect(Self.service(files, "celery")?.jobRunner?.concurrency == 6)

    let bee = [
      (
        "render.yaml",
        "services:\n  - type: worker\n    name: jobs\n    runtime: node\n    plan: starter\n    startCommand: node worker.js\n"
      ),
      ("package.json", #"{"dependencies": {"bee-queue": "1.7.1"}}"#),
      (
        "worker.js",
        "const Queue = require('bee-queue')\nconst q = new Queue('mail')\nq.process(4, async (job) => send(job))\n"
      ),
    ]
    let runner = try #require(ComposeAssemblyTests.assemble(bee).services.first?.jobRunner)
    #expect(runner.runner == "Bee-Queue")
    #expect(runner.concurrency == 4)
    #expect(runner.span.line == 3)
  }

  @Test func gunicornConfigFile() throws {
    func workers(_ config: String, start: String = "gunicorn --config gunicorn.conf.py app:app")
      -> WorkerFacts?
    {
      let render = """
        services:
          - type: web
            name: api
            runtime: python
            plan: free
            startCommand: \(start)

        """
      return Self.service([("render.yaml", render), ("gunicorn.conf.py", config)], "api")?.workers
    }
    let cpu = try #require(workers("import multiprocessing\nworkers = multiprocessing.cpu_count() * 2 + 1\n"))
    #expect(cpu.count == 3, "at least one CPU reported: 1 × 2 + 1")
    #expect(cpu.origin == .hostCPUs)
    #expect(cpu.configSpan?.line == 2)
    #expect(cpu.span.line == 6, "the finding stays on the command the platform runs")
    let env = try #require(
      workers("import os\nworkers = int(os.environ.get(\"WEB_CONCURRENCY\", 4))\npreload_app = True\n"))
    #expect(env.count == 4)
    #expect(env.preload)
    #expect(
      workers("workers = 6\n", start: "gunicorn -w 2 -c gunicorn.conf.py app:app")?.count == 2,
      "the command line wins")
    #expect(
      workers("workers = 6\n", start: "gunicorn app:app")?.count == 6, "./gunicorn.conf.py is read by default"
    )
  }

  @Test func countExpressions() {
    #expect(CountExpression.read("4") == .literal(4))
    #expect(
      CountExpression.read("ENV.fetch(\"WEB_CONCURRENCY\") { 2 }")
        == .environment("WEB_CONCURRENCY", default: 2))
    #expect(
      CountExpression.read("Integer(ENV['WEB_CONCURRENCY'] || 3)")
        == .environment("WEB_CONCURRENCY", default: 3))
    #expect(CountExpression.read("int(os.getenv('WORKERS', '5'))") == .environment("WORKERS", default: 5))
    #expect(CountExpression.read("multiprocessing.cpu_count() * 2 + 1") == .cpuCount(multiplier: 2, add: 1))
    #expect(CountExpression.read("Concurrent.physical_processor_count") == .cpuCount(multiplier: 1, add: 0))
    #expect(CountExpression.read("worker_count if worker_count > 1") == .variable("worker_count"))
    #expect(CountExpression.read("compute()") == .unknown)
  }
}
