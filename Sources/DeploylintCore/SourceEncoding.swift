/// How a file's bytes encode its text, as `SourceFile.decode` reads them: UTF-8
/// (with or without a BOM) or UTF-16 (a BOM, or the NUL pattern of unmarked
/// UTF-16). `fix` uses it to change only the bytes of an edit and to write
/// inserted text in the file's own encoding.
public enum SourceEncoding: Sendable, Equatable {
  case utf8(bom: Bool)
  case utf16(littleEndian: Bool, bom: Bool)

  public static func detect(_ bytes: [UInt8]) -> SourceEncoding {
    if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return .utf16(littleEndian: true, bom: true) }
    if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return .utf16(littleEndian: false, bom: true) }
    if let littleEndian = unmarkedUTF16(bytes) { return .utf16(littleEndian: littleEndian, bom: false) }
    return .utf8(bom: bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
  }

  /// Bytes before the text: the BOM, if any.
  public var headerLength: Int {
    switch self {
    case .utf8(let bom): bom ? 3 : 0
    case .utf16(_, let bom): bom ? 2 : 0
    }
  }

  /// The text the bytes hold (invalid sequences become U+FFFD; the BOM is dropped).
  public func decode(_ bytes: [UInt8]) -> String {
    let body = bytes.dropFirst(headerLength)
    switch self {
    case .utf8: return String(decoding: body, as: UTF8.self)
    case .utf16(let littleEndian, _): return String(decoding: Self.units(body, littleEndian), as: UTF16.self)
    }
  }

  /// Each decoded scalar with the byte offset where it starts, and the offset
  /// where the text ends (`offsets.count == scalars.count + 1`). Invalid
  /// sequences decode as U+FFFD, one per maximal invalid subpart, as `decode`.
  public func scalarOffsets(_ bytes: [UInt8]) -> (scalars: [Unicode.Scalar], offsets: [Int]) {
    var scalars: [Unicode.Scalar] = []
    var offsets: [Int] = []
    var offset = headerLength
    switch self {
    case .utf8:
      var parser = Unicode.UTF8.ForwardParser()
      var input = bytes[headerLength...].makeIterator()
      while true {
        offsets.append(offset)
        switch parser.parseScalar(from: &input) {
        case .valid(let encoded):
          scalars.append(Unicode.UTF8.decode(encoded))
          offset += encoded.count
          continue
        case .error(let length):
          scalars.append("\u{FFFD}")
          offset += length
          continue
        case .emptyInput: break
        }
        break
      }
    case .utf16(let littleEndian, _):
      var parser = Unicode.UTF16.ForwardParser()
      var input = Self.units(bytes[headerLength...], littleEndian).makeIterator()
      while true {
        offsets.append(offset)
        switch parser.parseScalar(from: &input) {
        case .valid(let encoded):
          scalars.append(Unicode.UTF16.decode(encoded))
          offset += 2 * encoded.count
          continue
        case .error(let length):
          scalars.append("\u{FFFD}")
          offset += 2 * length
          continue
        case .emptyInput: break
        }
        break
      }
    }
    return (scalars, offsets)
  }

  /// `text` in this encoding (without a BOM).
  public func encode(_ text: String) -> [UInt8] {
    switch self {
    case .utf8: return Array(text.utf8)
    case .utf16(let littleEndian, _):
      return text.utf16.flatMap { u in
        littleEndian ? [UInt8(u & 0xFF), UInt8(u >> 8)] : [UInt8(u >> 8), UInt8(u & 0xFF)]
      }
    }
  }

  static func units(_ bytes: ArraySlice<UInt8>, _ littleEndian: Bool) -> [UInt16] {
    var units: [UInt16] = []
    units.reserveCapacity(bytes.count / 2)
    var i = bytes.startIndex
    while i + 1 < bytes.endIndex {
      let a = UInt16(bytes[i])
      let b = UInt16(bytes[i + 1])
      units.append(littleEndian ? (b << 8 | a) : (a << 8 | b))
      i += 2
    }
    return units
  }

  /// UTF-16 without a BOM (what some Windows editors save): text of ASCII
  /// characters has a NUL in every other byte, which UTF-8 text never has.
  /// Judged on the first 512 bytes; `nil` when the bytes are not UTF-16 by
  /// that test, `true` for little-endian.
  static func unmarkedUTF16(_ bytes: [UInt8]) -> Bool? {
    let sample = min(bytes.count, 512) & ~1
    guard sample >= 4 else { return nil }
    var evenZeros = 0
    var oddZeros = 0
    for i in stride(from: 0, to: sample, by: 2) {
      if bytes[i] == 0 { evenZeros += 1 }
      if bytes[i + 1] == 0 { oddZeros += 1 }
    }
    let pairs = sample / 2
    if evenZeros == 0, oddZeros * 10 >= pairs * 9 { return true }
    if oddZeros == 0, evenZeros * 10 >= pairs * 9 { return false }
    return nil
  }
}
