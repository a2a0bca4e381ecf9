import CLibArchive

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Builds small real image archives with libarchive's writer, for the image
/// tests: layers, docker-save archives (legacy and OCI), OCI layout folders.
enum ImageArchiveBuilder {
  enum Item {
    case file(String, size: Int)
    case dir(String)
    case symlink(String, target: String)
    /// Raw bytes appended as they are (a hand-made header).
    case raw([UInt8])
  }

  enum Filter { case none, gzip, zstd }

  final class Sink {
    var bytes: [UInt8] = []
  }

  /// A tar stream of `items`, through `filter`.
  static func tar(_ items: [Item], filter: Filter = .none) -> [UInt8] {
    var raws: [[UInt8]] = []
    let body = writeArchive(filter: filter) { a in
      for item in items {
        switch item {
        case .file(let path, let size):
          addEntry(a, path: path, type: 0o100000, size: size)
        case .dir(let path):
          addEntry(a, path: path, type: 0o040000, size: 0)
        case .symlink(let path, let target):
          let e = archive_entry_new()!
          archive_entry_set_pathname(e, path)
          archive_entry_set_filetype(e, 0o120000)
          archive_entry_set_symlink(e, target)
          archive_entry_set_perm(e, 0o777)
          archive_write_header(a, e)
          archive_entry_free(e)
        case .raw(let bytes):
          raws.append(bytes)
        }
      }
    }
    guard !raws.isEmpty else { return body }
    // Raw items go after the regular entries, replacing the end-of-archive blocks.
    return Array(body.prefix(tarLengthWithoutTrailer(body))) + raws.flatMap { $0 }
  }

  static func tarLengthWithoutTrailer(_ bytes: [UInt8]) -> Int {
    var end = bytes.count
    while end >= 512, bytes[(end - 512)..<end].allSatisfy({ $0 == 0 }) { end -= 512 }
    return end
  }

  static func addEntry(_ a: OpaquePointer, path: String, type: UInt32, size: Int, content: [UInt8]? = nil) {
    let e = archive_entry_new()!
    archive_entry_set_pathname(e, path)
    archive_entry_set_filetype(e, type)
    archive_entry_set_perm(e, 0o644)
    archive_entry_set_size(e, Int64(content?.count ?? size))
    archive_write_header(a, e)
    archive_entry_free(e)
    if let content {
      content.withUnsafeBytes { _ = archive_write_data(a, $0.baseAddress, $0.count) }
    } else if size > 0 {
      let chunk = [UInt8](repeating: 0x61, count: min(size, 65_536))
      var left = size
      while left > 0 {
        let n = min(left, chunk.count)
        chunk.withUnsafeBytes { _ = archive_write_data(a, $0.baseAddress, n) }
        left -= n
      }
    }
  }

