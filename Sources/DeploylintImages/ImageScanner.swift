import CLibArchive
import DeploylintCore
import DeploylintParsers
import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An image to scan: a `docker save` archive, an OCI layout folder, or an OCI
/// layout tar (DESIGN.md §2).
public struct ImageInput: Hashable, Sendable {
  public var path: String
  /// As the user wrote it; prefix of every located fact (`app.tar!…`).
  public var displayPath: String
  public init(path: String, displayPath: String) {
    self.path = path
    self.displayPath = displayPath
  }
}

/// The images of one input and the problems met reading it.
public struct ImageScanResult: Sendable {
  public var images: [ImageFacts] = []
  public var diagnostics: [ImageDiagnostic] = []
}

/// Streams an image archive or layout into `ImageFacts` (DESIGN.md §7:
/// layers streamed, never held whole).
///
/// An archive is read in one pass: small JSON blobs (manifests, indexes,
/// configs, at most `maxJSONSize`) are kept, every other blob is read as a
/// layer through a nested libarchive reader and reduced to per-file facts,
/// kept by blob name until the manifest says which layers make the image.
/// When the archive is an unfiltered file and `workers > 1`, the first pass
/// only reads the JSON and the layers are then read in parallel, each worker
/// re-opening the archive and seeking past the layers it does not own. The
/// facts do not depend on the mode: layers are composed in manifest order.
public struct ImageScanner: Sendable {
  /// Largest JSON blob read into memory (configs are kilobytes).
  public static let maxJSONSize = 16 * 1_048_576
  /// `os/architecture[/variant]` picked from multi-platform indexes.
  public var platform = "linux/amd64"
  /// Layer readers run at once (1: a single pass).
  public var workers = ImageScanner.defaultWorkers
  /// Draw a progress bar on stderr (default: when stderr is a terminal).
  public var showProgress = ProgressMeter.stderrIsTerminal

