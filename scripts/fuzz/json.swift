// libFuzzer entry for the JSON reader and the JSON platform parsers.
import DeploylintCore
import DeploylintParsers

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let file = SourceFile(path: "package.json", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
  if let document = try? JSONReader.read(file) {
    _ = try? PackageJSON.parse(document)
    _ = try? RailwayConfig.parse(document)
    _ = try? HerokuAppJSON.parse(document)
    _ = try? PM2Ecosystem.parse(document)
  }
  return 0
}
