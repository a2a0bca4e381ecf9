import CLibArchive
import DeploylintCore
import DeploylintParsers
import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// OCI layouts given as a folder: blobs read as files, not from an archive.
extension ImageScanner {
  func scanFolder(_ input: ImageInput) -> ImageScanResult {
    let root = input.path
    let display = input.displayPath.hasSuffix("/") ? String(input.displayPath.dropLast()) : input.displayPath
    var resolver = LayoutResolver(display: display, separator: "/", platform: platform) { name in
      Self.readBlobFile(root + "/" + name)
    }
    let refs = resolver.images()
    var jobs: [String] = []
    var total: Int64 = 0
    for blob in Set(refs.flatMap { $0.layers.map(\.blob) }).sorted() {
      var st = stat()
      guard lstat(root + "/" + blob, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
      jobs.append(blob)
      total += Int64(st.st_size)
    }
    let progress = ProgressMeter(label: display, total: total, enabled: showProgress)
    defer { progress.finish() }
    let results = Locked([String: LayerScan]())
    let count = max(1, min(workers, jobs.count))
    let layerBlobs = jobs
    DispatchQueue.concurrentPerform(iterations: count) { w in
      for (i, blob) in layerBlobs.enumerated() where i % count == w {
        var scan = LayerScan(error: "cannot open the layer")
        if let reader = ArchiveReader(), reader.open(path: root + "/" + blob) {
          scan = LayerScanner.scan(reader)
          progress.advance(by: Int(archive_filter_bytes(reader.handle, -1)))
        }
        results.withLock { $0[blob] = scan }
      }
    }
    let scans = results.withLock { $0 }
    return build(refs, display: display, separator: "/", resolver: &resolver, extra: []) { scans[$0] }
  }

  /// A blob of a layout folder: regular files only (a symlink could point
  /// outside the folder), JSON read up to `maxJSONSize`.
  static func readBlobFile(_ path: String) -> BlobContent {
    var st = stat()
    guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return .missing }
    if Int(st.st_size) > maxJSONSize { return .tooLarge }
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW)
    guard fd >= 0 else { return .missing }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while bytes.count <= maxJSONSize {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0, errno == EINTR { continue }
      if n <= 0 { break }
      bytes.append(contentsOf: buffer[0..<n])
    }
    if bytes.count > maxJSONSize { return .tooLarge }
    let looksJSON = bytes.withUnsafeBytes { $0.baseAddress.map { looksLikeJSON($0, bytes.count) } ?? false }
    return looksJSON ? .json(bytes) : .notJSON
  }

}
