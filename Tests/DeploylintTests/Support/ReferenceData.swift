import Foundation
import Testing

/// Third-party reference data the tests compare against, kept out of the
/// repository (it holds only what we write): buildkit's Dockerfile parser test
/// files and the OASIS SARIF 2.1.0 schema.
///
/// One setting names the folder that holds them: `DEPLOYLINT_REFERENCE_DATA`
/// (absolute, or relative to the repository), else `../shared` beside the
/// repository. `scripts/fetch-reference-data.sh FOLDER` fills a folder.
///
/// A test that needs an item carries `ReferenceData.needs(item)`: when the item
/// is missing, the test is skipped with a line saying what is missing and how
/// to get it. With `DEPLOYLINT_REQUIRE_REFERENCE_DATA=1` (set by `.ci/run`) the
/// tests run anyway, so missing data fails them instead of hiding them.
enum ReferenceData {
  enum Item: CaseIterable, CustomStringConvertible {
    case buildkitParser
    case sarifSchema

    /// Where the item lives inside the reference-data folder.
    var relativePath: String {
      switch self {
      case .buildkitParser: return "conformance/buildkit-parser"
      case .sarifSchema: return "schemas/sarif-schema-2.1.0.json"
      }
    }

    var description: String {
      switch self {
      case .buildkitParser: return "buildkit's Dockerfile parser test files"
      case .sarifSchema: return "the OASIS SARIF 2.1.0 schema"
      }
    }
  }

  static let variable = "DEPLOYLINT_REFERENCE_DATA"
  static let requireVariable = "DEPLOYLINT_REQUIRE_REFERENCE_DATA"

  /// The reference-data folder named by `environment` for a repository at `root`.
  static func configuredFolder(environment: [String: String], root: URL) -> URL {
    guard let named = environment[variable], !named.isEmpty else {
      return root.deletingLastPathComponent().appendingPathComponent("shared")
    }
    return named.hasPrefix("/") ? URL(fileURLWithPath: named) : root.appendingPathComponent(named)
  }

  /// Whether `environment` asks for missing data to fail the tests.
  static func requiresData(environment: [String: String]) -> Bool {
    let value = environment[requireVariable] ?? ""
    return !value.isEmpty && value != "0"
  }

  static let folder = configuredFolder(
    environment: ProcessInfo.processInfo.environment, root: RepositoryPaths.root)
  static let isRequired = requiresData(environment: ProcessInfo.processInfo.environment)

  static func url(_ item: Item) -> URL { folder.appendingPathComponent(item.relativePath) }

  static func isPresent(_ item: Item) -> Bool {
    var isFolder: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: url(item).path, isDirectory: &isFolder)
    return exists && isFolder.boolValue == (item == .buildkitParser)
  }

  /// What is missing and how to get it: the skip line, and the failure when required.
  static func missing(_ item: Item) -> String {
    "\(item) not found at \(url(item).path): run `scripts/fetch-reference-data.sh \(folder.path)`, "
      + "or set \(variable) to a folder that holds \(item.relativePath)"
  }

  /// Runs the test or suite when `item` is present or required; otherwise skips
  /// it with the `missing` line.
  static func needs(_ item: Item) -> ConditionTrait {
    .enabled(if: isPresent(item) || isRequired, Comment(rawValue: missing(item)))
  }
}
