import DeploylintEngine
import Foundation

/// Inputs shared by tests that run the pipeline or the CLI on small trees.
enum TestInputs {
  /// An in-memory input file, classified by name as discovery would.
  static func input(_ path: String, _ text: String) -> InputFile {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    return InputFile(
      relativePath: path, displayPath: path, kind: FileKind.classify(fileName: name)!, bytes: Array(text.utf8)
    )
  }

  /// A Dockerfile that installs PyTorch without thread limits.
  static let torchDockerfile = "FROM python:3.12-slim\nRUN pip install torch\nCMD [\"python\", \"app.py\"]\n"

  /// A new empty folder under the system's temporary folder.
  static func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "deploylint-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }
}
