import DeploylintCore

/// A suppression that silences nothing is noise that hides the next real
/// finding on that line: report it so it can be removed. Emitted by the
/// engine's suppression stage; the rule carries the description and examples.
public struct UnusedSuppression: Rule {
  public static let description = RuleDescription(
    id: "unused-suppression",
    category: .meta,
    severity: .note,
    summary: "A deploylint suppression comment suppresses no finding",
    rationale: """
      A suppression outlives the finding it was written for: the Dockerfile line was fixed, the \
      rule id was mistyped, or the comment sits two lines above the flagged line. Left in place it \
      silences whatever the rule finds there next, without anyone deciding so. deploylint reports \
      suppressions (and ids within one) that matched nothing, as ESLint's \
      `--report-unused-disable-directives` and Ruff's `unused-noqa` do. A suppression for a rule \
      turned `off` in `.deploylint.yml` is not reported.
      """,
    references: [
      Reference(
        "ESLint: report unused disable directives",
        "https://eslint.org/docs/latest/use/command-line-interface#--report-unused-disable-directives"),
      Reference("Ruff: unused-noqa (RUF100)", "https://docs.astral.sh/ruff/rules/unused-noqa/"),
    ],
    fix: "Remove the comment, or the ids in it that no longer match a finding on this line or the next.",
    examples: [
      .triggering(
        "nothing on the next line installs torch",
        [
          ExampleFile(
            "Dockerfile",
            "FROM python:3.12-slim\n↓# deploylint: disable=torch-without-thread-limits -- CPU-bound anyway\nRUN pip install flask\n"
          )
        ]),
      .triggering(
        "an unknown rule id",
        [ExampleFile("requirements.txt", "flask==3.0 ↓# deploylint: disable=no-such-rule -- typo\n")]),
      .nonTriggering(
        "a plain comment that mentions deploylint",
        [ExampleFile("requirements.txt", "# checked by deploylint\nflask\n")]),
    ])

  public init(options: RuleOptions) {}

  /// Emitted by the engine's suppression stage, not from the model.
  public func check(_ project: Project) -> [Finding] { [] }
}
