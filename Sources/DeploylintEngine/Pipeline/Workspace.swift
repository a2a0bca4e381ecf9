import DeploylintCore
import DeploylintParsers

/// The parsed artefacts of one scan root, keyed by path relative to the root.
/// Built once by `Workspace.parse`; assembly only reads it.
struct Workspace {
  var sources: [String: SourceFile] = [:]
  var files: [String: InputFile] = [:]
  var recipes: [String: ImageRecipe] = [:]
  /// Python requirements of each manifest, as `PackageRef`s (not yet marked direct).
  var pythonManifests: [String: [PackageRef]] = [:]
  var diagnostics: [Finding] = []

  /// All relative paths of a kind, sorted.
  func paths(of kind: FileKind) -> [String] {
    files.values.filter { $0.kind == kind }.map(\.relativePath).sorted()
  }

  func source(_ relativePath: String) -> SourceFile? { sources[relativePath] }

  mutating func fail(_ error: ParseError) {
    diagnostics.append(
      Finding(
        ruleID: UnparseableFileID.id, severity: .error, message: error.message, span: error.span,
        help: ["fix the syntax at this location; deploylint checked the other files"]))
  }

  static func parse(_ inputs: [InputFile]) -> Workspace {
    var ws = Workspace()
    for input in inputs {
      let source = SourceFile(path: input.displayPath, bytes: input.bytes)
      ws.sources[input.relativePath] = source
      ws.files[input.relativePath] = input
      switch input.kind {
      case .dockerfile:
        do {
          let dockerfile = try DockerfileParser.parse(source)
          ws.recipes[input.relativePath] = dockerfile.makeImageRecipe(path: input.displayPath)
        } catch {
          ws.fail(error)
        }
      case .requirements:
        let reqs = RequirementsTxt.read(source)
        ws.pythonManifests[input.relativePath] = reqs.requirements.map {
          PackageRef(
            name: $0.name, span: $0.span, source: "\(input.displayPath):\($0.span.line)", extras: $0.extras)
        }
      case .pyproject:
        do {
          let project = try PyProject.read(source)
          ws.pythonManifests[input.relativePath] = project.allRequirements.map {
            PackageRef(
              name: $0.name, span: $0.span, source: "\(input.displayPath):\($0.span.line)", extras: $0.extras)
          }
        } catch {
          ws.fail(error)
        }
      default:
        break
      }
    }
    return ws
  }
}

/// The id of the parse-failure rule, known to the engine without importing rules' internals.
enum UnparseableFileID {
  static let id = "unparseable-file"
}

extension String {
  /// The folder part of a relative path ("" at the root).
  var parentPath: String {
    guard let slash = lastIndex(of: "/") else { return "" }
    return String(self[..<slash])
  }
  var baseName: String {
    guard let slash = lastIndex(of: "/") else { return self }
    return String(self[index(after: slash)...])
  }
}

/// Joins and normalises relative paths (`a/b` + `../c` → `a/c`); never climbs
/// above the root.
func joinPath(_ base: String, _ relative: String) -> String {
  var parts = relative.hasPrefix("/") ? [] : base.split(separator: "/").map(String.init)
  for piece in relative.split(separator: "/") {
    switch piece {
    case ".", "": continue
    case "..": if !parts.isEmpty { parts.removeLast() }
    default: parts.append(String(piece))
    }
  }
  return parts.joined(separator: "/")
}
