import DeploylintCore
import DeploylintImages
import Testing

/// Hostile image archives scanned under the watchdog and the peak-RSS cap of
/// `HostileInputTests.capped` (the `../`, absolute, 1 TB header, truncated
/// gzip and missing-blob cases are in `ImageScannerTests`).
@Suite(.serialized) struct HostileArchiveTests {
  typealias B = ImageArchiveBuilder

  static let configText = B.config(env: ["PATH=/usr/bin"], history: [])

  static func scan(_ path: String, workers: Int) -> ImageScanResult {
    var scanner = ImageScanner()
    scanner.workers = workers
    scanner.showProgress = false
    return scanner.scan(ImageInput(path: path, displayPath: "app.tar"))
  }

  /// A gigabyte of zeros in one file of a gzip layer, about 1 MB compressed:
  /// the scanner inflates it to find the next header (gzip cannot be
  /// skipped) but counts the size from the tar header, holds no more than
  /// libarchive's buffers, and writes nothing.
  @Test func aGzipBombLayerIsCountedWithoutBeingHeld() throws {
    let mebibytes = 1024
    let bomb = B.zeroBomb(path: "app/models/zeros.safetensors", mebibytes: mebibytes)
    #expect(bomb.count < 2 << 20, "the bomb is small: \(bomb.count) bytes")
    let gz = "application/vnd.oci.image.layer.v1.tar+gzip"
    let small = B.tar([.file("app/main.py", size: 10)], filter: .gzip)
    let blobs = B.ociBlobs(config: Self.configText, layers: [(bomb, gz), (small, gz)], tag: "bomb:1")
    let folder = B.temporaryFolder()
    defer { B.removeFolder(folder) }
    let path = folder + "/app.tar"
    B.writeFile(path, B.archive(blobs))
    let result = try #require(HostileInputTests.capped("gzip bomb") { Self.scan(path, workers: 2) })
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    let facts = try #require(result.images.first)
    let size = Int64(mebibytes) << 20
    #expect(facts.layers.map(\.size) == [size, 10])
    #expect(facts.totalSize == size + 10)
    #expect(facts.modelWeights.map(\.path) == ["app/models/zeros.safetensors"])
    #expect(facts.modelWeightsBytes == size)
    #expect(B.listFolder(folder) == ["app.tar"], "nothing is extracted next to the archive")
  }

  /// `docker save` of 10,000 one-file layers (a 25 MB archive): every layer
  /// is read and composed, and one or two workers give the same facts.
  @Test func tenThousandTinyLayers() throws {
    let count = 10_000
    let layers = (0..<count).map { i in B.tar([.file("l\(i)/w.pt", size: i % 13 + 1)]) }
    let expected = (0..<count).reduce(Int64(0)) { $0 + Int64($1 % 13 + 1) }
    let folder = B.temporaryFolder()
    defer { B.removeFolder(folder) }
    let path = folder + "/app.tar"
    B.writeFile(path, B.dockerSave(config: Self.configText, layers: layers, tags: ["many:1"]))
    let one = try #require(
      HostileInputTests.capped("10,000 layers, 1 worker") { Self.scan(path, workers: 1) })
    let two = try #require(
      HostileInputTests.capped("10,000 layers, 2 workers") { Self.scan(path, workers: 2) })
    #expect(one.diagnostics.isEmpty, "\(one.diagnostics.prefix(3))")
    let facts = try #require(one.images.first)
    #expect(facts.layers.count == count)
    #expect(facts.layers.last?.blob == "\(B.digest(count))/layer.tar")
    #expect(facts.totalSize == expected)
    #expect(facts.modelWeights.count == count)
    #expect(facts.modelWeightsBytes == expected)
    #expect(one.images == two.images)
    #expect(one.diagnostics == two.diagnostics)
  }
}
