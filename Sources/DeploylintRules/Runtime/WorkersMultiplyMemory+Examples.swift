import DeploylintCore

extension WorkersMultiplyMemory {
  /// The examples of `WorkersMultiplyMemory.description`: they run as tests and are shown on its page.
  static let examples: [RuleExample] = [
    .triggering(
      "three gunicorn workers on Render's free plan",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: web
              name: api
              runtime: python
              plan: free
              buildCommand: pip install -r requirements.txt
              startCommand: gunicorn ↓-w 3 app:app

          """),
        ExampleFile("requirements.txt", "flask\ngunicorn\n"),
      ]),
    .triggering(
      "two uvicorn workers that each import PyTorch on a 2 GB plan",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: web
              name: embed
              runtime: python
              plan: standard
              buildCommand: pip install -r requirements.txt
              startCommand: uvicorn app:app ↓--workers 2

          """),
        ExampleFile("requirements.txt", "fastapi\nuvicorn\nsentence-transformers\n"),
      ]),
    .triggering(
      "gunicorn started by a compose `sh -c` script after the migrations",
      [
        ExampleFile(
          "compose.yaml",
          """
          services:
            web:
              image: shop/web:2
              mem_limit: 512m
              command: sh -c "python manage.py migrate && exec gunicorn ↓--workers 4 shop.wsgi"

          """),
        ExampleFile("requirements.txt", "django\ngunicorn\n"),
      ]),
    .nonTriggering(
      "one worker with threads",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: web
              name: api
              runtime: python
              plan: free
              buildCommand: pip install -r requirements.txt
              startCommand: gunicorn -w 1 --threads 4 app:app

          """),
        ExampleFile("requirements.txt", "flask\ngunicorn\n"),
      ]),
  ]

  /// Examples of the servers beyond gunicorn's command line.
  static let serverExamples: [RuleExample] = [
    .triggering(
      "gunicorn's config file sizes the workers from the host's CPUs, on Render's free plan",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: web
              name: detect
              runtime: python
              plan: free
              buildCommand: pip install -r requirements.txt
              startCommand: gunicorn --config ↓gunicorn.conf.py app:app

          """),
        ExampleFile(
          "gunicorn.conf.py",
          """
          import multiprocessing

          workers = multiprocessing.cpu_count() * 2 + 1
          timeout = 120

          """),
        ExampleFile("requirements.txt", "flask\ngunicorn\n"),
      ]),
    .triggering(
      "three Puma workers × 5 threads on Render starter (512 MB)",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: web
              name: shop
              runtime: ruby
              plan: starter
              buildCommand: bundle install
              startCommand: bundle exec puma -C config/puma.rb
              envVars:
                - ↓key: WEB_CONCURRENCY
                  value: 3

          """),
        ExampleFile(
          "config/puma.rb",
          """
          threads_count = ENV.fetch("RAILS_MAX_THREADS") { 5 }
          threads threads_count, threads_count
          preload_app!

          """),
      ]),
    .triggering(
      "Passenger with a pool of 5 on a 512 MB Heroku dyno",
      [
        ExampleFile(
          "app.json",
          #"{"name": "clinic", "formation": {"web": {"quantity": 1, "size": "basic"}}}"#),
        ExampleFile("Procfile", "web: bundle exec passenger start -p $PORT ↓--max-pool-size 5\n"),
      ]),
    .triggering(
      "PHP-FPM's stock pool (5 children × 128M) in a 512m container",
      [
        ExampleFile(
          "docker-compose.yml",
          """
          services:
            php:
              image: ↓php:8.3-fpm
              mem_limit: 512m

          """)
      ]),
    .nonTriggering(
      "Heroku's own sizing: WEB_CONCURRENCY=2 on a 512 MB dyno, preloaded",
      [
        ExampleFile("app.json", #"{"name": "getting-started", "buildpacks": [{"url": "heroku/python"}]}"#),
        ExampleFile("Procfile", "web: gunicorn --config gunicorn.conf.py site.wsgi\n"),
        ExampleFile(
          "gunicorn.conf.py",
          """
          import os

          workers = os.environ.get("WEB_CONCURRENCY", 1)
          threads = 5
          preload_app = True

          """),
      ]),
    .triggering(
      "a note: three Puma workers × 5 threads take 60 % of a 1 GB Fly VM as a blank Rails app",
      [
        ExampleFile(
          "fly.toml",
          """
          app = "shop"

          [env]
            WEB_CONCURRENCY = "3"

          [processes]
            app = ↓"bin/rails server"

          [[vm]]
            memory = "1gb"

          """),
        ExampleFile(
          "config/puma.rb",
          """
          threads 5, 5
          workers ENV.fetch("WEB_CONCURRENCY") { 2 }

          """),
      ]),
    .nonTriggering(
      "two Puma workers × 3 threads on a 1 GB Fly VM",
      [
        ExampleFile(
          "fly.toml",
          """
          app = "shop"

          [processes]
            app = "bin/rails server"

          [[vm]]
            memory = "1gb"

          """),
        ExampleFile(
          "config/puma.rb",
          """
          workers ENV.fetch("WEB_CONCURRENCY") { 2 }
          threads 3, 3

          """),
      ]),
    .nonTriggering(
      "Heroku's Puma guide on a 512 MB dyno: `workers(ENV.fetch('WEB_CONCURRENCY') { 2 })`, 3 threads",
      [
        ExampleFile(
          "app.json", #"{"name": "getting-started", "buildpacks": [{"url": "heroku/ruby"}]}"#),
        ExampleFile("Procfile", "web: bundle exec puma -C config/puma.rb\n"),
        ExampleFile(
          "config/puma.rb",
          """
          threads_count = ENV.fetch("RAILS_MAX_THREADS", 3)
          threads threads_count, threads_count
          workers(ENV.fetch('WEB_CONCURRENCY') { 2 })
          """),
      ]),
    .triggering(
      "eight gunicorn workers chosen on a 512 MB Heroku dyno, preloaded",
      [
        ExampleFile(
          "app.json", #"{"name": "api", "buildpacks": [{"url": "heroku/python"}]}"#),
        ExampleFile("Procfile", "web: gunicorn ↓--workers 8 --preload app:app\n"),
        ExampleFile("requirements.txt", "flask\ngunicorn\n"),
      ]),
  ]
}
