import DeploylintCore

/// Says when a Procfile names no platform: deploylint then checks none of its
/// processes rather than invent a Heroku dyno for them (issue 14: a Procfile
/// alone made invented dynos and doubled every finding in real repositories).
public struct ProcfileWithoutPlatform: Rule {
  public static let description = RuleDescription(
    id: "procfile-without-platform",
    category: .platform,
    severity: .note,
    summary: "A Procfile names no platform, so its processes are not checked",
    rationale: """
      A Procfile is read by several hosts: Heroku, Dokku and other Herokuish servers, and \
      Railway, whose Railpack and Nixpacks builders take its command as the start command \
      (platforms.md §10). Each gives a process a different amount of memory, from a 512 MB \
      Heroku dyno to a whole server on Dokku. A Procfile alone does not say which host runs it: \
      Heroku is evidenced by `app.json` or `heroku.yml`, Dokku by `DOKKU_SCALE` or Dokku keys \
      in `app.json`, Railway by its configuration. Guessing one made false findings in real \
      repositories (leftover Procfiles of Fly apps checked as Heroku dynos), so deploylint \
      checks no process from such a Procfile and says so once. A Procfile beside a Dockerfile \
      in a folder its own comment says is Railway's (`# Railway Procfile`) is not noted: Railway \
      always builds that Dockerfile and only its Railpack and Nixpacks builders read Procfiles, so \
      no platform reads it (`deploylint services` lists it among the files no platform reads).
      """,
    references: [
      Reference("Heroku: the Procfile", "https://devcenter.heroku.com/articles/procfile"),
      Reference(
        "Heroku: app.json schema (formation)", "https://devcenter.heroku.com/articles/app-json-schema"),
      Reference(
        "Dokku: process management (DOKKU_SCALE)", "https://dokku.com/docs/processes/process-management/"),
      Reference(
        "Railway: build configuration (Procfiles)", "https://docs.railway.com/builds/build-configuration"),
      Reference(
        "Railway: config as code reference (\"Railway will always build with a Dockerfile if it finds one\")",
        "https://docs.railway.com/config-as-code/reference"),
    ],
    fix: """
      Say which host runs the processes: an `app.json` (with `formation` sizes) or `heroku.yml` \
      for Heroku, a `DOKKU_SCALE` file for Dokku, the platform's own configuration for Railway, \
      or `services.<name>.platform` (and `plan` or `memory`) in `.deploylint.yml`.
      """,
    examples: [
      .triggering(
        "a Procfile and nothing that names its host",
        [
          ExampleFile("Procfile", "↓web: gunicorn app:app --workers 4\nworker: celery -A app worker\n"),
          ExampleFile("requirements.txt", "flask\ncelery\n"),
        ]),
      .nonTriggering(
        "a Procfile with Heroku's app manifest",
        [
          ExampleFile("Procfile", "web: gunicorn app:app --workers 2\n"),
          ExampleFile("app.json", #"{ "formation": { "web": { "size": "basic" } } }"#),
        ]),
      .nonTriggering(
        "a Procfile in a Railway service (Railway starts it)",
        [
          ExampleFile("Procfile", "web: gunicorn app:app --workers 2\n"),
          ExampleFile("railway.toml", "[deploy]\nhealthcheckPath = \"/\"\n"),
        ]),
      .nonTriggering(
        "a Procfile its comment says is Railway's, beside the Dockerfile Railway builds instead",
        [
          ExampleFile("Procfile", "# Railway Procfile\nweb: gunicorn app:app --workers 2\n"),
          ExampleFile("Dockerfile", "FROM python:3.12-slim\nCMD [\"gunicorn\", \"app:app\"]\n"),
        ]),
      .nonTriggering(
        "a Procfile whose host is declared in .deploylint.yml",
        [
          ExampleFile("app/Procfile", "web: gunicorn app:app --workers 2\n"),
          ExampleFile(".deploylint.yml", "services:\n  app:\n    platform: dokku\n"),
        ]),
    ])

  public init(options: RuleOptions) {}

  public func check(_ project: Project) -> [Finding] {
    project.unclaimedProcfiles.map { procfile in
      let processes = procfile.processes.map { "`\($0)`" }.joined(separator: ", ")
      let name = ConfigDeclaration.yamlKey(procfile.webServiceName)
      return finding(
        "`\(procfile.path)` names no platform: Heroku, Dokku, Railway and other hosts start Procfiles, each with "
          + "its own memory, and nothing in the repository says which one starts these processes "
          + "(\(processes)), so deploylint checks none of them.",
        at: procfile.span,
        help: [
          "for Heroku add an `app.json` with the dyno sizes (`formation`) or a `heroku.yml`; for Dokku a `DOKKU_SCALE` "
            + "file; or declare the host in .deploylint.yml:\nservices:\n  \(name):\n    platform: heroku  # or dokku\n"
            + "    plan: basic  # a Heroku dyno size; for Dokku write memory: 1g instead"
        ])
    }
  }
}
