import DeploylintCore

/// Reports files deploylint could not read as the kind their name says, at the
/// place the parser stopped. The run goes on: other files are still checked.
public struct UnparseableFile: Rule {
  public static let description = RuleDescription(
    id: "unparseable-file",
    category: .meta,
    severity: .error,
    summary: "A deployment file could not be parsed; deploylint checked everything else",
    rationale: """
      A file the platform will read but deploylint cannot parse is a file whose memory settings \
      nobody has checked: a typo that makes `render.yaml` invalid, a `railway.toml` that holds YAML, \
      or a Dockerfile buildkit itself rejects. The platform would reject most of these at deploy \
      time; deploylint says so before the push, at the place the parser stopped, and checks the \
      other files anyway. The Dockerfile grammar is buildkit's own (moby/buildkit \
      `frontend/dockerfile/parser`).
      """,
    references: [
      Reference(
        "buildkit Dockerfile parser",
        "https://github.com/moby/buildkit/tree/master/frontend/dockerfile/parser"),
      Reference("Dockerfile reference", "https://docs.docker.com/reference/dockerfile/"),
    ],
    fix: "Correct the syntax at the reported location; the message says what the parser expected.",
    examples: [
      .triggering(
        "ENV without a value is rejected by buildkit",
        [ExampleFile("Dockerfile", "FROM busybox\n↓ENV PATH\n")]),
      .triggering(
        "a Dockerfile with only comments has no instructions",
        [ExampleFile("Dockerfile", "↓# just a comment\n")]),
      .triggering(
        "YAML written into railway.toml",
        [ExampleFile("railway.toml", "build↓:\n  builder: DOCKERFILE\n")]),
      .nonTriggering(
        "a valid Dockerfile", [ExampleFile("Dockerfile", "FROM busybox\nENV PATH=/bin\n")]),
    ])

  public init(options: RuleOptions) {}

  public func check(_ project: Project) -> [Finding] {
    project.diagnostics.filter { $0.ruleID == Self.id }
  }
}
