import Foundation

/// Runs a Python script on documents written to temporary files: the script
/// gets the `leading` arguments, then `label path` pairs. One process for all
/// the documents, so the cost does not grow with the number of fixtures.
enum PythonScript {
  struct Outcome {
    var status: Int32
    var output: Data
    var errors: String
  }

  /// An argument before the documents: a value, or a text passed as a file's path.
  enum Leading {
    case argument(String)
    case file(String)
  }

  static func run(
    _ script: String, leading: [Leading] = [], documents: [(label: String, text: String)], suffix: String
  ) throws -> Outcome {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("deploylint-python-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var arguments = ["python3", "-c", script]
    for (i, argument) in leading.enumerated() {
      switch argument {
      case .argument(let value): arguments.append(value)
      case .file(let text):
        let file = directory.appendingPathComponent("leading\(i)")
        try Data(text.utf8).write(to: file)
        arguments.append(file.path)
      }
    }
    for (i, document) in documents.enumerated() {
      let file = directory.appendingPathComponent("doc\(i).\(suffix)")
      try Data(document.text.utf8).write(to: file)
      arguments += [document.label, file.path]
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    // stderr is read on another thread, so neither pipe can fill and block the script.
    let box = ErrorsBox()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      box.data = errors.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Outcome(
      status: process.terminationStatus, output: data, errors: String(decoding: box.data, as: UTF8.self))
  }

  private final class ErrorsBox: @unchecked Sendable {
    var data = Data()
  }
}
