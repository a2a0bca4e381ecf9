import DeploylintCore
import Foundation
import Testing

@testable import DeploylintReporters

@Suite struct JSONReporterTests {
  let reporter = JSONReporter()

  @Test func rendersFindingWithEveryKeyInOrder() {
    let expected = #"""
      {
        "version": 2,
        "tool": {
          "name": "deploylint",
          "version": "0.1.0"
        },
        "summary": {
          "errors": 1,
          "warnings": 0,
          "notes": 0,
          "files": 2,
          "services": 1
        },
        "findings": [
          {
            "ruleId": "torch-without-thread-limits",
            "severity": "error",
            "message": "torch is installed but OMP_NUM_THREADS is not set",
            "location": {
              "path": "Dockerfile",
              "line": 2,
              "column": 5,
              "endLine": 2,
              "endColumn": 22
            },
            "help": [
              "set ENV OMP_NUM_THREADS=1 in the final stage"
            ],
            "related": [
              {
                "message": "the plan gives 512 MB",
                "location": {
                  "path": "render.yaml",
                  "line": 3,
                  "column": 11,
                  "endLine": 3,
                  "endColumn": 15
                }
              }
            ],
            "service": "api",
            "fingerprint": "\#(ReportFixtures.torchFingerprint)",
            "fix": {
              "edits": [
                {
                  "location": {
                    "path": "Dockerfile",
                    "line": 3,
                    "column": 1,
                    "endLine": 3,
                    "endColumn": 1
                  },
                  "replacement": "ENV OMP_NUM_THREADS=1\n"
                }
              ]
            }
          }
        ],
        "services": [
          {
            "name": "api",
            "platform": "render",
            "plan": "free",
            "runtimeBudget": {
              "bytes": 512000000,
              "source": "Render plan `free`: 512 MB",
              "location": {
                "path": "render.yaml",
                "line": 3,
                "column": 11,
                "endLine": 3,
                "endColumn": 15
              },
              "assumed": false
            },
            "buildBudget": null,
            "estimates": [
              {
                "term": "ml-runtime",
                "phase": "runtime",
                "bytes": 900000000,
                "arithmetic": "torch floor 900 MB",
                "sources": [
                  "https://pytorch.org/"
                ]
              }
            ]
          }
        ],
        "notifications": [
          {
            "path": "secrets/.env",
            "message": "permission denied"
          }
        ]
      }

      """#
    #expect(reporter.render(ReportFixtures.withError, options: ReporterOptions()) == expected)
  }

  @Test func rendersEmptyReport() {
    let expected = """
      {
        "version": 2,
        "tool": {
          "name": "deploylint",
          "version": "0.1.0"
        },
        "summary": {
          "errors": 0,
          "warnings": 0,
          "notes": 0,
          "files": 0,
          "services": 0
        },
        "findings": [],
        "services": [],
        "notifications": []
      }

      """
    #expect(reporter.render(ReportFixtures.empty, options: ReporterOptions()) == expected)
  }

  @Test func nullServiceAndFix() {
    let report = Report(toolVersion: "0", findings: [ReportFixtures.finding(line: 1)], rules: [])
    let out = reporter.render(report, options: ReporterOptions())
    #expect(out.contains(#""service": null,"#))
    #expect(out.contains(#""fix": null"#))
  }

  @Test func escapesStrings() {
    var out = ""
    JSONValue.writeString("q\"b\\s/\n\r\t\u{08}\u{0C}\u{0}\u{1B}\u{7F}\u{85}\u{2028}\u{202E}é😀", to: &out)
    #expect(out == #""q\"b\\s/\n\r\t\b\f\u0000\u001b\u007f\u0085\u2028\u202eé😀""#)
  }

  @Test func outputIsValidJSONThatRoundTrips() throws {
    let message = "tab\t ctl\u{1}\u{1F} quote\" back\\ emoji😀 sep\u{2029}"
    let report = Report(
      toolVersion: "0", findings: [ReportFixtures.finding(line: 1, message: message)], rules: [])
    let data = Data(reporter.render(report, options: ReporterOptions()).utf8)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let findings = try #require(object["findings"] as? [[String: Any]])
    #expect(findings.first?["message"] as? String == message)
  }

  @Test func schemaDocumentationNamesEveryKey() throws {
    let out = reporter.render(ReportFixtures.withError, options: ReporterOptions())
    var keys: Set<String> = []
    func collect(_ value: Any) {
      if let object = value as? [String: Any] {
        for (key, child) in object {
          keys.insert(key)
          collect(child)
        }
      } else if let array = value as? [Any] {
        array.forEach(collect)
      }
    }
    collect(try JSONSerialization.jsonObject(with: Data(out.utf8)))
    #expect(keys.count > 30)
    for key in keys.sorted() {
      #expect(JSONReporter.schemaDocumentation.contains("\"\(key)\""), "undocumented key \(key)")
    }
  }
}
