#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Files named by several options of one command: two outputs (or an output
/// and an input read by the same run) naming one file would overwrite each
/// other, so that is a usage error whatever the spelling (`x`, `./x`, a link).
enum OutputTargets {
  /// The usage error for the first file named twice, if any. `outputs` are
  /// written by the run; `inputs` are read by it and must not be overwritten.
  static func conflict(
    outputs: [(option: String, path: String)], inputs: [(option: String, path: String)] = []
  )
    -> String?
  {
    var seen: [String: String] = [:]
    for (option, path) in outputs {
      let key = identity(path)
      if let first = seen[key] { return "\(path) is named by both \(first) and \(option)" }
      seen[key] = option
    }
    for (option, path) in inputs {
      if let output = seen[identity(path)] { return "\(path) is read by \(option) and written by \(output)" }
    }
    return nil
  }

  /// The file a path names: its device and inode when it exists (through
  /// links), else its folder's real path and its name.
  static func identity(_ path: String) -> String {
    var st = stat()
    if stat(path, &st) == 0 { return "inode \(st.st_dev):\(st.st_ino)" }
    let (folder, name) = SafeWriter.split(path)
    return "path " + (SafeWriter.realPath(folder) ?? folder) + "/" + name
  }
}
