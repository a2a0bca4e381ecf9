// libFuzzer entry for MemorySize.parse in every convention.
import DeploylintCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMemorySize(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  for convention in [MemorySize.Convention.docker, .decimal, .fly, .pm2] {
    if let bytes = MemorySize.parse(text, convention: convention), bytes < 0 { fatalError("negative size") }
  }
  _ = MemorySize.parseMegabytes(text)
  return 0
}
