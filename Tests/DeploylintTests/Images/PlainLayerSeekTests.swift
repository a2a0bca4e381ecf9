import DeploylintImages
import Testing

/// Plain layers of a plain `docker save` archive are read from the file
/// itself, skipping their files by seeking (`FileRegion`): the facts must be
/// those of a read-through, in one pass and in parallel, and a broken plain
/// layer must still be a located diagnostic.
@Suite struct PlainLayerSeekTests {
  typealias B = ImageArchiveBuilder

  func scan(_ bytes: [UInt8], workers: Int) -> ImageScanResult {
    let folder = B.temporaryFolder()
    defer { B.removeFolder(folder) }
    B.writeFile(folder + "/app.tar", bytes)
    var scanner = ImageScanner()
    scanner.workers = workers
    scanner.showProgress = false
    return scanner.scan(ImageInput(path: folder + "/app.tar", displayPath: "app.tar"))
  }

  @Test(arguments: [1, 2])
  func largeFilesInPlainLayersAreSkippedAndCounted(_ workers: Int) throws {
    let big = B.tar([
      .file("app/models/a.safetensors", size: 3_000_000), .file("app/x.txt", size: 1),
      .file("app/models/b.onnx", size: 700_001),
    ])
    let small = B.tar([.file("app/node_modules/m/index.js", size: 4096)])
    let config = B.config(env: ["A=1"], history: ["a", "b"])
    let result = scan(B.dockerSave(config: config, layers: [big, small], tags: ["t:1"]), workers: workers)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    let facts = try #require(result.images.first)
    #expect(facts.layers.map(\.size) == [3_700_002, 4096])
    #expect(facts.modelWeightsBytes == 3_700_001)
    #expect(facts.nodeModulesBytes == 4096)
  }

  @Test(arguments: [1, 2])
  func aPlainLayerCutShortIsLocated(_ workers: Int) throws {
    let full = B.tar([.file("app/models/a.pt", size: 200_000), .file("app/models/b.pt", size: 300_000)])
    // The first file whole, the second cut: a layer.tar that ends early but
    // lies wholly inside the outer archive.
    let cut = Array(full.prefix(250_000))
    let good = B.tar([.file("app/models/c.pt", size: 10)])
    let config = B.config(env: [], history: ["a", "b"])
    let result = scan(B.dockerSave(config: config, layers: [cut, good], tags: ["t:1"]), workers: workers)
    let facts = try #require(result.images.first)
    #expect(facts.layers.last?.size == 10)
    #expect(facts.modelWeights.map(\.path).contains("app/models/a.pt"))
    #expect(!facts.modelWeights.map(\.path).contains("app/models/b.pt"))
    #expect(result.diagnostics.map(\.span.path) == ["app.tar!\(B.digest(1))/layer.tar"])
  }
}
