// libFuzzer entry for the Dockerfile parser (built by scripts/fuzz.sh, not by SwiftPM).
import DeploylintCore
import DeploylintParsers

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDockerfile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let file = SourceFile(path: "Dockerfile", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
  if let parsed = try? DockerfileParser.parse(file) {
    _ = parsed.dump()
    _ = parsed.makeImageRecipe(path: "Dockerfile")
  }
  return 0
}
