/// What a scanned file is, decided from its name alone (no content sniffing is
/// needed for the names deploylint reads; a file that turns out to hold
/// something else becomes an `unparseable-file` finding).
///
/// Each kind is declared by its `InputKind` registration (Inputs/), which says
/// which names it is, how it is parsed and where the result is kept; this type
/// is only its name.
public struct FileKind: Hashable, Sendable, CustomStringConvertible {
  public let name: String
  init(_ name: String) { self.name = name }
  public var description: String { name }

  /// Every kind deploylint reads, in classification order.
  public static var allCases: [FileKind] { InputKinds.all.map(\.kind) }

  /// Classifies a file by its base name; `nil` for files deploylint ignores.
  public static func classify(fileName name: String) -> FileKind? {
    InputKinds.classify(FileName(name))?.kind
  }

  /// `Dockerfile`, `Containerfile`, `Dockerfile.*`, `Dockerfile-*`, `*.Dockerfile`,
  /// `*.dockerfile` (DESIGN.md §2; the names buildx and Podman users write).
  public static func isDockerfile(_ name: String) -> Bool { DockerfileNames.matches(FileName(name)) }

  /// Formats whose comments start with `#`, where inline suppressions can be
  /// written. JSON (and pm2's JavaScript) cannot carry them: use `ignore`.
  var hasHashComments: Bool { InputKinds.registration(of: self)?.hashComments ?? true }
}

/// A file's base name, with its lower-cased form computed once for matching.
struct FileName: Sendable {
  let name: String
  let lower: String
  init(_ name: String) {
    self.name = name
    self.lower = name.lowercased()
  }

  func hasSuffix(oneOf suffixes: [String]) -> Bool { suffixes.contains { lower.hasSuffix($0) } }
}
