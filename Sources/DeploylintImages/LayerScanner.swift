import CLibArchive

/// One thing a layer does to the file set, in archive order.
enum LayerEvent: Hashable, Sendable {
  case file(path: String, size: Int64, kind: FileClass)
  /// `dir/.wh.name`: removes `dir/name` of lower layers.
  case whiteout(String)
  /// `dir/.wh..wh..opq`: removes the lower layers' contents of `dir`.
  case opaque(String)
}

/// The facts of one layer blob, independent of where the manifest puts it:
/// kept by blob name and resolved once the manifest is known.
struct LayerScan: Sendable, Hashable {
  /// Bytes of regular files whose data was read through.
  var size: Int64 = 0
  var events: [LayerEvent] = []
  /// Entries with absolute or `..` names, ignored.
  var unsafeEntries: [String] = []
  var error: String?
}

/// Reads a layer tar entry by entry, never its data: only names, types and
/// sizes. Memory: one event per file that matters (see `FileClass`).
enum LayerScanner {
  static let maxUnsafeNamesKept = 5
  /// `AE_IFREG` (a macro Swift does not import).
  static let regularFileType: UInt32 = 0o100000
  static let symlinkFileType: UInt32 = 0o120000

  static func scan(_ reader: ArchiveReader) -> LayerScan {
    var scan = LayerScan()
    var torchFolders = Set<String>()
    let a = reader.handle
    var entry: OpaquePointer?
    while true {
      let r = archive_read_next_header(a, &entry)
      if r == ARCHIVE_EOF { break }
      if r < ARCHIVE_WARN {
        scan.error = reader.errorString
        break
      }
      guard let entry else { break }
      let raw = archive_entry_pathname(entry).map { String(cString: $0) } ?? ""
      if ImagePathClassifier.isUnsafe(raw) {
        if scan.unsafeEntries.count < maxUnsafeNamesKept { scan.unsafeEntries.append(raw) }
        continue
      }
      guard let path = ImagePathClassifier.normalize(raw) else { continue }
      let slash = path.lastIndex(of: "/")
      let name = slash.map { path[path.index(after: $0)...] } ?? Substring(path)
      if name.hasPrefix(".wh.") {
        let dir = slash.map { String(path[..<$0]) } ?? ""
        if name == ".wh..wh..opq" {
          scan.events.append(.opaque(dir))
        } else {
          let target = String(name.dropFirst(4))
          scan.events.append(.whiteout(dir.isEmpty ? target : dir + "/" + target))
        }
        continue
      }
      if let torch = ImagePathClassifier.torchDistInfo(path), torchFolders.insert(torch.folder).inserted {
        scan.events.append(.file(path: torch.folder, size: 0, kind: .torch(version: torch.version)))
      }
      let isRegular = archive_entry_filetype(entry) == regularFileType && archive_entry_hardlink(entry) == nil
      guard isRegular else { continue }
      let size = archive_entry_size_is_set(entry) != 0 ? max(0, archive_entry_size(entry)) : 0
      // Count the file only once its data has been read through: a header
      // that declares a terabyte in a small archive fails here, not in a sum.
      if archive_read_data_skip(a) < ARCHIVE_WARN {
        scan.error = reader.errorString
        break
      }
      scan.size += size
      if let kind = ImagePathClassifier.classify(path) {
        scan.events.append(.file(path: path, size: size, kind: kind))
      }
    }
    return scan
  }

  /// A layer described by its files (for tests and `.image.json` examples).
  static func scan(files: [(path: String, size: Int64)]) -> LayerScan {
    var scan = LayerScan()
    var torchFolders = Set<String>()
    for (raw, size) in files {
      guard let path = ImagePathClassifier.normalize(raw) else { continue }
      if let torch = ImagePathClassifier.torchDistInfo(path), torchFolders.insert(torch.folder).inserted {
        scan.events.append(.file(path: torch.folder, size: 0, kind: .torch(version: torch.version)))
      }
      scan.size += size
      if let kind = ImagePathClassifier.classify(path) {
        scan.events.append(.file(path: path, size: size, kind: kind))
      }
    }
    return scan
  }
}
