import Foundation

/// Paths of the repository, found from this file's location so tests run
/// from any working directory (reference data: `ReferenceData`).
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
}
