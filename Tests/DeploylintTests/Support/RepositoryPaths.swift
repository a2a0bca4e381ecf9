import Foundation

/// Paths of the repository and of `../shared`, found from this file's location
/// so tests run from any working directory.
enum RepositoryPaths {
  static let root: URL = {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while url.path != "/" {
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        return url
      }
      url = url.deletingLastPathComponent()
    }
    fatalError("Package.swift not found above \(#filePath)")
  }()

  static func repo(_ relative: String) -> URL { root.appendingPathComponent(relative) }

  /// `../shared` beside the repository (conformance files, schemas, seeds).
  static func shared(_ relative: String) -> URL {
    root.deletingLastPathComponent().appendingPathComponent("shared").appendingPathComponent(relative)
  }
}