  public static var defaultWorkers: Int { max(1, min(4, sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

  public init() {}

  public func scan(_ input: ImageInput) -> ImageScanResult {
    var st = stat()
    guard stat(input.path, &st) == 0 else {
      return ImageScanResult(
        diagnostics: [
          ImageDiagnostic(span: .file(input.displayPath), message: "cannot open the image: no such file")
        ])
    }
    if (st.st_mode & S_IFMT) == S_IFDIR { return scanFolder(input) }
    return scanArchive(input, size: Int64(st.st_size))
  }

  /// True when `path` is a folder holding an OCI layout (`oci-layout`).
  public static func isOCILayout(_ path: String) -> Bool {
    var st = stat()
    return lstat(path + "/oci-layout", &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
  }

  /// Names of files that are image archives when named on the command line.
  public static func isArchiveName(_ name: String) -> Bool {
    let lower = name.lowercased()
    return lower.hasSuffix(".tar") || lower.hasSuffix(".tar.gz") || lower.hasSuffix(".tgz")
      || lower.hasSuffix(".tar.zst")
  }

  // MARK: - Archives

  struct Catalog {
    var json: [String: [UInt8]] = [:]
    var tooLarge: Set<String> = []
    var names: Set<String> = []
    /// Blobs read as layers later, by entry ordinal (parallel mode).
    var layerEntries: [String: (ordinal: Int, size: Int64)] = [:]
    var scans: [String: LayerScan] = [:]
    var diagnostics: [ImageDiagnostic] = []
    var parallel = false
    /// Symbolic and hard links between entries (`docker save` stores a
    /// repeated layer as a link to another `layer.tar`), by entry name, to the
    /// entry they name inside the archive.
    var links: [String: String] = [:]

    /// The entry a name stands for after links (at most 16, so a loop ends).
    func resolve(_ name: String) -> String {
      var current = name
      for _ in 0..<16 {
        guard let next = links[current] else { return current }
        current = next
      }
      return current
    }

    func content(_ name: String) -> BlobContent {
      let name = resolve(name)
      if let bytes = json[name] { return .json(bytes) }
      if tooLarge.contains(name) { return .tooLarge }
      return names.contains(name) ? .notJSON : .missing
    }
  }

  func scanArchive(_ input: ImageInput, size: Int64) -> ImageScanResult {
    let display = input.displayPath
    let progress = ProgressMeter(label: display, total: size, enabled: showProgress)
    defer { progress.finish() }
    var catalog = readCatalog(input, progress: progress)
    var resolver = LayoutResolver(
      display: display, separator: "!", platform: platform, blob: { [catalog] in catalog.content($0) })
    let refs =
      catalog.diagnostics.isEmpty || !catalog.json.isEmpty ? resolver.images(canonical: catalog.resolve) : []
    if catalog.parallel {
      let wanted = Set(refs.flatMap { $0.layers.map(\.blob) })
      let jobs = catalog.layerEntries.filter { wanted.contains($0.key) }
        .map { (name: $0.key, ordinal: $0.value.ordinal, size: $0.value.size) }
      catalog.scans = scanInParallel(input.path, jobs: jobs, progress: progress)
    }
    return build(refs, display: display, separator: "!", resolver: &resolver, extra: catalog.diagnostics) {
      if let scan = catalog.scans[$0] { return scan }
      return nil
    }
  }

  /// The first pass: every entry's header, the JSON blobs, and (single pass)
  /// every layer.
  func readCatalog(_ input: ImageInput, progress: ProgressMeter) -> Catalog {
    var catalog = Catalog()
    let display = input.displayPath
    guard let reader = ArchiveReader(), reader.open(path: input.path) else {
      catalog.diagnostics.append(
        ImageDiagnostic(span: .file(display), message: "cannot open the image archive: not a tar archive"))
      return catalog
    }
    catalog.parallel = workers > 1 && reader.isUnfiltered
    let a = reader.handle
    var entry: OpaquePointer?
    var ordinal = -1
    while true {
      ordinal += 1
      let r = archive_read_next_header(a, &entry)
      if r == ARCHIVE_EOF { break }
      if r < ARCHIVE_WARN {
        catalog.diagnostics.append(
          ImageDiagnostic(
            span: .file(display), message: "the archive is truncated or corrupt: \(reader.errorString)"))
        break
      }
      guard let entry else { break }
      let raw = archive_entry_pathname(entry).map { String(cString: $0) } ?? ""
      if ImagePathClassifier.isUnsafe(raw) {
        catalog.diagnostics.append(
          ImageDiagnostic(
            span: .file(display),
            message:
              "entry `\(raw.prefix(200))` has an absolute or `..` path: ignored (nothing is ever extracted)"))
        continue
      }
      guard let name = ImagePathClassifier.normalize(raw) else { continue }
      if let target = Self.linkTarget(entry, name: name) {
        if let target {
          catalog.names.insert(name)
          catalog.links[name] = target
        } else {
          // Followed within the archive only: a link out of it names nothing.
          catalog.diagnostics.append(
            ImageDiagnostic(
              span: .file(display + "!" + name), message: "a link pointing outside the archive: not followed")
          )
        }
        continue
      }
      guard archive_entry_filetype(entry) == LayerScanner.regularFileType else { continue }
      catalog.names.insert(name)
      let dataStart = archive_filter_bytes(a, 0)
      var block: UnsafeRawPointer?
      var count = 0
      var offset: Int64 = 0
      let d = archive_read_data_block(a, &block, &count, &offset)
      if d == ARCHIVE_EOF { continue }
      guard d >= ARCHIVE_WARN, let block else {
        catalog.diagnostics.append(
          ImageDiagnostic(
            span: .file(display + "!" + name), message: "cannot read this entry: \(reader.errorString)"))
        break
      }
      progress.advance(by: count)
      if Self.looksLikeJSON(block, count) {
        readJSON(a, name: name, first: block, count: count, into: &catalog, progress: progress)
      } else if catalog.parallel {
        let size = archive_entry_size_is_set(entry) != 0 ? archive_entry_size(entry) : 0
        catalog.layerEntries[name] = (ordinal, size)
      } else {
        catalog.scans[name] = Self.scanLayer(
          reader, path: input.path, entry: entry, dataStart: dataStart, first: (block, count),
          progress: progress)
      }
    }
    return catalog
  }

  /// For a link entry, the entry it names inside the archive (`.some(nil)`
  /// when it points out of the archive); nil for other entries. A hard link
  /// names an archive path; a symbolic link is relative to its folder.
  static func linkTarget(_ entry: OpaquePointer, name: String) -> String?? {
    if let hard = archive_entry_hardlink(entry) {
      let target = String(cString: hard)
      return .some(ImagePathClassifier.isUnsafe(target) ? nil : ImagePathClassifier.normalize(target))
    }
    guard archive_entry_filetype(entry) == LayerScanner.symlinkFileType else { return nil }
    let target = archive_entry_symlink(entry).map { String(cString: $0) } ?? ""
    if target.hasPrefix("/") { return .some(nil) }
    let folder = name.split(separator: "/").dropLast().joined(separator: "/")
    var parts: [Substring] = []
    for piece in (folder.isEmpty ? target : folder + "/" + target).split(separator: "/") {
      switch piece {
      case ".", "": continue
      case "..":
        if parts.isEmpty { return .some(nil) }
        parts.removeLast()
      default: parts.append(piece)
      }
    }
    return .some(parts.isEmpty ? nil : parts.joined(separator: "/"))
  }

  static func looksLikeJSON(_ block: UnsafeRawPointer, _ count: Int) -> Bool {
    let bytes = UnsafeRawBufferPointer(start: block, count: count)
    guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
      return false
    }
    return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
  }

  private func readJSON(
    _ a: OpaquePointer, name: String, first: UnsafeRawPointer, count: Int, into catalog: inout Catalog,
    progress: ProgressMeter
  ) {
    var bytes = Array(UnsafeRawBufferPointer(start: first, count: count))
    while bytes.count <= Self.maxJSONSize {
      var block: UnsafeRawPointer?
      var n = 0
      var offset: Int64 = 0
      let r = archive_read_data_block(a, &block, &n, &offset)
      if r == ARCHIVE_EOF { break }
      guard r >= ARCHIVE_WARN, let block else {
        catalog.tooLarge.insert(name)
        return
      }
      progress.advance(by: n)
      bytes.append(contentsOf: UnsafeRawBufferPointer(start: block, count: n))
    }
    if bytes.count > Self.maxJSONSize {
      catalog.tooLarge.insert(name)
    } else {
      catalog.json[name] = bytes
    }
  }

  /// Reads the current entry of `outer` as a layer, `first` being its first
  /// data block. In a plain archive file the layer is read from the file
  /// itself (`FileRegion`): skipping its files seeks instead of reading them
  /// through; the outer reader then seeks past the entry.
  static func scanLayer(
    _ outer: ArchiveReader, path: String, entry: OpaquePointer, dataStart: Int64,
    first: (UnsafeRawPointer, Int), progress: ProgressMeter
  ) -> LayerScan {
    let size = archive_entry_size_is_set(entry) != 0 ? archive_entry_size(entry) : -1
    if outer.isUnfiltered, size > 0, let region = FileRegion(path: path, base: dataStart, size: size),
      region.starts(with: UnsafeRawBufferPointer(start: first.0, count: first.1))
    {
      guard let inner = ArchiveReader() else { return LayerScan(error: "out of memory") }
      var scan: LayerScan
      if inner.open(region: region) {
        scan = LayerScanner.scan(inner)
        if let failure = region.failure { scan.error = failure }
      } else {
        scan = LayerScan(error: region.failure ?? "not a tar layer (\(inner.errorString))")
      }
      progress.advance(by: max(0, Int(size) - first.1))
      return scan
    }
    return scanNested(EntryStream(outer: outer.handle, pending: first, progress: progress))
  }

  /// Reads the current entry of the stream's outer archive as a layer.
  static func scanNested(_ stream: EntryStream) -> LayerScan {
    guard let inner = ArchiveReader() else { return LayerScan(error: "out of memory") }
    guard inner.open(stream: stream) else {
      return LayerScan(error: stream.failure ?? "not a tar layer (\(inner.errorString))")
    }
    var scan = LayerScanner.scan(inner)
    if let failure = stream.failure { scan.error = failure }
    return scan
  }

  /// Layers spread over `workers` readers by size (largest first to the least
  /// loaded), each re-opening the archive and seeking to its entries.
  func scanInParallel(
    _ path: String, jobs: [(name: String, ordinal: Int, size: Int64)], progress: ProgressMeter
  ) -> [String: LayerScan] {
    let count = max(1, min(workers, jobs.count))
    var plans = Array(repeating: [Int: String](), count: count)
    var load = Array(repeating: Int64(0), count: count)
    for job in jobs.sorted(by: { ($1.size, $0.ordinal) < ($0.size, $1.ordinal) }) {
      let w = load.indices.min { (load[$0], $0) < (load[$1], $1) }!
      plans[w][job.ordinal] = job.name
      load[w] += job.size
    }
    let results = Locked([String: LayerScan]())
    let frozen = plans
    DispatchQueue.concurrentPerform(iterations: count) { w in
      let scans = Self.scanEntries(path, plan: frozen[w], progress: progress)
      results.withLock { $0.merge(scans) { a, _ in a } }
    }
    return results.withLock { $0 }
  }

  static func scanEntries(_ path: String, plan: [Int: String], progress: ProgressMeter) -> [String: LayerScan]
  {
    var scans: [String: LayerScan] = [:]
    guard !plan.isEmpty, let reader = ArchiveReader(), reader.open(path: path) else { return scans }
    let last = plan.keys.max() ?? 0
    var entry: OpaquePointer?
    var ordinal = -1
    while ordinal < last {
      ordinal += 1
      guard archive_read_next_header(reader.handle, &entry) >= ARCHIVE_WARN else { break }
      guard let name = plan[ordinal], let entry else { continue }
      let dataStart = archive_filter_bytes(reader.handle, 0)
      var block: UnsafeRawPointer?
      var count = 0
      var offset: Int64 = 0
      let d = archive_read_data_block(reader.handle, &block, &count, &offset)
      if d >= ARCHIVE_WARN, d != ARCHIVE_EOF, let block {
        progress.advance(by: count)
        scans[name] = scanLayer(
          reader, path: path, entry: entry, dataStart: dataStart, first: (block, count), progress: progress)
      } else {
        scans[name] = scanNested(EntryStream(outer: reader.handle, pending: nil, progress: progress))
      }
    }
    return scans
  }
}
