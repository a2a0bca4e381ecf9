import DeploylintCore

extension JobConcurrencyExceedsMemory {
  static let rationale = """
    A queue worker runs several jobs at once, and each job holds its memory while it runs: in \
    seed 001 two book generations of 300–400 MB each ran at once on a 512 MB Render instance, \
    which was killed. How many run at once is a setting, and its default is rarely what a small \
    plan holds:

    - **Celery** prefork: `--concurrency` (`-c`), else `worker_concurrency` \
    (`CELERY_WORKER_CONCURRENCY`, `CELERYD_CONCURRENCY`), else **one child process per CPU the \
    host reports** — `os.cpu_count()`, which sees the host's cores, not the plan's share (Render \
    free: 0.1 CPU on a many-core machine). `--pool threads|gevent|eventlet` run the jobs in one \
    process; `solo` runs one.
    - **Airflow**'s Celery worker: `worker_concurrency` 16 by default.
    - **RQ**: one job per worker (in a forked work horse); `rq worker-pool -n N` runs N.
    - **Dramatiq**: `--processes` (one per CPU) × `--threads` (8).
    - **Sidekiq**: 5 threads in one process (`-c`, `:concurrency:` in `config/sidekiq.yml`, \
    `RAILS_MAX_THREADS`).
    - **BullMQ** `Worker` and **Bee-Queue** `process()`: `concurrency` 1 unless set.

    What one job needs is specific to the application, so deploylint asks for it: \
    `services.<name>.job-memory` in `.deploylint.yml`. With it, jobs × job-memory above the \
    memory is an error when the memory and the count are stated (or documented defaults), a \
    warning otherwise. Without it, deploylint reports only what the repository shows: a \
    concurrency that follows the host's CPU count is a warning (nobody chose it); child \
    processes that each import PyTorch count 1 GB each; and a Sidekiq process counts a blank \
    Rails app's 117 MB plus 10 MB per thread (thoughtbot measured both for Puma's processes, \
    which load the same application), a warning when that floor alone exceeds the memory. \
    A concurrency it cannot size says nothing: it is the worker's documented or chosen \
    setting, Celery's prefork children are forked from a parent that has already loaded the \
    app, and a note that deploylint cannot check it would show no risk.
    """

  static let references = [
    Reference(
      "Celery worker: --concurrency defaults to the number of CPUs", JobRunnerDefaults.sources("Celery")[0]),
    Reference(
      "Celery concurrency: prefork, threads, gevent, solo",
      "https://docs.celeryq.dev/en/stable/userguide/concurrency/"),
    Reference(
      "Airflow Celery provider: worker_concurrency (16)", JobRunnerDefaults.sources("Airflow (Celery)")[0]),
    Reference("RQ workers and worker pools", JobRunnerDefaults.sources("RQ")[0]),
    Reference("Dramatiq: --processes and --threads", JobRunnerDefaults.sources("Dramatiq")[0]),
    Reference("Sidekiq: concurrency (default 5)", JobRunnerDefaults.sources("Sidekiq")[0]),
    Reference("BullMQ: worker concurrency (default 1)", JobRunnerDefaults.sources("BullMQ")[0]),
    Reference(
      "Python os.cpu_count(): CPUs in the system", "https://docs.python.org/3/library/os.html#os.cpu_count"),
    Reference(
      "thoughtbot/suspenders: a Rails process 117 MB, 10 MB more per thread", WorkerEstimators.rubySource),
  ]

  static let examples: [RuleExample] = [
    .triggering(
      "Celery with no --concurrency on Render's free plan (one child per host CPU)",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: worker
              name: books
              runtime: python
              plan: free
              buildCommand: pip install -r requirements.txt
              startCommand: ↓celery -A tasks worker --loglevel info

          """),
        ExampleFile("requirements.txt", "celery[redis]\n"),
      ]),
    .triggering(
      "three Celery jobs of 400 MB (declared) on a 512 MB plan",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: worker
              name: books
              runtime: python
              plan: starter
              buildCommand: pip install -r requirements.txt
              startCommand: celery -A tasks worker --concurrency ↓3

          """),
        ExampleFile(".deploylint.yml", "services:\n  books:\n    job-memory: 400m\n"),
      ]),
    .triggering(
      "Sidekiq with 50 threads on a 512 MB plan: one Rails process and its threads alone need 617 MB",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: worker
              name: jobs
              runtime: ruby
              plan: starter
              buildCommand: bundle install
              startCommand: bundle exec sidekiq -c ↓50

          """)
      ]),
    .triggering(
      "Airflow's Celery worker at its default 16 on a 2 GB host, 300 MB per task",
      [
        ExampleFile(".deploylint.yml", "services:\n  worker:\n    job-memory: 300m\n"),
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            worker:
              image: apache/airflow:2.9.3
              command: ↓celery worker
              mem_limit: 2g

          """),
      ]),
    .nonTriggering(
      "one Celery job at a time",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: worker
              name: books
              runtime: python
              plan: free
              buildCommand: pip install -r requirements.txt
              startCommand: celery -A tasks worker --concurrency 1

          """),
        ExampleFile(".deploylint.yml", "services:\n  books:\n    job-memory: 400m\n"),
      ]),
    .nonTriggering(
      "four Celery jobs of 100 MB in a 512 MB plan",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: worker
              name: mail
              runtime: python
              plan: starter
              buildCommand: pip install -r requirements.txt
              startCommand: celery --app mail worker -c 4

          """),
        ExampleFile(".deploylint.yml", "services:\n  mail:\n    job-memory: 100m\n"),
      ]),
    .nonTriggering(
      "Sidekiq's default five threads on 512 MB: the process floor fits and no job size is declared",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: worker
              name: jobs
              runtime: ruby
              plan: starter
              buildCommand: bundle install
              startCommand: bundle exec sidekiq

          """)
      ]),
    .nonTriggering(
      "four Celery children chosen explicitly, no job size declared: nothing shows a risk",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: worker
              name: tasks
              runtime: python
              plan: starter
              buildCommand: pip install -r requirements.txt
              startCommand: celery --app tasks worker --concurrency 4

          """),
        ExampleFile("requirements.txt", "celery[redis]\n"),
      ]),
  ]
}
