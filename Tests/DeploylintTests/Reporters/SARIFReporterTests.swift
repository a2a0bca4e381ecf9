import DeploylintCore
import Foundation
import Testing

@testable import DeploylintReporters

@Suite struct SARIFReporterTests {
  let reporter = SARIFReporter()
  let options = ReporterOptions(
    automationID: "deploylint/main", sourceRoot: "/home/ci/my repo",
    ruleHelpMarkdown: [
      "torch-without-thread-limits": "# torch-without-thread-limits\n\nSet `OMP_NUM_THREADS`."
    ])

  @Test func rendersFullRun() {
    let expected = #"""
      {
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [
          {
            "tool": {
              "driver": {
                "name": "deploylint",
                "semanticVersion": "0.1.0",
                "informationUri": "https://github.com/deploylint/deploylint",
                "rules": [
                  {
                    "id": "build-exceeds-plan-memory",
                    "name": "BuildExceedsPlanMemory",
                    "shortDescription": {
                      "text": "The build needs more memory than the plan gives."
                    },
                    "fullDescription": {
                      "text": "cargo build peaks above 512 MB; see Render plans (https://render.com/pricing)."
                    },
                    "help": {
                      "text": "The build needs more memory than the plan gives.\n\nBuild the image in CI and deploy it.",
                      "markdown": "The build needs more memory than the plan gives.\n\nBuild the image in CI and deploy it."
                    },
                    "helpUri": "https://github.com/deploylint/deploylint/blob/main/Rules/build-exceeds-plan-memory.md",
                    "defaultConfiguration": {
                      "level": "warning"
                    },
                    "properties": {
                      "tags": [
                        "build",
                        "memory"
                      ],
                      "precision": "high"
                    }
                  },
                  {
                    "id": "torch-without-thread-limits",
                    "name": "TorchWithoutThreadLimits",
                    "shortDescription": {
                      "text": "PyTorch runs without thread limits."
                    },
                    "fullDescription": {
                      "text": "Each thread allocates its own arena."
                    },
                    "help": {
                      "text": "PyTorch runs without thread limits.\n\nSet OMP_NUM_THREADS=1.",
                      "markdown": "# torch-without-thread-limits\n\nSet `OMP_NUM_THREADS`."
                    },
                    "helpUri": "https://github.com/deploylint/deploylint/blob/main/Rules/torch-without-thread-limits.md",
                    "defaultConfiguration": {
                      "level": "error"
                    },
                    "properties": {
                      "tags": [
                        "runtime",
                        "memory"
                      ],
                      "precision": "high"
                    }
                  }
                ]
              }
            },
            "automationDetails": {
              "id": "deploylint/main"
            },
            "originalUriBaseIds": {
              "%SRCROOT%": {
                "uri": "file:///home/ci/my%20repo/"
              }
            },
            "invocations": [
              {
                "executionSuccessful": true,
                "toolExecutionNotifications": [
                  {
                    "level": "warning",
                    "message": {
                      "text": "could not read: permission denied"
                    },
                    "locations": [
                      {
                        "physicalLocation": {
                          "artifactLocation": {
                            "uri": "secrets/.env",
                            "uriBaseId": "%SRCROOT%"
                          }
                        }
                      }
                    ]
                  }
                ]
              }
            ],
            "results": [
              {
                "ruleId": "torch-without-thread-limits",
                "ruleIndex": 1,
                "level": "error",
                "message": {
                  "text": "torch is installed but OMP_NUM_THREADS is not set\nhelp: set ENV OMP_NUM_THREADS=1 in the final stage"
                },
                "locations": [
                  {
                    "physicalLocation": {
                      "artifactLocation": {
                        "uri": "Dockerfile",
                        "uriBaseId": "%SRCROOT%"
                      },
                      "region": {
                        "startLine": 2,
                        "startColumn": 5,
                        "endLine": 2,
                        "endColumn": 22,
                        "snippet": {
                          "text": "pip install torch"
                        }
                      }
                    }
                  }
                ],
                "relatedLocations": [
                  {
                    "id": 0,
                    "physicalLocation": {
                      "artifactLocation": {
                        "uri": "render.yaml",
                        "uriBaseId": "%SRCROOT%"
                      },
                      "region": {
                        "startLine": 3,
                        "startColumn": 11,
                        "endLine": 3,
                        "endColumn": 15,
                        "snippet": {
                          "text": "free"
                        }
                      }
                    },
                    "message": {
                      "text": "the plan gives 512 MB"
                    }
                  }
                ],
                "partialFingerprints": {
                  "deploylintFingerprint/v1": "\#(ReportFixtures.torchFingerprint)"
                },
                "fixes": [
                  {
                    "description": {
                      "text": "set ENV OMP_NUM_THREADS=1 in the final stage"
                    },
                    "artifactChanges": [
                      {
                        "artifactLocation": {
                          "uri": "Dockerfile",
                          "uriBaseId": "%SRCROOT%"
                        },
                        "replacements": [
                          {
                            "deletedRegion": {
                              "startLine": 3,
                              "startColumn": 1,
                              "endLine": 3,
                              "endColumn": 1
                            },
                            "insertedContent": {
                              "text": "ENV OMP_NUM_THREADS=1\n"
                            }
                          }
                        ]
                      }
                    ]
                  }
                ],
                "properties": {
                  "service": "api"
                }
              }
            ],
            "columnKind": "unicodeCodePoints"
          }
        ]
      }

      """#
    #expect(reporter.render(ReportFixtures.withError, options: options) == expected)
  }

  @Test func rendersEmptyRun() {
    let expected = """
      {
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [
          {
            "tool": {
              "driver": {
                "name": "deploylint",
                "semanticVersion": "0.1.0",
                "informationUri": "https://github.com/deploylint/deploylint",
                "rules": []
              }
            },
            "invocations": [
              {
                "executionSuccessful": true
              }
            ],
            "results": [],
            "columnKind": "unicodeCodePoints"
          }
        ]
      }

      """
    #expect(reporter.render(ReportFixtures.empty, options: ReporterOptions()) == expected)
  }

  @Test func percentEncodesURIs() {
    #expect(URIEncoding.path("my dir/a:b/ü#?.yaml") == "my%20dir/a%3Ab/%C3%BC%23%3F.yaml")
    #expect(URIEncoding.fileURI(directory: "/srv/app/") == "file:///srv/app/")
    #expect(URIEncoding.fileURI(directory: "/") == "file:///")
  }

  @Test func ruleNamesAreUpperCamelCase() {
    #expect(SARIFReporter.ruleName("torch-without-thread-limits") == "TorchWithoutThreadLimits")
    #expect(SARIFReporter.ruleName("node-heap-over-2gb") == "NodeHeapOver2gb")
  }

  @Test func truncatesDeterministicallyKeepingTheMostSevere() throws {
    let findings = [
      ReportFixtures.finding("a", .note, line: 1),
      ReportFixtures.finding("b", .error, line: 2),
      ReportFixtures.finding("c", .warning, line: 3),
      ReportFixtures.finding("d", .error, line: 4),
    ]
    let report = Report(toolVersion: "0.1.0", findings: findings, rules: [])
    let out = SARIFReporter(maxResults: 2).render(report, options: ReporterOptions())
    let run = try #require(try runObject(out))
    let results = try #require(run["results"] as? [[String: Any]])
    #expect(results.map { $0["ruleId"] as? String } == ["b", "d"])
    let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
    let notes = try #require(invocation["toolExecutionNotifications"] as? [[String: Any]])
    let text = (notes.last?["message"] as? [String: Any])?["text"] as? String
    #expect(text?.hasPrefix("2 results dropped") == true)
  }

  @Test func capsRelatedLocations() throws {
    var finding = ReportFixtures.finding(line: 1)
    finding.related = (1...1_005).map { RelatedLocation(Span.file("f\($0)"), "r") }
    let report = Report(toolVersion: "0.1.0", findings: [finding], rules: [])
    let run = try #require(try runObject(reporter.render(report, options: ReporterOptions())))
    let result = try #require((run["results"] as? [[String: Any]])?.first)
    #expect((result["relatedLocations"] as? [Any])?.count == SARIFReporter.maxRelatedLocations)
  }

  @Test(ReferenceData.needs(.sarifSchema)) func validatesAgainstTheOfficialSchema() throws {
    let hostile = Finding(
      ruleID: "unregistered-rule", severity: .note, message: "m\u{1B}\n\"",
      span: Span(path: "dir with space/ä.yaml", line: 0, column: 0, endLine: 0, endColumn: 0),
      related: [RelatedLocation(Span(path: "x", line: 3, column: 9, endLine: 2, endColumn: 1), "bad span")],
      edits: [TextEdit(span: Span.file("z"), replacement: "")])
    let manyLines = Report(
      toolVersion: "1.2.3-beta.1", findings: [hostile, ReportFixtures.torchFinding],
      rules: [ReportFixtures.torchRule], sources: ReportFixtures.withError.sources,
      notifications: [ToolNotification(path: "a b", message: "EACCES")])
    let documents = [
      reporter.render(ReportFixtures.withError, options: options),
      reporter.render(ReportFixtures.empty, options: ReporterOptions()),
      reporter.render(manyLines, options: options),
      SARIFReporter(maxResults: 1).render(manyLines, options: ReporterOptions(automationID: "x")),
    ]
    try SchemaValidation.validate(documents)
  }

  @Test(ReferenceData.needs(.sarifSchema)) func schemaValidationRejectsInvalidSARIF() {
    // A region with startLine 0 is invalid: the validator must catch it, or the
    // test above proves nothing.
    let broken = reporter.render(ReportFixtures.withError, options: options)
      .replacingOccurrences(of: "\"startLine\": 2", with: "\"startLine\": 0")
    #expect(throws: SchemaValidation.Failure.self) { try SchemaValidation.validate([broken]) }
  }

  private func runObject(_ sarif: String) throws -> [String: Any]? {
    let root = try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any]
    return (root?["runs"] as? [[String: Any]])?.first
  }
}
