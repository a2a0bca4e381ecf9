import DeploylintCore

extension Analyzer {
  /// Compose files named on the command line as one project: each keyed by
  /// its path as given (normalised), so files of several folders stay apart,
  /// in the order given; with the `.env` of the first file's folder, the
  /// project directory Compose reads it from (Compose specification,
  /// 12-interpolation.md and Docker's `.env` documentation).
  static func namedComposeProject(_ files: [(file: InputFile, path: String)], maxFileSize: Int) -> (
    inputs: [InputFile], order: [String], folder: String
  ) {
    var inputs: [InputFile] = []
    var order: [String] = []
    for (file, _) in files {
      var input = file
      input.relativePath = joinPath("", file.displayPath)
      guard !order.contains(input.relativePath) else { continue }
      order.append(input.relativePath)
      inputs.append(input)
    }
    let first = files[0]
    let folder = first.path.contains("/") ? first.path.parentPath : "."
    let envPath = folder.isEmpty ? "/.env" : folder + "/.env"
    if case .success(let bytes) = Discovery.readAll(envPath, limit: maxFileSize) {
      let displayFolder = first.file.displayPath.parentPath
      inputs.append(
        InputFile(
          relativePath: joinPath(order[0].parentPath, ".env"),
          displayPath: displayFolder.isEmpty ? ".env" : displayFolder + "/.env", kind: .dotenv, bytes: bytes))
    }
    return (inputs, order, folder)
  }
}
