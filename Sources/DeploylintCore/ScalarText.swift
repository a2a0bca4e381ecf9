extension String {
  /// The string of `scalars`, encoded straight into the string's storage:
  /// appending scalars to a `UnicodeScalarView` one by one was most of the
  /// parse time of large files and of every Dockerfile instruction.
  @inlinable
  public init(scalars: ArraySlice<Unicode.Scalar>) {
    guard !scalars.isEmpty else {
      self = ""
      return
    }
    self = String(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
      var count = 0
      for scalar in scalars {
        if scalar.value < 0x80 {
          buffer[count] = UInt8(truncatingIfNeeded: scalar.value)
          count += 1
        } else {
          UTF8.encode(scalar) { byte in
            buffer[count] = byte
            count += 1
          }
        }
      }
      return count
    }
  }
}

extension String {
  /// Whether `needle` occurs in the text, compared byte for byte in UTF-8
  /// (no Foundation search, no locale): a cheap pre-filter before parsing.
  public func containsUTF8(_ needle: String) -> Bool {
    var text = self
    text.makeContiguousUTF8()
    let pattern = Array(needle.utf8)
    guard let first = pattern.first else { return true }
    return text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
      guard bytes.count >= pattern.count else { return false }
      var i = 0
      while i <= bytes.count - pattern.count {
        if bytes[i] == first {
          var j = 1
          while j < pattern.count, bytes[i + j] == pattern[j] { j += 1 }
          if j == pattern.count { return true }
        }
        i += 1
      }
      return false
    } ?? false
  }
}
