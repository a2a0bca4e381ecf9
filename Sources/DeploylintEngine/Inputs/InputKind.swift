import DeploylintCore
import DeploylintParsers

/// One kind of input deploylint reads, declared in one place: the file names
/// that are this kind, whether `#` comments can carry suppressions, and how a
/// file of the kind is parsed into the workspace's typed store (`ParsedInputs`).
/// Assembly reads the store by key; nothing else knows the kind's parser.
///
/// Adding an input kind: a parser in DeploylintParsers, a registration beside
/// the others in this folder (a `FileKind`, a `StoreKey` and an `InputKind`),
/// its line in `InputKinds.all`, and the assembly that reads its key.
struct InputKind: Sendable {
  typealias Parse =
    @Sendable (_ source: SourceFile, _ file: InputFile, _ store: inout ParsedInputs) throws(ParseError) ->
    Void

  let kind: FileKind
  /// Whether a base name is this kind.
  let matches: @Sendable (FileName) -> Bool
  /// `#` starts a comment, so inline suppressions can be written.
  var hashComments = true
  /// A parse error is a configuration error (exit 2), not an `unparseable-file` finding.
  var errorsAreConfigurationErrors = false
  let parse: Parse

  /// A kind recognised by exact base names, in any case.
  static func named(_ names: Set<String>) -> @Sendable (FileName) -> Bool {
    { names.contains($0.lower) }
  }
}

/// The registry of input kinds, in classification order: the first kind whose
/// names match a file is its kind.
enum InputKinds {
  static let all: [InputKind] = [
    .dockerfile, .dockerignore,
    .renderBlueprint, .renderBlueprintCopy, .railwayJSON, .railwayTOML, .railpackJSON, .nixpacksTOML,
    .nixpacksJSON, .flyTOML, .herokuAppJSON, .herokuYML, .procfile, .dokkuScale,
    .packageJSON, .cargoLock, .cargoManifest, .pyproject, .poetryLock, .uvLock, .dotenv, .deploylintConfig,
    .pm2JSON, .pm2YAML, .pm2JS, .compose, .requirements,
    .rubyServerConfig, .gunicornConfig, .phpConfig, .sidekiqConfig, .celeryConfig, .airflowConfig,
    .gemfileLock, .jobWorkerScript, .shellScript, .pythonSource,
  ]

  private static let byKind: [FileKind: InputKind] = Dictionary(
    all.map { ($0.kind, $0) }, uniquingKeysWith: { a, _ in a })

  static func registration(of kind: FileKind) -> InputKind? { byKind[kind] }

  static func classify(_ name: FileName) -> InputKind? { all.first { $0.matches(name) } }
}
