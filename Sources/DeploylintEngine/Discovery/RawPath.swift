#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// File names as Linux stores them: bytes, which need not be UTF-8.
extension Discovery {
  /// A `.gitignore` larger than this is not read (with a notification).
  static let maxIgnoreFileSize = 1_048_576

  /// One entry of a folder: its name as stored, and as shown.
  struct Entry {
    var raw: [UInt8]
    var name: String
  }

  /// The entries of a folder, sorted by shown name so that runs are
  /// deterministic; nil when the folder cannot be opened (errno says why).
  static func listDirectory(_ path: RawPath) -> [Entry]? {
    guard let dir = path.withCString({ opendir($0) }) else { return nil }
    defer { closedir(dir) }
    var entries: [Entry] = []
    while let entry = readdir(dir) {
      let raw = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
      if raw == [0x2E] || raw == [0x2E, 0x2E] { continue }
      entries.append(Entry(raw: raw, name: displayName(raw)))
    }
    return entries.sorted {
      $0.name != $1.name ? $0.name < $1.name : $0.raw.lexicographicallyPrecedes($1.raw)
    }
  }

  /// A file name as text: itself when it is UTF-8, else its valid parts with
  /// each other byte shown as `\xNN` (Linux names are bytes, not text).
  public static func displayName(_ raw: [UInt8]) -> String {
    var out = ""
    var offset = 0
    var iterator = raw.makeIterator()
    var parser = Unicode.UTF8.ForwardParser()
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        out.unicodeScalars.append(Unicode.UTF8.decode(encoded))
        offset += encoded.count
      case .error(let length):
        for byte in raw[offset..<offset + length] {
          out += (byte < 0x10 ? "\\x0" : "\\x") + String(byte, radix: 16)
        }
        offset += length
      case .emptyInput:
        return out
      }
    }
  }

  /// The canonical absolute path of `path` as bytes, nil when it does not exist.
  static func realPath(_ path: RawPath) -> [UInt8]? {
    guard let r = path.withCString({ realpath($0, nil) }) else { return nil }
    defer { free(r) }
    return Array(
      UnsafeBufferPointer(start: UnsafeRawPointer(r).assumingMemoryBound(to: UInt8.self), count: strlen(r)))
  }
}

/// A path as the file system holds it: bytes, not necessarily UTF-8 (a Swift
/// `String` would replace the bytes of a Latin-1 name, and the name would
/// then not open).
struct RawPath {
  var bytes: [UInt8]
  init(_ text: String) { bytes = Array(text.utf8) }
  init(bytes: [UInt8]) { self.bytes = bytes }

  func appending(_ name: [UInt8]) -> RawPath {
    RawPath(bytes: bytes.isEmpty ? name : bytes.last == 0x2F ? bytes + name : bytes + [0x2F] + name)
  }

  func withCString<R>(_ body: (UnsafePointer<CChar>) -> R) -> R {
    (bytes + [0]).withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
    }
  }
}
