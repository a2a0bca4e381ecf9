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
