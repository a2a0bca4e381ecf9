import DeploylintCore
import DeploylintImages
import Testing

@testable import DeploylintEngine

/// Real archives built by the tests (docker save legacy, OCI tar with gzip
/// and zstd layers, OCI folders), scanned end to end.
@Suite struct ImageScannerTests {
  typealias B = ImageArchiveBuilder
  static let site = "usr/local/lib/python3.12/site-packages"

  static let pythonLayer: [B.Item] = [
    .dir("usr/"), .file("usr/bin/python3", size: 4000),
    .file("\(site)/torch-2.5.1.dist-info/METADATA", size: 100),
    .file("\(site)/torch/lib/libtorch_cpu.so", size: 9000),
    .file("\(site)/torch/lib/libcublas.so.12", size: 3000),
    .file("\(site)/nvidia/cudnn/lib/libcudnn.so.9", size: 5000),
    .file("\(site)/nvidia/cudnn/lib/libcudnn_ops.so.9", size: 1000),
    .symlink("usr/bin/python", target: "python3"),
  ]
  static let modelLayer: [B.Item] = [
    .file("app/models/voice.safetensors", size: 7000), .file("app/models/old.gguf", size: 2000),
    .file("app/models/tokenizer/pytorch_model.bin", size: 600), .file("app/data/blob.bin", size: 50),
    .file("app/node_modules/x/index.js", size: 300),
  ]
  static let cleanupLayer: [B.Item] = [
    .file("app/models/.wh.old.gguf", size: 0), .file("app/main.py", size: 10),
  ]
  static let configText = B.config(
    env: ["PATH=/usr/local/bin:/usr/bin", "NODE_OPTIONS=--max-old-space-size=1536"],
    history: ["FROM python:3.12", "RUN pip install torch", "COPY models /app/models"])

  func scan(_ path: String, display: String = "app.tar", workers: Int = 1, platform: String = "linux/amd64")
    -> ImageScanResult
  {
    var scanner = ImageScanner()
    scanner.workers = workers
    scanner.showProgress = false
    scanner.platform = platform
    return scanner.scan(ImageInput(path: path, displayPath: display))
  }

  func withFile<R>(_ bytes: [UInt8], name: String = "app.tar", _ body: (String) throws -> R) rethrows -> R {
    let folder = B.temporaryFolder()
    defer { B.removeFolder(folder) }
    B.writeFile(folder + "/" + name, bytes)
    return try body(folder + "/" + name)
  }

