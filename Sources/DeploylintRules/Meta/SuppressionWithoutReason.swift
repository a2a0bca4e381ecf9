import DeploylintCore

/// A `# deploylint: disable=…` comment must say why: a silenced finding with no
/// reason is a finding nobody can re-examine later. The engine's suppression
/// stage emits this note (it reads comments, which the model does not hold);
/// the rule carries the description, docs and examples.
public struct SuppressionWithoutReason: Rule {
  public static let description = RuleDescription(
    id: "suppression-without-reason",
    category: .meta,
    severity: .note,
    summary: "A deploylint suppression comment gives no reason after `--`",
    rationale: """
      Suppressions are how a team says "this finding is fine here". Without the reason, the next \
      person cannot tell a considered decision from a silenced alarm, and a memory limit that was \
      fine on one plan stays silenced after the plan changes. deploylint still honours the \
      suppression; it asks for the reason, as linters with reasoned ignores do (ESLint's \
      `reportUnusedDisableDirectives` and `-- description` comments).
      """,
    references: [
      Reference(
        "ESLint: disable comments with descriptions",
        "https://eslint.org/docs/latest/use/configure/rules#comment-descriptions")
    ],
    fix: "Add ` -- <why this finding is fine here>` after the rule ids.",
    examples: [
      .triggering(
        "a suppression with no reason",
        [
          ExampleFile(
            "Dockerfile",
            "FROM python:3.12-slim\n↓# deploylint: disable=torch-without-thread-limits\nRUN pip install torch\n"
          )
        ]),
      .nonTriggering(
        "a suppression with a reason",
        [
          ExampleFile(
            "Dockerfile",
            "FROM python:3.12-slim\n# deploylint: disable=torch-without-thread-limits -- one worker, GPU box\nRUN pip install torch\n"
          )
        ]),
    ])

  public init(options: RuleOptions) {}

  /// Emitted by the engine's suppression stage, not from the model.
  public func check(_ project: Project) -> [Finding] { [] }
}
