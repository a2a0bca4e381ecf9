import DeploylintCore

/// A file of a scanned folder whose text is given rather than read: `deploylint
/// --stdin-filename render.yaml -` lints an editor's unsaved buffer as if it
/// were saved at that path, with the rest of the tree as it is on disk.
public struct Substitute: Sendable {
  /// Path relative to the scanned folder, `/`-separated, normalised.
  public var relativePath: String
  /// The text, or nil when it was larger than the size limit (then the file
  /// is left out with a notification, as a file too large on disk would be).
  public var bytes: [UInt8]?

  public init(relativePath: String, bytes: [UInt8]?) {
    self.relativePath = relativePath
    self.bytes = bytes
  }
}

extension Discovery {
  /// `result` with each substitute in place of the file walked at its path,
  /// or added when the walk did not find one there (a new file, an ignored
  /// one or one in a skipped folder: the user named it, as a file named on
  /// the command line is read). Files are classified by name, as on disk.
  func substituting(_ result: DiscoveryResult, display: String) -> DiscoveryResult {
    guard !substitutes.isEmpty else { return result }
    var out = result
    for substitute in substitutes {
      let path = substitute.relativePath
      let shown = Discovery.join(display, path)
      // In place when the walk found it, so the order of files (and of the
      // services found in them) is the order of a scan of the saved file.
      let index = out.files.firstIndex { $0.relativePath == path }
      out.files.removeAll { $0.relativePath == path }
      out.notifications.removeAll { $0.path == shown }
      guard let bytes = substitute.bytes else {
        out.notifications.append(
          ToolNotification(
            path: shown,
            message: "skipped: standard input is larger than the \(maxFileSize / 1_048_576) MiB limit"))
        continue
      }
      let name = path.split(separator: "/").last.map(String.init) ?? path
      guard let kind = FileKind.classify(fileName: name) else {
        out.notifications.append(
          ToolNotification(path: shown, message: "skipped: deploylint reads no file of this name"))
        continue
      }
      let file = InputFile(relativePath: path, displayPath: shown, kind: kind, bytes: bytes)
      out.files.insert(file, at: min(index ?? out.files.count, out.files.count))
    }
    return out
  }
}
