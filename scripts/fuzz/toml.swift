// libFuzzer entry for the TOML reader and the TOML manifests.
import DeploylintCore
import DeploylintParsers

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTOML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let file = SourceFile(path: "fly.toml", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
  if let document = try? TOMLReader.read(file) {
    _ = try? FlyConfig.parse(document)
    _ = try? RailwayConfig.parse(document)
  }
  _ = try? CargoLock.read(file)
  _ = try? CargoManifest.read(file)
  _ = try? PyProject.read(file)
  _ = try? PoetryLock.read(file)
  _ = try? UVLock.read(file)
  return 0
}
