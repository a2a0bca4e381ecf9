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

    func content(_ name: String) -> BlobContent {
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
    let refs = catalog.diagnostics.isEmpty || !catalog.json.isEmpty ? resolver.images() : []
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
      guard archive_entry_filetype(entry) == LayerScanner.regularFileType,
        let name = ImagePathClassifier.normalize(raw)
      else { continue }
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

  // MARK: - Facts

  func build(
    _ refs: [ImageRef], display: String, separator: String, resolver: inout LayoutResolver,
    extra: [ImageDiagnostic], scan: (String) -> LayerScan?
  ) -> ImageScanResult {
    var result = ImageScanResult()
    for ref in refs {
      var config = ImageConfig()
      var configSpan = resolver.span(ref.manifest)
      if let blob = ref.configBlob {
        configSpan = resolver.span(blob)
        if let doc = resolver.document(blob, what: "image config") { config = ImageConfig.read(doc) }
      } else {
        resolver.problem(ref.manifest, "the manifest names no config")
      }
      var layers: [(blob: String, scan: LayerScan)] = []
      for (blob, _) in ref.layers {
        guard let layer = scan(blob) else {
          switch resolver.blob(blob) {
          case .missing:
            resolver.problem(blob, "the manifest names layer `\(blob)`, which is not in the image")
          default: resolver.problem(blob, "layer `\(blob)` is not a tar stream")
          }
          layers.append((blob, LayerScan()))
          continue
        }
        if let error = layer.error {
          resolver.problem(
            blob,
            "layer cannot be read to its end (\(error)); facts from the entries before the error are kept")
        }
        if !layer.unsafeEntries.isEmpty {
          let names = layer.unsafeEntries.map { "`\($0.prefix(120))`" }.joined(separator: ", ")
          resolver.problem(blob, "layer entries with absolute or `..` paths ignored: \(names)")
        }
        layers.append((blob, layer))
      }
      result.images.append(
        ImageComposer.facts(
          display: display, configSpan: configSpan, config: config, repoTags: ref.repoTags, layers: layers))
    }
    var seen = Set<ImageDiagnostic>()
    result.diagnostics = (extra + resolver.diagnostics).filter { seen.insert($0).inserted }
    return result
  }
}

extension ImageScanner {
  /// Facts of an image described rather than archived: a config document
  /// (the image config's shape: `config.Env`, `history`…) and the files of
  /// its layers. The test suite's `.image.json` examples go through here, so
  /// they exercise the same composition as real archives.
  public static func facts(
    display: String, configSpan: Span, config: ConfigDocument?, repoTags: [String],
    layers: [[(path: String, size: Int64)]]
  ) -> ImageFacts {
    let parsed = config.map(ImageConfig.read) ?? ImageConfig()
    return ImageComposer.facts(
      display: display, configSpan: configSpan, config: parsed, repoTags: repoTags,
      layers: layers.enumerated().map { ("layer\($0.offset)", LayerScanner.scan(files: $0.element)) })
  }
}
