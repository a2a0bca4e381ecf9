import Foundation

/// Runs Python's `jsonschema` against the official SARIF 2.1.0 schema (or a
/// schema given as text, such as `ReportSchema`). Fails (does not skip) when
/// python3 or jsonschema is missing: `scripts/setup.sh` installs them. Tests
/// that use the official schema carry `ReferenceData.needs(.sarifSchema)`, so
/// a clone without the reference data skips them, and CI requires it.
/// All documents go to one Python process, so the cost does not grow with the
/// number of fixtures.
enum SchemaValidation {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// The official schema is not in the reference-data folder: a different
  /// error, so a test expecting `Failure` cannot pass without validating.
  struct SchemaMissing: Error, CustomStringConvertible {
    var description: String
  }

  /// The official schema, from the reference-data folder.
  static var schemaPath: String { ReferenceData.url(.sarifSchema).path }

  /// Prints every schema error of every document, naming the document by its
  /// label; exits 1 when there is any.
  static let script = """
    import json, sys
    import jsonschema
    schema = json.load(open(sys.argv[1]))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)
    failed = False
    for label, path in zip(sys.argv[2::2], sys.argv[3::2]):
        for error in validator.iter_errors(json.load(open(path))):
            failed = True
            where = "/".join(str(p) for p in error.absolute_path)
            print(f"{label}: at /{where}: {error.message[:300]}", file=sys.stderr)
    sys.exit(1 if failed else 0)
    """

  /// Validates documents labelled by their index.
  static func validate(_ documents: [String]) throws {
    try validate(labelled: documents.enumerated().map { ("document \($0.offset)", $0.element) })
  }

  /// Validates documents; the failure names each invalid one by its label.
  /// `schema` is the schema's text; nil means the official SARIF schema.
  static func validate(labelled documents: [(label: String, text: String)], schema: String? = nil) throws {
    guard schema != nil || FileManager.default.fileExists(atPath: schemaPath) else {
      throw SchemaMissing(description: ReferenceData.missing(.sarifSchema))
    }
    let outcome = try PythonScript.run(
      script, leading: [schema.map(PythonScript.Leading.file) ?? .argument(schemaPath)], documents: documents,
      suffix: "json")
    if outcome.status != 0 {
      throw Failure(
        description: "Documents failed schema validation (exit \(outcome.status)):\n"
          + outcome.errors.suffix(3_000))
    }
  }
}
