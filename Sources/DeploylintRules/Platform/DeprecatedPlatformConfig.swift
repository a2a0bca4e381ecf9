import DeploylintCore

/// Flags configuration a platform has announced it will stop reading, with the
/// dates the catalog records.
public struct DeprecatedPlatformConfig: Rule {
  public static let description = RuleDescription(
    id: "deprecated-platform-config",
    category: .platform,
    severity: .warning,
    summary: "The service relies on configuration its platform has deprecated",
    rationale: """
      Railway deprecated config-as-code (`railway.json` / `railway.toml`) on 2026-08-21 in \
      favour of Infrastructure as Code (`.railway/railway.ts`): existing files keep working until \
      the hard cut-off on 2026-12-01, and new services cannot opt in. After the cut-off the \
      build, start command and replica settings in these files are no longer read, so the \
      service silently falls back to defaults. Railway also deprecated the `NIXPACKS` builder \
      (Railpack is the default since 2025-09-16). deploylint keeps these dates in its plan \
      catalog (`deploylint plans railway`).
      """,
    references: [
      Reference("Railway: config as code (deprecation notice)", "https://docs.railway.com/config-as-code"),
      Reference(
        "Railway: config-as-code reference (builders)", "https://docs.railway.com/config-as-code/reference"),
      Reference(
        "Railway: infrastructure as code reference",
        "https://docs.railway.com/infrastructure-as-code/reference"),
    ],
    fix: """
      Move the settings to Railway's Infrastructure as Code before 2026-12-01: a \
      `.railway/railway.ts` with `service(name, { source, build, start, replicas })`, then delete \
      the `railway.json`/`railway.toml`. Replace `"builder": "NIXPACKS"` with `"RAILPACK"` or \
      `"DOCKERFILE"`.
      """,
    examples: [
      .triggering(
        "a railway.json (config-as-code) using the Nixpacks builder",
        [
          ExampleFile(
            "railway.json",
            """
            ↓{
              "build": { "builder": ↓"NIXPACKS" },
              "deploy": { "startCommand": "node server.js" }
            }

            """)
        ]),
      .nonTriggering(
        "a Render blueprint",
        [
          ExampleFile(
            "render.yaml", "services:\n  - type: web\n    name: web\n    runtime: node\n    plan: starter\n")
        ]),
    ])

  public init(options: RuleOptions) {}

  public func check(_ project: Project) -> [Finding] {
    // A config file that makes no service (its folder is no service root) is still deprecated.
    project.services.flatMap(check)
      + project.serviceLessConfigs.flatMap { check($0, service: nil) }
  }

  func check(_ service: Service) -> [Finding] {
    guard service.platform == .railway, let config = service.platformConfig else { return [] }
    return check(config, service: service.name)
  }

  func check(_ config: PlatformConfigFacts, service: String?) -> [Finding] {
    var findings: [Finding] = []
    let name = config.file.split(separator: "/").last.map(String.init) ?? config.file
    if let deprecation = PlanCatalog.deprecations.first(where: { $0.subject.contains("config-as-code") }) {
      // The wording follows today's date (assembly resolved the cut-off:
      // `SOURCE_DATE_EPOCH`, else the clock).
      let message: String
      if let since = config.notReadSince {
        let settings = config.notRead.map { "`\($0.key)`" }
        message =
          "`\(name)` is Railway config-as-code, deprecated on \(deprecation.announced); Railway has not read it since "
          + "\(since), so "
          + (settings.isEmpty
            ? "nothing in it applies."
            : "its \(settings.joined(separator: ", ")) no longer \(settings.count == 1 ? "applies" : "apply"): "
              + "deploylint resolves the service without \(settings.count == 1 ? "it" : "them").")
          + nixpacksNoLongerRead(config)
      } else {
        message =
          "`\(name)` is Railway config-as-code, deprecated on \(deprecation.announced); Railway stops reading it on "
          + "\(deprecation.cutoff ?? "a date to be announced"), after which its build and deploy settings no longer apply."
      }
      findings.append(
        finding(
          message,
          at: config.fileSpan,
          help: [
            "move the settings to \(deprecation.replacement), then delete `\(name)` (\(deprecation.source))"
          ],
          service: service))
    }
    // Before the cut-off the builder setting is a deprecation of its own.
    if config.notReadSince == nil, let builder = config.runtime, builder.value.uppercased() == "NIXPACKS",
      let deprecation = PlanCatalog.deprecations.first(where: { $0.subject.contains("NIXPACKS") })
    {
      findings.append(
        finding(
          "the `NIXPACKS` builder is deprecated on Railway since \(deprecation.announced).", at: builder.span,
          help: ["use \(deprecation.replacement) (\(deprecation.source))"], service: service))
    }
    return findings
  }

  /// A `builder: NIXPACKS` past the cut-off was what made Railway read
  /// `nixpacks.toml`: the install steps written there stop running with it,
  /// which is what breaks (or shrinks) the deploy, so the message says so.
  func nixpacksNoLongerRead(_ config: PlatformConfigFacts) -> String {
    guard
      config.notRead.contains(where: { $0.key == "builder" && $0.located.value.uppercased() == "NIXPACKS" })
    else { return "" }
    return
      " Its `builder: NIXPACKS` was what made Railway build with Nixpacks: unless the service's builder is "
      + "set to Nixpacks in Railway's dashboard, Railway builds it with Railpack, which does not read "
      + "`nixpacks.toml` (its install and build steps no longer run)."
  }
}
