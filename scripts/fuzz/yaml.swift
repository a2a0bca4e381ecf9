// libFuzzer entry for the YAML reader and the YAML platform parsers.
import DeploylintCore
import DeploylintParsers

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let file = SourceFile(path: "render.yaml", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
  if let document = try? YAMLReader.read(file) {
    _ = try? RenderBlueprint.parse(document)
    _ = try? ComposeFile.parse(document)
    _ = try? PM2Ecosystem.parse(document)
    _ = try? DeploylintConfig.parse(document)
  }
  return 0
}
