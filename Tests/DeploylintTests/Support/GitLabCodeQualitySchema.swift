/// A JSON Schema (draft 2020-12) of GitLab's Code Quality report, written from
/// GitLab's documentation of the format (the URL is in the schema's
/// description). It holds what GitLab requires of every issue; what
/// deploylint promises beyond it (unique fingerprints, `lines.end`) is checked
/// by the tests themselves.
enum GitLabCodeQualitySchema {
  static let documentation = "https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format"

  static let text = """
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "title": "GitLab Code Quality report",
      "description": "Written from GitLab's documentation of the Code Quality report format, \(documentation): a single JSON array; each object has at least description, check_name, fingerprint, severity (info, minor, major, critical or blocker), location.path (a path relative to the repository) and location.lines.begin or location.positions.begin.line (the line). Other Code Climate properties are allowed and ignored by GitLab.",
      "type": "array",
      "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
          "description": { "type": "string", "minLength": 1 },
          "check_name": { "type": "string", "minLength": 1 },
          "fingerprint": { "type": "string", "minLength": 1 },
          "severity": { "enum": ["info", "minor", "major", "critical", "blocker"] },
          "location": {
            "type": "object",
            "required": ["path"],
            "anyOf": [{ "required": ["lines"] }, { "required": ["positions"] }],
            "properties": {
              "path": {
                "type": "string",
                "minLength": 1,
                "not": { "pattern": "^(/|\\\\./|\\\\.\\\\./)" }
              },
              "lines": {
                "type": "object",
                "required": ["begin"],
                "properties": {
                  "begin": { "type": "integer", "minimum": 1 },
                  "end": { "type": "integer", "minimum": 1 }
                }
              },
              "positions": {
                "type": "object",
                "required": ["begin"],
                "properties": {
                  "begin": {
                    "type": "object",
                    "required": ["line"],
                    "properties": { "line": { "type": "integer", "minimum": 1 } }
                  }
                }
              }
            }
          }
        }
      }
    }
    """
}
