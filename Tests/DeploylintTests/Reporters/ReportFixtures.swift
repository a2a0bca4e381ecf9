import DeploylintCore

@testable import DeploylintReporters

/// Small hand-built reports shared by the reporter tests.
enum ReportFixtures {
  static let dockerfile = "FROM python:3.12\r\nRUN\tpip install torch\r\nCMD [\"python\", \"app.py\"]\r\n"
  static let renderYAML = "services:\n  - name: api\n    plan: free\n"

  static let torchRule = RuleDescription(
    id: "torch-without-thread-limits", category: .runtime, severity: .error,
    summary: "PyTorch runs without thread limits.",
    rationale: "Each thread allocates its own arena.", references: [],
    fix: "Set `OMP_NUM_THREADS=1`.", examples: [])

  static let buildRule = RuleDescription(
    id: "build-exceeds-plan-memory", category: .build, severity: .warning,
    summary: "The build needs more memory than the plan gives.",
    rationale: "`cargo build` peaks above **512 MB**; see [Render plans](https://render.com/pricing).",
    references: [], fix: "Build the image in CI and deploy it.", examples: [])

  /// `pip install torch` on line 2 of a CRLF Dockerfile, after `RUN` and a tab.
  static let torchFinding = Finding(
    ruleID: "torch-without-thread-limits", severity: .error,
    message: "torch is installed but OMP_NUM_THREADS is not set",
    span: Span(path: "Dockerfile", line: 2, column: 5, endLine: 2, endColumn: 22),
    help: ["set ENV OMP_NUM_THREADS=1 in the final stage"],
    related: [
      RelatedLocation(
        Span(path: "render.yaml", line: 3, column: 11, endLine: 3, endColumn: 15), "the plan gives 512 MB")
    ],
    edits: [
      TextEdit(
        span: Span(path: "Dockerfile", line: 3, column: 1, endLine: 3, endColumn: 1),
        replacement: "ENV OMP_NUM_THREADS=1\n")
    ],
    service: "api")

  /// The service of `withError`: a Render free plan set in render.yaml, no
  /// known build budget, one runtime estimate.
  static let apiService = ServiceSummary(
    name: "api", platform: .render, plan: "free",
    runtimeBudget: BudgetSummary(
      bytes: 512_000_000, source: "Render plan `free`: 512 MB",
      span: Span(path: "render.yaml", line: 3, column: 11, endLine: 3, endColumn: 15)),
    estimates: [
      EstimateSummary(
        term: "ml-runtime", phase: .runtime, bytes: 900_000_000, arithmetic: "torch floor 900 MB",
        sources: ["https://pytorch.org/"])
    ])

  /// One error with help, a related location and a fix; one unreadable file;
  /// one service with its budget and estimate.
  static let withError: Report = {
    var report = Report(
      toolVersion: "0.1.0", findings: [torchFinding], rules: [torchRule, buildRule],
      sources: [
        "Dockerfile": SourceFile(path: "Dockerfile", text: dockerfile),
        "render.yaml": SourceFile(path: "render.yaml", text: renderYAML),
      ],
      notifications: [ToolNotification(path: "secrets/.env", message: "permission denied")],
      serviceNames: ["api"], fileCount: 2)
    report.services = [apiService]
    return report
  }()

  static let empty = Report(toolVersion: "0.1.0", findings: [], rules: [])

  /// The fingerprint `torchFinding` must get: FNV-1a 64 of rule, path, trimmed
  /// line text and occurrence index, NUL-separated.
  static var torchFingerprint: String {
    Fingerprint.hex(
      Fingerprint.fnv1a64("torch-without-thread-limits\u{0}Dockerfile\u{0}RUN\tpip install torch\u{0}0"))
  }

  /// A finding at `line` of `path`, for tests that need many.
  static func finding(
    _ rule: String = "torch-without-thread-limits", _ severity: Severity = .error,
    path: String = "Dockerfile",
    line: Int, column: Int = 1, message: String = "message", service: String? = nil
  ) -> Finding {
    Finding(
      ruleID: rule, severity: severity, message: message,
      span: Span(path: path, line: line, column: column, endLine: line, endColumn: column + 1),
      service: service)
  }
}
