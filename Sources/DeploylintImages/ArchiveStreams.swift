import CLibArchive

#if canImport(Glibc)
  import Glibc
#endif

/// An owned libarchive read handle.
final class ArchiveReader {
  let handle: OpaquePointer

  /// A reader for tar archives behind any filter libarchive knows (gzip, zstd,
  /// xz, bzip2 or none): layer media types and `image.tar.gz` alike.
  init?() {
    guard let a = archive_read_new() else { return nil }
    handle = a
    archive_read_support_format_tar(a)
    archive_read_support_filter_all(a)
  }

  deinit { archive_read_free(handle) }

  var errorString: String {
    archive_error_string(handle).map { String(cString: $0) } ?? "unknown archive error"
  }

  /// Opens a file on disk (seekable: skipping an entry seeks past it).
  func open(path: String) -> Bool {
    archive_read_open_filename(handle, path, 1 << 17) == ARCHIVE_OK
  }

  /// True when the archive is a plain, unfiltered file: skips seek and
  /// workers can re-open it and jump to their layers.
  var isUnfiltered: Bool {
    archive_filter_count(handle) <= 1 && archive_filter_code(handle, 0) == ARCHIVE_FILTER_NONE
  }
}

/// Feeds the data of the current entry of an outer archive to a nested
/// reader, block by block, without copying: the nested reader's read callback
/// pulls from `archive_read_data_block` of the outer one. A layer is never
/// extracted to disk nor held in memory.
final class EntryStream {
  let outer: OpaquePointer
  /// A block already read from the entry (to sniff its type), handed first.
  var pending: (pointer: UnsafeRawPointer, count: Int)?
  var failure: String?
  let progress: ProgressMeter?

  init(outer: OpaquePointer, pending: (UnsafeRawPointer, Int)?, progress: ProgressMeter?) {
    self.outer = outer
    self.pending = pending
    self.progress = progress
  }

  func nextBlock() -> (UnsafeRawPointer?, Int) {
    if let p = pending {
      pending = nil
      return (p.pointer, p.count)
    }
    var buffer: UnsafeRawPointer?
    var size = 0
    var offset: Int64 = 0
    let r = archive_read_data_block(outer, &buffer, &size, &offset)
    if r == ARCHIVE_EOF { return (nil, 0) }
    if r < ARCHIVE_WARN {
      failure = archive_error_string(outer).map { String(cString: $0) } ?? "read error"
      return (nil, -1)
    }
    progress?.advance(by: size)
    return (buffer, size)
  }
}

extension ArchiveReader {
  /// Opens this reader over the current entry of `stream.outer`. The stream
  /// must outlive the reader's use.
  func open(stream: EntryStream) -> Bool {
    let context = Unmanaged.passUnretained(stream).toOpaque()
    let opened = archive_read_open(
      handle, context, nil,
      { _, context, out in
        guard let context else { return -1 }
        let stream = Unmanaged<EntryStream>.fromOpaque(context).takeUnretainedValue()
        let (pointer, count) = stream.nextBlock()
        out?.pointee = pointer
        return count
      }, nil)
    return opened == ARCHIVE_OK
  }
}

/// The data of one entry of a plain (unfiltered) tar file, read straight
/// from the file: skipping a file inside a plain layer is a seek, not a read
/// through the outer archive, so a `docker save` archive costs its headers,
/// not its bytes. Used only when the entry lies wholly inside the file and
/// its first bytes match what the outer reader returned.
final class FileRegion {
  /// Small: a plain layer is mostly skipped, and each read after a skip is
  /// for one 512-byte header.
  static let bufferSize = 1 << 15
  let fd: Int32
  let base: Int64
  let size: Int64
  private(set) var position: Int64 = 0
  private let buffer: UnsafeMutableRawPointer
  var failure: String?

  init?(path: String, base: Int64, size: Int64) {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    var st = stat()
    guard fstat(fd, &st) == 0, base >= 0, size >= 0, base + size <= Int64(st.st_size) else {
      close(fd)
      return nil
    }
    self.fd = fd
    self.base = base
    self.size = size
    buffer = UnsafeMutableRawPointer.allocate(byteCount: Self.bufferSize, alignment: 16)
  }

  deinit {
    buffer.deallocate()
    close(fd)
  }

  /// True when the region starts with `bytes` (the outer reader's first block).
  func starts(with bytes: UnsafeRawBufferPointer) -> Bool {
    let n = min(bytes.count, 512, Int(size))
    guard n > 0 else { return bytes.isEmpty }
    var head = [UInt8](repeating: 0, count: n)
    let got = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, n, off_t(base)) }
    return got == n && head.elementsEqual(bytes.prefix(n))
  }

  func nextBlock() -> (UnsafeRawPointer?, Int) {
    let want = Int(min(Int64(Self.bufferSize), size - position))
    guard want > 0 else { return (nil, 0) }
    while true {
      let n = pread(fd, buffer, want, off_t(base + position))
      if n < 0, errno == EINTR { continue }
      if n < 0 {
        failure = "read error"
        return (nil, -1)
      }
      position += Int64(n)
      return (UnsafeRawPointer(buffer), n)
    }
  }

  func skip(_ request: Int64) -> Int64 {
    let n = max(0, min(request, size - position))
    position += n
    return n
  }
}

extension ArchiveReader {
  /// Opens this reader over a file region, with seeks for skips.
  func open(region: FileRegion) -> Bool {
    let context = Unmanaged.passUnretained(region).toOpaque()
    let opened = archive_read_open2(
      handle, context, nil,
      { _, context, out in
        guard let context else { return -1 }
        let region = Unmanaged<FileRegion>.fromOpaque(context).takeUnretainedValue()
        let (pointer, count) = region.nextBlock()
        out?.pointee = pointer
        return count
      },
      { _, context, request in
        guard let context else { return 0 }
        return Unmanaged<FileRegion>.fromOpaque(context).takeUnretainedValue().skip(request)
      }, nil)
    return opened == ARCHIVE_OK
  }
}