  static func writeArchive(filter: Filter, _ body: (OpaquePointer) -> Void) -> [UInt8] {
    let a = archive_write_new()!
    archive_write_set_format_pax_restricted(a)
    switch filter {
    case .none: archive_write_add_filter_none(a)
    case .gzip: archive_write_add_filter_gzip(a)
    case .zstd: archive_write_add_filter_zstd(a)
    }
    archive_write_set_bytes_in_last_block(a, 1)
    let sink = Sink()
    archive_write_open(
      a, Unmanaged.passUnretained(sink).toOpaque(), nil,
      { _, context, buffer, length in
        let sink = Unmanaged<Sink>.fromOpaque(context!).takeUnretainedValue()
        sink.bytes.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: length))
        return length
      }, nil)
    body(a)
    archive_write_close(a)
    archive_write_free(a)
    return sink.bytes
  }

  /// A gzip bomb: a gzip tar layer holding one file of `mebibytes` MiB of
  /// zeros, about a thousand times smaller than what it inflates to. Built
  /// from concatenated gzip members (which gzip and libarchive read as one
  /// stream): the tar header, then one compressed MiB of zeros repeated, then
  /// the end-of-archive blocks. Only the compressed bytes are ever held, and
  /// only one MiB is ever compressed, so building a gigabyte bomb is instant.
  static func zeroBomb(path: String, mebibytes: Int) -> [UInt8] {
    let zeros = gzipMember([UInt8](repeating: 0, count: 1 << 20))
    var bytes = gzipMember(ustarHeader(path: path, size: UInt64(mebibytes) << 20))
    bytes.reserveCapacity(bytes.count + zeros.count * (mebibytes + 1))
    for _ in 0..<mebibytes { bytes += zeros }
    return bytes + gzipMember([UInt8](repeating: 0, count: 1024))
  }

  /// `bytes` as one gzip member (libarchive's raw format through its gzip filter).
  static func gzipMember(_ bytes: [UInt8]) -> [UInt8] {
    let a = archive_write_new()!
    archive_write_set_format_raw(a)
    archive_write_add_filter_gzip(a)
    archive_write_set_options(a, "gzip:compression-level=9")
    archive_write_set_bytes_in_last_block(a, 1)
    let sink = Sink()
    archive_write_open(
      a, Unmanaged.passUnretained(sink).toOpaque(), nil,
      { _, context, buffer, length in
        let sink = Unmanaged<Sink>.fromOpaque(context!).takeUnretainedValue()
        sink.bytes.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: length))
        return length
      }, nil)
    let e = archive_entry_new()!
    archive_entry_set_pathname(e, "raw")
    archive_entry_set_filetype(e, 0o100000)
    archive_write_header(a, e)
    archive_entry_free(e)
    bytes.withUnsafeBytes { _ = archive_write_data(a, $0.baseAddress, $0.count) }
    archive_write_close(a)
    archive_write_free(a)
    return sink.bytes
  }

  /// A ustar header of a regular file, its size in octal (up to 8 GiB).
  static func ustarHeader(path: String, size: UInt64) -> [UInt8] {
    var h = [UInt8](repeating: 0, count: 512)
    func put(_ text: String, at offset: Int) {
      for (i, b) in text.utf8.enumerated() { h[offset + i] = b }
    }
    put(String(path.prefix(100)), at: 0)
    put("0000644", at: 100)
    put("0000000", at: 108)
    put("0000000", at: 116)
    let octal = String(size, radix: 8)
    put(String(repeating: "0", count: max(0, 11 - octal.count)) + octal, at: 124)
    put("00000000000", at: 136)
    put("0", at: 156)
    put("ustar", at: 257)
    put("00", at: 263)
    put("        ", at: 148)
    let sum = String(h.reduce(0) { $0 + Int($1) }, radix: 8)
    put(String(repeating: "0", count: 6 - sum.count) + sum, at: 148)
    h[154] = 0
    return h
  }

  /// An outer archive of named blobs, in the order given.
  static func archive(_ entries: [(String, [UInt8])], filter: Filter = .none) -> [UInt8] {
    writeArchive(filter: filter) { a in
      for (path, bytes) in entries { addEntry(a, path: path, type: 0o100000, size: 0, content: bytes) }
    }
  }

  /// An outer archive whose entries may be links to other entries, as
  /// moby's legacy `docker save` writes a repeated layer.
  enum OuterEntry {
    case blob(String, [UInt8])
    case symlink(String, target: String)
    case hardlink(String, target: String)
  }

  static func archive(entries: [OuterEntry]) -> [UInt8] {
    writeArchive(filter: .none) { a in
      for entry in entries {
        switch entry {
        case .blob(let path, let bytes): addEntry(a, path: path, type: 0o100000, size: 0, content: bytes)
        case .symlink(let path, let target), .hardlink(let path, let target):
          let e = archive_entry_new()!
          archive_entry_set_pathname(e, path)
          if case .symlink = entry {
            archive_entry_set_filetype(e, 0o120000)
            archive_entry_set_symlink(e, target)
          } else {
            archive_entry_set_filetype(e, 0o100000)
            archive_entry_set_hardlink(e, target)
          }
          archive_entry_set_perm(e, 0o644)
          archive_write_header(a, e)
          archive_entry_free(e)
        }
      }
    }
  }

  /// A 64-hex pseudo digest (the scanner keys blobs by name, not by hash).
  static func digest(_ n: Int) -> String {
    let hex = String(n, radix: 16)
    return String(repeating: "0", count: 64 - hex.count) + hex
  }

  static func utf8(_ s: String) -> [UInt8] { Array(s.utf8) }

  static func config(env: [String], history: [String], cmd: [String] = ["python", "app.py"]) -> String {
    let envJSON = env.map { "\"\($0)\"" }.joined(separator: ",")
    let cmdJSON = cmd.map { "\"\($0)\"" }.joined(separator: ",")
    let historyJSON = history.map { "{\"created_by\":\"\($0)\"}" }.joined(separator: ",")
    return """
      {"architecture":"amd64","os":"linux","config":{"Env":[\(envJSON)],"Cmd":[\(cmdJSON)],"User":"app"},\
      "history":[\(historyJSON)],"rootfs":{"type":"layers","diff_ids":[]}}
      """
  }

  /// A legacy `docker save` archive: `manifest.json`, `<hex>.json`, `<id>/layer.tar`.
  static func dockerSave(
    config: String, layers: [[UInt8]], tags: [String], manifestFirst: Bool = true,
    extraLayers: [String] = [], filter: Filter = .none
  ) -> [UInt8] {
    let configName = digest(999) + ".json"
    let layerNames = layers.indices.map { "\(digest($0 + 1))/layer.tar" }
    let tagsJSON = tags.map { "\"\($0)\"" }.joined(separator: ",")
    let listed = (layerNames + extraLayers).map { "\"\($0)\"" }.joined(separator: ",")
    let manifest = "[{\"Config\":\"\(configName)\",\"RepoTags\":[\(tagsJSON)],\"Layers\":[\(listed)]}]"
    var blobs: [(String, [UInt8])] = [(configName, utf8(config))]
    blobs += zip(layerNames, layers).map { ($0, $1) }
    let m = ("manifest.json", utf8(manifest))
    return archive(manifestFirst ? [m] + blobs : blobs + [m], filter: filter)
  }

  /// The blobs of an OCI layout: config, layers, one manifest, `index.json` last.
  static func ociBlobs(
    config: String, layers: [(bytes: [UInt8], mediaType: String)], tag: String?, missingLayer: Bool = false
  ) -> [(String, [UInt8])] {
    var blobs: [(String, [UInt8])] = []
    let configDigest = digest(500)
    blobs.append(("blobs/sha256/\(configDigest)", utf8(config)))
    var layerDescriptors: [String] = []
    for (i, layer) in layers.enumerated() {
      let d = digest(600 + i)
      blobs.append(("blobs/sha256/\(d)", layer.bytes))
      layerDescriptors.append(
        "{\"mediaType\":\"\(layer.mediaType)\",\"digest\":\"sha256:\(d)\",\"size\":\(layer.bytes.count)}")
    }
    if missingLayer {
      layerDescriptors.append(
        "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:\(digest(4242))\",\"size\":1}"
      )
    }
    let manifest = """
      {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",\
      "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:\(configDigest)","size":1},\
      "layers":[\(layerDescriptors.joined(separator: ","))]}
      """
    let manifestDigest = digest(700)
    blobs.append(("blobs/sha256/\(manifestDigest)", utf8(manifest)))
    let annotation = tag.map { ",\"annotations\":{\"io.containerd.image.name\":\"\($0)\"}" } ?? ""
    let index = """
      {"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json",\
      "digest":"sha256:\(manifestDigest)","size":1\(annotation)}]}
      """
    blobs.append(("oci-layout", utf8("{\"imageLayoutVersion\":\"1.0.0\"}")))
    blobs.append(("index.json", utf8(index)))
    return blobs
  }

  /// A temporary folder, removed by `removeFolder(_:)`.
  static func temporaryFolder() -> String {
    var template = Array("/tmp/deploylint-images-XXXXXX".utf8CString)
    let path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    return path
  }

  static func writeFile(_ path: String, _ bytes: [UInt8]) {
    var folder = ""
    for part in path.split(separator: "/").dropLast() {
      folder += "/" + part
      mkdir(folder, 0o755)
    }
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    bytes.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
    close(fd)
  }

  static func removeFolder(_ folder: String) {
    guard folder.hasPrefix("/tmp/deploylint-images-") else { return }
    removeTree(folder, depth: 0)
  }

  private static func removeTree(_ path: String, depth: Int) {
    var st = stat()
    guard depth < 32, lstat(path, &st) == 0 else { return }
    if (st.st_mode & S_IFMT) == S_IFDIR {
      for name in listFolder(path) { removeTree(path + "/" + name, depth: depth + 1) }
      rmdir(path)
    } else {
      unlink(path)
    }
  }

  /// Entry names of a folder, sorted.
  static func listFolder(_ path: String) -> [String] {
    guard let dir = opendir(path) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
  }

  /// A ustar header declaring `size` bytes in base-256 (GNU), for hostile tests.
  static func hugeHeader(path: String, size: UInt64) -> [UInt8] {
    var h = [UInt8](repeating: 0, count: 512)
    for (i, b) in path.utf8.prefix(100).enumerated() { h[i] = b }
    for (i, b) in "0000644".utf8.enumerated() { h[100 + i] = b }
    for (i, b) in "0000000".utf8.enumerated() {
      h[108 + i] = b
      h[116 + i] = b
    }
    h[124] = 0x80
    for i in 0..<8 { h[135 - i] = UInt8((size >> (8 * UInt64(i))) & 0xFF) }
    for (i, b) in "00000000000".utf8.enumerated() { h[136 + i] = b }
    h[156] = UInt8(ascii: "0")
    for (i, b) in "ustar".utf8.enumerated() { h[257 + i] = b }
    h[263] = UInt8(ascii: "0")
    h[264] = UInt8(ascii: "0")
    for i in 148..<156 { h[i] = 0x20 }
    let sum = h.reduce(0) { $0 + Int($1) }
    let octal = String(sum, radix: 8)
    let field = String(repeating: "0", count: 6 - octal.count) + octal
    for (i, b) in field.utf8.enumerated() { h[148 + i] = b }
    h[154] = 0
    h[155] = 0x20
    return h + [UInt8](repeating: 0x62, count: 2048)
  }
}