  func expectStandardFacts(_ facts: ImageFacts) {
    #expect(facts.layers.map(\.size) == [22_100, 9_950, 10])
    #expect(facts.totalSize == 32_060)
    #expect(facts.torch?.version == "2.5.1")
    #expect(facts.cudaBytes == 9_000)
    #expect(facts.cudaLibraries.map(\.name) == ["nvidia/cudnn", "libcublas"])
    #expect(
      facts.modelWeights.map(\.path) == [
        "app/models/voice.safetensors", "app/models/tokenizer/pytorch_model.bin",
      ])
    #expect(
      facts.modelWeightsBytes == 7_600, "the whited-out gguf is not counted; data/blob.bin is not a weight")
    #expect(facts.nodeModulesBytes == 300)
    #expect(facts.environment.map(\.key) == ["PATH", "NODE_OPTIONS"])
    #expect(facts.nodeOptions?.value == "--max-old-space-size=1536")
    #expect(facts.threadVariables.isEmpty)
    #expect(facts.cmd == ["python", "app.py"])
    #expect(facts.user == "app")
    #expect(facts.platform == "linux/amd64")
    #expect(
      facts.layers.map(\.createdBy) == [
        "FROM python:3.12", "RUN pip install torch", "COPY models /app/models",
      ])
  }

  @Test func dockerSaveLegacy() throws {
    let archive = B.dockerSave(
      config: Self.configText,
      layers: [B.tar(Self.pythonLayer), B.tar(Self.modelLayer), B.tar(Self.cleanupLayer)],
      tags: ["ghcr.io/acme/tts:1.2"])
    let result = withFile(archive) { scan($0) }
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    let facts = try #require(result.images.first)
    #expect(facts.repoTags == ["ghcr.io/acme/tts:1.2"])
    #expect(facts.configSpan.path == "app.tar!\(B.digest(999)).json")
    expectStandardFacts(facts)
    let nodeOptions = try #require(facts.nodeOptions)
    #expect(
      nodeOptions.span.path == facts.configSpan.path && nodeOptions.span.line == 1
        && nodeOptions.span.column > 1)
  }

  @Test(arguments: [B.Filter.gzip, .zstd])
  func ociTarWithCompressedLayersAndIndexLast(_ filter: B.Filter) throws {
    let media =
      filter == .gzip
      ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.oci.image.layer.v1.tar+zstd"
    let layers = [Self.pythonLayer, Self.modelLayer, Self.cleanupLayer].map {
      (B.tar($0, filter: filter), media)
    }
    let blobs = B.ociBlobs(config: Self.configText, layers: layers, tag: "docker.io/library/tts:latest")
    let result = withFile(B.archive(blobs)) { scan($0) }
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    let facts = try #require(result.images.first)
    #expect(facts.repoTags == ["docker.io/library/tts:latest"])
    #expect(facts.configSpan.path == "app.tar!blobs/sha256/\(B.digest(500))")
    #expect(facts.layers.map(\.blob) == (0..<3).map { "blobs/sha256/\(B.digest(600 + $0))" })
    expectStandardFacts(facts)
  }

  @Test func ociFolderWithNestedIndexPicksThePlatform() throws {
    let folder = B.temporaryFolder()
    defer { B.removeFolder(folder) }
    let gz = "application/vnd.oci.image.layer.v1.tar+gzip"
    let amd = B.ociBlobs(
      config: Self.configText,
      layers: [Self.pythonLayer, Self.modelLayer, Self.cleanupLayer].map { (B.tar($0, filter: .gzip), gz) },
      tag: nil)
    for (name, bytes) in amd where name.hasPrefix("blobs/") { B.writeFile(folder + "/" + name, bytes) }
    let armLayer = B.tar([.file("\(Self.site)/torch-9.9.9.dist-info/METADATA", size: 1)], filter: .gzip)
    B.writeFile(folder + "/blobs/sha256/\(B.digest(800))", armLayer)
    B.writeFile(
      folder + "/blobs/sha256/\(B.digest(801))",
      B.utf8(
        """
        {"schemaVersion":2,"config":{"digest":"sha256:\(B.digest(500))"},"layers":[{"mediaType":"\(gz)","digest":"sha256:\(B.digest(800))"}]}
        """))
    let nested = """
      {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
      {"digest":"sha256:\(B.digest(801))","platform":{"architecture":"arm64","os":"linux","variant":"v8"}},
      {"digest":"sha256:\(B.digest(700))","platform":{"architecture":"amd64","os":"linux"}},
      {"digest":"sha256:\(B.digest(802))","platform":{"architecture":"unknown","os":"unknown"}}]}
      """
    B.writeFile(folder + "/blobs/sha256/\(B.digest(900))", B.utf8(nested))
    B.writeFile(folder + "/oci-layout", B.utf8("{\"imageLayoutVersion\":\"1.0.0\"}"))
    B.writeFile(
      folder + "/index.json",
      B.utf8(
        """
        {"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"sha256:\(B.digest(900))","annotations":{"org.opencontainers.image.ref.name":"tts:2"}}]}
        """))
    #expect(ImageScanner.isOCILayout(folder))
    let amd64 = scan(folder, display: "oci", workers: 2)
    #expect(amd64.diagnostics.isEmpty, "\(amd64.diagnostics)")
    let facts = try #require(amd64.images.first)
    #expect(facts.repoTags == ["tts:2"])
    #expect(facts.configSpan.path == "oci/blobs/sha256/\(B.digest(500))")
    expectStandardFacts(facts)
    let arm = try #require(scan(folder, display: "oci", platform: "linux/arm64").images.first)
    #expect(arm.torch?.version == "9.9.9")
    #expect(arm.layers.count == 1)
  }

  @Test func singleAndParallelRunsAreIdentical() throws {
    let layers = (0..<6).map { i in
      B.tar([.file("l\(i)/models/w\(i).safetensors", size: 1000 * (i + 1)), .file("l\(i)/x", size: 10)])
    }
    let archive = B.dockerSave(
      config: Self.configText, layers: layers + [B.tar(Self.pythonLayer)], tags: ["a:1"], manifestFirst: false
    )
    let (one, two) = withFile(archive) { (scan($0, workers: 1), scan($0, workers: 2)) }
    #expect(one.diagnostics == two.diagnostics)
    #expect(one.images == two.images)
    let facts = try #require(two.images.first)
    #expect(facts.layers.count == 7)
    #expect(facts.modelWeightsBytes == 21_000)
    #expect(facts.torch?.version == "2.5.1")
  }

  @Test func whiteoutsAndOpaqueFoldersHideLowerLayers() throws {
    let lower = B.tar([
      .file("srv/node_modules/a/x.js", size: 1000), .file("srv/node_modules/b/y.js", size: 500),
      .file("usr/local/cargo/bin/cargo", size: 300),
      .file("usr/local/rustup/toolchains/s/lib/librustc_driver-1.so", size: 900),
      .file("usr/local/go/bin/go", size: 70), .file("usr/lib/gcc/x86_64-linux-gnu/12/cc1", size: 40),
    ])
    let upper = B.tar([
      .file("srv/node_modules/.wh..wh..opq", size: 0), .file("srv/node_modules/c.js", size: 10),
      .file("usr/local/.wh.go", size: 0),
    ])
    let result = withFile(B.dockerSave(config: Self.configText, layers: [lower, upper], tags: [])) {
      scan($0)
    }
    let facts = try #require(result.images.first)
    #expect(facts.nodeModulesBytes == 10)
    #expect(facts.toolchains.map(\.name) == ["gcc", "rust"])
    #expect(facts.toolchains.first { $0.name == "rust" }?.bytes == 1200)
    #expect(facts.toolchains.first { $0.name == "rust" }?.evidence == "usr/local/cargo/bin/cargo")
  }

  @Test func unsafeEntriesAreIgnoredAndReported() throws {
    let layer = B.tar([
      .file("../escape.safetensors", size: 5), .file("/etc/abs.pt", size: 5), .file("ok.pt", size: 7),
    ])
    var entries: [(String, [UInt8])] = [("../outside.json", B.utf8("{}")), ("/abs.json", B.utf8("{}"))]
    entries += [
      ("manifest.json", B.utf8("[{\"Config\":\"c.json\",\"Layers\":[\"l/layer.tar\"]}]")),
      ("c.json", B.utf8(Self.configText)), ("l/layer.tar", layer),
    ]
    let folder = B.temporaryFolder()
    defer { B.removeFolder(folder) }
    B.writeFile(folder + "/in/app.tar", B.archive(entries))
    let result = scan(folder + "/in/app.tar")
    let facts = try #require(result.images.first)
    #expect(facts.modelWeights.map(\.path) == ["ok.pt"])
    #expect(facts.layers.first?.size == 7)
    #expect(result.diagnostics.filter { $0.span.path == "app.tar" }.count == 2)
    #expect(
      result.diagnostics.contains {
        $0.span.path == "app.tar!l/layer.tar" && $0.message.contains("../escape")
      })
    #expect(B.listFolder(folder) == ["in"], "nothing is written next to the archive")
  }

  @Test func aTerabyteHeaderIsNotAllocatedNorCounted() throws {
    let layer = B.tar([
      .file("small.pt", size: 11), .raw(B.hugeHeader(path: "huge.safetensors", size: 1_000_000_000_000)),
    ])
    let ok = B.tar([.file("after.onnx", size: 5)])
    let result = withFile(B.dockerSave(config: Self.configText, layers: [layer, ok], tags: [])) { scan($0) }
    let facts = try #require(result.images.first)
    #expect(facts.modelWeights.map(\.path) == ["small.pt", "after.onnx"])
    #expect(facts.totalSize == 16)
    let located = result.diagnostics.first { $0.span.path == "app.tar!\(B.digest(1))/layer.tar" }
    #expect(located?.span.line == 1 && located?.span.column == 1)
  }

  @Test func aTruncatedGzipLayerIsReportedAndTheRunGoesOn() throws {
    let full = B.tar([.file("a.pt", size: 200_000), .file("b.pt", size: 300_000)], filter: .gzip)
    let truncated = Array(full.prefix(full.count / 2))
    let gz = "application/vnd.oci.image.layer.v1.tar+gzip"
    let blobs = B.ociBlobs(
      config: Self.configText, layers: [(truncated, gz), (B.tar(Self.pythonLayer, filter: .gzip), gz)],
      tag: "t:1")
    let result = withFile(B.archive(blobs)) { scan($0) }
    let facts = try #require(result.images.first)
    #expect(facts.torch?.version == "2.5.1")
    #expect(result.diagnostics.count == 1)
    #expect(result.diagnostics.first?.span.path == "app.tar!blobs/sha256/\(B.digest(600))")
  }

  @Test func missingBlobsAreLocated() throws {
    let blobs = B.ociBlobs(
      config: Self.configText, layers: [(B.tar(Self.modelLayer), "application/vnd.oci.image.layer.v1.tar")],
      tag: nil, missingLayer: true)
    let result = withFile(B.archive(blobs)) { scan($0) }
    let facts = try #require(result.images.first)
    #expect(facts.modelWeightsBytes == 9_600)
    #expect(facts.layers.count == 2)
    #expect(result.diagnostics.map(\.span.path) == ["app.tar!blobs/sha256/\(B.digest(4242))"])
    #expect(result.diagnostics.first?.message.contains("not in the image") == true)
  }

  @Test func garbageIsADiagnosticNotACrash() {
    let result = withFile(B.utf8("this is not a tar archive at all")) { scan($0) }
    #expect(result.images.isEmpty)
    #expect(result.diagnostics.count == 1)
    #expect(result.diagnostics.first?.span.path == "app.tar")
  }
}
