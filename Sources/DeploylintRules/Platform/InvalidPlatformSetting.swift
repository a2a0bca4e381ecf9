import DeploylintCore

/// Flags platform settings the platform does not accept: unknown plan names,
/// runtimes it does not offer, settings the chosen plan cannot have.
public struct InvalidPlatformSetting: Rule {
  /// Render Blueprint runtimes (blueprint spec; API enum `serviceRuntime`).
  static let renderRuntimes: Set<String> = [
    "node", "python", "ruby", "go", "rust", "elixir", "docker", "image", "static",
  ]

  public static let description = RuleDescription(
    id: "invalid-platform-setting",
    category: .platform,
    severity: .error,
    summary: "A platform setting names a plan, runtime or combination the platform does not accept",
    rationale: """
      A plan name the platform does not know is rejected when the Blueprint is synced — or, worse, \
      a typo leaves a team believing it has memory it does not. Render Blueprints accept the plans \
      `free`, `starter`, `standard`, `pro`, `pro_plus`, `pro_max`, `pro_ultra` (plus `*_legacy` and \
      CPU/RAM-encoded plans such as `2c-4g`) and the runtimes node, python, ruby, go, rust, elixir, \
      docker, image and static (`env: native` is not one); free services cannot scale beyond one \
      instance. Heroku dyno sizes and Fly VM presets are checked against the same catalog \
      (`deploylint plans`).
      """,
    references: [
      Reference("Render Blueprint specification", "https://render.com/docs/blueprint-spec"),
      Reference("Render API: plan identifiers", "https://api-docs.render.com/reference/preview-service"),
      Reference("Render free instances (limits)", "https://render.com/docs/free"),
      Reference("Heroku dyno types", "https://devcenter.heroku.com/articles/dyno-types"),
    ],
    fix: "Use one of the values the message lists (`deploylint plans <platform>` prints the catalog).",
    examples: [
      .triggering(
        "a plan name Render does not have, and a runtime it does not offer",
        [
          ExampleFile(
            "render.yaml",
            """
            services:
              - type: web
                name: api
                env: ↓native
                plan: ↓hobby

            """)
        ]),
      .triggering(
        "a free service scaled to two instances",
        [
          ExampleFile(
            "render.yaml",
            """
            services:
              - type: web
                name: api
                runtime: node
                plan: free
                numInstances: ↓2

            """)
        ]),
      .nonTriggering(
        "valid plan and runtime",
        [
          ExampleFile(
            "render.yaml",
            "services:\n  - type: web\n    name: api\n    runtime: node\n    plan: pro_plus\n    numInstances: 2\n"
          )
        ]),
    ])

  public init(options: RuleOptions) {}

  public func check(_ project: Project) -> [Finding] {
    project.services.flatMap { check($0, overrides: project.planOverrides) }
  }

  func check(_ service: Service, overrides: [Plan] = []) -> [Finding] {
    var findings: [Finding] = []
    guard let platform = service.platform else { return [] }
    if let plan = service.plan?.value, let span = service.plan?.span,
      PlanCatalog.plan(platform, plan, overrides: overrides) == nil,
      [.render, .heroku, .fly, .railway].contains(platform)
    {
      let known = PlanCatalog.plans.filter { $0.platform == platform && $0.current }.map { "`\($0.id)`" }
      findings.append(
        finding(
          "\(platform.displayName) has no plan `\(plan)`; known plans: \(known.joined(separator: ", ")).",
          at: span,
          help: [
            "use one of the plans above (`deploylint plans \(platform.rawValue)` lists memory and price)"
          ],
          service: service.name))
    }
    if platform == .render, let runtime = service.platformConfig?.runtime,
      !Self.renderRuntimes.contains(runtime.value.lowercased())
    {
      findings.append(
        finding(
          "Render has no runtime `\(runtime.value)` (`\(runtime.key)`); it accepts "
            + Self.renderRuntimes.sorted().joined(separator: ", ") + ".", at: runtime.span,
          help: ["set `runtime:` to the language of the service (e.g. `node`, `python`) or `docker`"],
          service: service.name))
    }
    if platform == .render, service.plan?.value == "free", let instances = service.instances,
      instances.value > 1
    {
      findings.append(
        finding(
          "Render free services cannot scale beyond one instance; this one asks for \(instances.value).",
          at: instances.span,
          help: ["remove the scaling setting, or move to a paid plan (`starter` or above)"],
          service: service.name))
    }
    return findings
  }
}
