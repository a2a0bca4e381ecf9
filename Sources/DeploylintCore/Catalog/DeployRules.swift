/// One rule of how a platform resolves a deploy (what it reads, builds and
/// starts), with the page that documents it and the date it was checked:
/// assembly cites these in the evidence of each fact it resolves, and
/// `deploylint plans` prints them. Data, like the plan catalog.
public struct DeployRule: Sendable, Hashable {
  public var platform: Platform
  /// Stable name, for tests and the catalog page.
  public var id: String
  /// The rule in the user's terms.
  public var statement: String
  public var source: String
  public var checked: String

  public init(_ platform: Platform, _ id: String, _ statement: String, source: String, checked: String) {
    self.platform = platform
    self.id = id
    self.statement = statement
    self.source = source
    self.checked = checked
  }

  /// "statement (source, checked date)": how evidence cites it.
  public var cited: String { "\(statement) (\(source), checked \(checked))" }
}

extension PlanCatalog {
  /// How each platform resolves a deploy. Sources: platforms.md §1–§4 and
  /// §10, and the platforms' own documentation where it is silent.
  public static let deployRules: [DeployRule] = [
    // Render — https://render.com/docs/blueprint-spec (platforms.md §1.5, §10).
    DeployRule(
      .render, "render-blueprint-path",
      "Render reads the Blueprint `render.yaml` at the root of the repository (another path only when it is set in the dashboard)",
      source: "https://render.com/docs/blueprint-spec", checked: "2026-11-28"),
    DeployRule(
      .render, "render-default-plan", "a Render service without `plan` gets the `starter` instance type",
      source: "https://render.com/docs/blueprint-spec", checked: "2026-11-28"),
    DeployRule(
      .render, "render-static-site",
      "a static site (`runtime: static`, legacy `env: static` or `type: static`) has no instance: Render builds it on the build pipeline and serves the files",
      source: "https://render.com/docs/blueprint-spec", checked: "2026-11-28"),
    DeployRule(
      .render, "render-managed-entries",
      "`type: keyvalue` (formerly `redis`) entries and `databases:` are services Render runs itself, not processes of the repository",
      source: "https://render.com/docs/blueprint-spec", checked: "2026-11-28"),
    DeployRule(
      .render, "render-native-build",
      "a native runtime builds with `buildCommand` in `rootDir` and ignores Dockerfiles; only `runtime: docker` builds `dockerfilePath` (default `./Dockerfile`) with `dockerContext`, and `runtime: image` builds nothing",
      source: "https://render.com/docs/blueprint-spec", checked: "2026-11-28"),
    // Railway — railwayapp/docs at c2a634f1 (2026-08-21), platforms.md §2, §10.
    DeployRule(
      .railway, "railway-dockerfile",
      "Railway builds with the `Dockerfile` at the root of the service's source directory when there is one (or the one `RAILWAY_DOCKERFILE_PATH` / `build.dockerfilePath` names)",
      source: "https://docs.railway.com/builds/dockerfiles", checked: "2026-08-21"),
    DeployRule(
      .railway, "railway-railpack-default",
      "without a Dockerfile, Railway builds new services with Railpack, which reads `railpack.json` at the service root",
      source: "https://docs.railway.com/config-as-code/reference", checked: "2026-08-21"),
    DeployRule(
      .railway, "railway-procfile",
      "Railpack uses a Procfile at the service root as the start command, one process per service (`web`, else `worker`, else the first)",
      source: "https://railpack.com/config/procfile", checked: "2026-11-28"),
    DeployRule(
      .railway, "railway-start-command",
      "a start command set for a Dockerfile service replaces the image's ENTRYPOINT and CMD",
      source: "https://docs.railway.com/deployments/start-command", checked: "2026-11-28"),
    DeployRule(
      .railway, "railway-config-root",
      "the Railway config file does not follow the root directory: a service whose root is a folder reads `/railway.json` unless its config path names the file in that folder",
      source: "https://docs.railway.com/builds/build-configuration#set-the-root-directory",
      checked: "2026-08-21"),
    DeployRule(
      .railway, "railway-root-directory",
      "a service's Root Directory is a dashboard setting (config-as-code has no field for it): Railway pulls only that folder's files when it deploys, so the build reads the Dockerfile, manifests, Procfile and builder configuration there, and a start command runs there",
      source: "https://docs.railway.com/deployments/monorepo", checked: "2026-12-07"),
    DeployRule(
      .railway, "railway-dockerfile-over-procfile",
      "with a Dockerfile at the service root Railway builds the Dockerfile (\"Railway will always build with a Dockerfile if it finds one\"); only Railpack and Nixpacks read a Procfile, so a Procfile beside that Dockerfile is not read",
      source: "https://docs.railway.com/config-as-code/reference", checked: "2026-08-21"),
    DeployRule(
      .railway, "railway-config-cutoff",
      "config-as-code (`railway.json` / `railway.toml`) is deprecated since 2026-08-21 and not read after the hard cut-off on 2026-12-01",
      source: "https://docs.railway.com/config-as-code", checked: "2026-08-21"),
    DeployRule(
      .railway, "railway-nixpacks",
      "Nixpacks reads `nixpacks.toml` at the app root: `[phases.*] cmds` replace the provider's commands unless they hold \"...\", `[start] cmd` is the start command",
      source: "https://nixpacks.com/docs/configuration/file", checked: "2026-11-28"),
    // Fly — superfly/docs at 5c22c8ce (2026-08-07), platforms.md §3.
    DeployRule(
      .fly, "fly-vm-scope",
      "a `[[vm]]` block applies to the process groups its `processes` lists; one without `processes` applies to all the others",
      source: "https://fly.io/docs/reference/configuration/#the-vm-section", checked: "2026-08-07"),
    DeployRule(
      .fly, "fly-default-vm", "without `[[vm]]`, new Machines are shared-cpu-1x with 256 MB",
      source: "https://fly.io/docs/apps/scale-machine/", checked: "2026-08-07"),
    DeployRule(
      .fly, "fly-memory-independent",
      "memory is set independently of the CPU preset (`memory` wins over `size`): up to 2 GB per shared CPU, 8 GB per performance CPU",
      source: "https://fly.io/docs/machines/guides-examples/machine-sizing/", checked: "2026-08-07"),
    DeployRule(
      .fly, "fly-process-groups",
      "each `[processes]` group runs on its own Machines, with its own size",
      source: "https://fly.io/docs/apps/processes/", checked: "2026-08-07"),
    DeployRule(
      .fly, "fly-build",
      "fly deploy builds `[build] dockerfile` (default `Dockerfile`) with the app folder as context and `build-target` as the stage, on a remote builder; `[build.args]` are the only variables the build sees",
      source: "https://fly.io/docs/reference/configuration/#the-build-section", checked: "2026-08-07"),
    // Heroku and Procfile hosts — platforms.md §4, §10.
    DeployRule(
      .heroku, "heroku-evidence",
      "a Heroku app is evidenced by `app.json` with Heroku keys (`formation`, `buildpacks`, `stack`, `addons`, `environments`) or `heroku.yml`; a Procfile alone is shared by Heroku, Railway, Dokku and others",
      source: "https://devcenter.heroku.com/articles/app-json-schema", checked: "2026-11-28"),
    DeployRule(
      .dokku, "dokku-evidence",
      "a Dokku app is evidenced by `DOKKU_SCALE` or `app.json` keys only Dokku reads (`scripts.dokku`, `cron`, `healthchecks`); it runs on the owner's server",
      source: "https://dokku.com/docs/appendices/file-formats/app-json/", checked: "2026-11-28"),
  ]

  /// The deploy rule `id`; traps on a name the catalog does not hold (a programming error).
  public static func deployRule(_ id: String) -> DeployRule {
    guard let rule = deployRules.first(where: { $0.id == id }) else {
      preconditionFailure("no deploy rule \(id)")
    }
    return rule
  }
}
