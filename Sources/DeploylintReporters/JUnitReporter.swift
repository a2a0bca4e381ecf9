import DeploylintCore

/// JUnit XML, for the test reports of GitLab (`artifacts:reports:junit`),
/// Jenkins, Buildkite and Azure Pipelines:
///
/// ```
/// <testsuites name="deploylint" tests failures errors skipped time>
///   <testsuite name="service api" …>                one per service
///     <testcase name="<rule-id>" classname="api" time="0">        one per checked rule
///       <failure message="…" type="error">path:line:col: error[rule]: message
///   help: …</failure>                               one per finding at or above --fail-on
///       <system-out>…</system-out>                  findings below --fail-on, for the record
///     </testcase>
///   </testsuite>
///   <testsuite name="file render.yaml" …>           findings outside any service, and
///     <testcase name="<rule-id>" classname="render.yaml" file="render.yaml">   files that
///     <testcase name="could-not-read" …><skipped message="could not read: …"/>  could not be read
/// </testsuites>
/// ```
///
/// A rule is checked against every service (rules see the whole project), so
/// each service lists every enabled rule: the ones that found nothing pass.
/// A test case fails when it has a finding at or above `--fail-on`, so the
/// report fails exactly when the exit status does. Durations are 0 and there
/// is no timestamp: the same scan gives the same bytes. Jenkins' JUnit plugin
/// and Azure Pipelines show only the first `<failure>` of a test case; the
/// Checkstyle format gives those one entry per finding.
public struct JUnitReporter: Reporter {
  /// The test case of a file that could not be read (marked skipped).
  public static let unreadableCase = "could-not-read"

  public init() {}

  /// One `<testsuite>`: its name, the `classname` of its cases, and the cases.
  struct Suite {
    var name: String
    var classname: String
    var cases: [Case]
  }

  struct Case {
    var name: String
    var findings: [Finding] = []
    var skipped: String?
  }

  public func render(_ report: Report, options: ReporterOptions) -> String {
    let suites = self.suites(report)
    var body = ""
    var totals = (tests: 0, failures: 0, skipped: 0)
    for suite in suites {
      let rendered = render(suite, failOn: options.failOn)
      body += rendered.xml
      totals.tests += suite.cases.count
      totals.failures += rendered.failures
      totals.skipped += rendered.skipped
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<testsuites name=\"deploylint\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\" "
      + "errors=\"0\" skipped=\"\(totals.skipped)\" time=\"0\">\n" + body + "</testsuites>\n"
  }

  /// Services first (in the order they were found), then files, by path.
  func suites(_ report: Report) -> [Suite] {
    let findings = Canonical.findings(report)
    let disabled = report.disabledRuleIDs
    let checked = Set(report.rules.map(\.id)).subtracting(disabled)

    var serviceNames: [String] = []
    var seen = Set<String>()
    for name in report.serviceNames where seen.insert(name).inserted { serviceNames.append(name) }
    let extra = Set(findings.compactMap(\.service)).subtracting(seen).sorted()
    serviceNames += extra

    var byService: [String: [Finding]] = [:]
    var byFile: [String: [Finding]] = [:]
    for f in findings {
      if let service = f.service {
        byService[service, default: []].append(f)
      } else {
        byFile[f.span.path, default: []].append(f)
      }
    }
    var suites: [Suite] = serviceNames.map { name in
      let found = byService[name] ?? []
      let ids = checked.union(found.map(\.ruleID)).sorted()
      return Suite(
        name: "service " + name, classname: name,
        cases: ids.map { id in Case(name: id, findings: found.filter { $0.ruleID == id }) })
    }

    var unreadable: [String: [String]] = [:]
    for note in Canonical.notifications(report) { unreadable[note.path, default: []].append(note.message) }
    for path in Set(byFile.keys).union(unreadable.keys).sorted() {
      let found = byFile[path] ?? []
      var cases = Set(found.map(\.ruleID)).sorted().map { id in
        Case(name: id, findings: found.filter { $0.ruleID == id })
      }
      for message in unreadable[path] ?? [] {
        cases.append(Case(name: JUnitReporter.unreadableCase, skipped: "could not read: " + message))
      }
      suites.append(Suite(name: "file " + path, classname: path, cases: cases))
    }
    return suites
  }

  private func render(_ suite: Suite, failOn: FailThreshold) -> (xml: String, failures: Int, skipped: Int) {
    var failures = 0
    var skipped = 0
    var cases = ""
    for c in suite.cases {
      let failing = c.findings.filter { failOn.isReached(by: $0.severity) }
      let passing = c.findings.filter { !failOn.isReached(by: $0.severity) }
      if !failing.isEmpty { failures += 1 }
      if c.skipped != nil { skipped += 1 }
      var attributes =
        "name=\"\(XMLEscaping.attribute(c.name))\" classname=\"\(XMLEscaping.attribute(suite.classname))\""
      if let first = c.findings.first { attributes += " file=\"\(XMLEscaping.attribute(first.span.path))\"" }
      attributes += " time=\"0\""
      var children = ""
      for f in failing {
        children +=
          "      <failure message=\"\(XMLEscaping.attribute(f.message))\" type=\"\(f.severity.rawValue)\">"
          + XMLEscaping.text(JUnitReporter.detail(f)) + "</failure>\n"
      }
      if let reason = c.skipped {
        children += "      <skipped message=\"\(XMLEscaping.attribute(reason))\"/>\n"
      }
      if !passing.isEmpty {
        let lines = passing.map {
          JUnitReporter.detail($0) + "\n(\($0.severity.rawValue), below --fail-on \(failOn.rawValue))"
        }
        children +=
          "      <system-out>" + XMLEscaping.text(lines.joined(separator: "\n\n")) + "</system-out>\n"
      }
      cases +=
        children.isEmpty
        ? "    <testcase \(attributes)/>\n"
        : "    <testcase \(attributes)>\n" + children + "    </testcase>\n"
    }
    let header =
      "  <testsuite name=\"\(XMLEscaping.attribute(suite.name))\" tests=\"\(suite.cases.count)\" "
      + "failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\" time=\"0\""
    let xml = suite.cases.isEmpty ? header + "/>\n" : header + ">\n" + cases + "  </testsuite>\n"
    return (xml, failures, skipped)
  }

  /// `path:line:col: severity[rule]: [service] message`, then the help and
  /// the related locations, as the text format prints them: a line break
  /// inside a message or a path is shown as `\x0a`, never taken as one.
  static func detail(_ f: Finding) -> String {
    var lines = [
      VisibleText.make(
        "\(f.span): \(f.severity.rawValue)[\(f.ruleID)]: " + (f.service.map { "[\($0)] " } ?? "") + f.message)
    ]
    for entry in f.help {
      for (i, line) in entry.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false)
        .enumerated()
      {
        lines.append((i == 0 ? "help: " : "      ") + VisibleText.make(String(line)))
      }
    }
    lines += f.related.map { VisibleText.make("note: \($0.span): " + $0.message) }
    return lines.joined(separator: "\n")
  }
}
