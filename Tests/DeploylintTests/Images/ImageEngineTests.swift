import DeploylintCore
import DeploylintImages
import DeploylintRules
import Testing

@testable import DeploylintEngine

/// Images through discovery, assembly and the rules.
@Suite struct ImageEngineTests {
  typealias B = ImageArchiveBuilder

  static let torchImage = B.dockerSave(
    config: B.config(env: ["PATH=/usr/bin"], history: ["RUN pip install torch"]),
    layers: [
      B.tar([
        .file("usr/local/lib/python3.12/site-packages/torch-2.5.1.dist-info/METADATA", size: 10),
        .file("usr/local/lib/python3.12/site-packages/nvidia/cublas/lib/libcublas.so.12", size: 2000),
      ])
    ], tags: ["tts:latest"])

  @Test func discoveryYieldsImagesOnlyWhenNamed() {
    let folder = B.temporaryFolder()
    defer { B.removeFolder(folder) }
    B.writeFile(folder + "/src/app.tar", Self.torchImage)
    B.writeFile(folder + "/src/Dockerfile", B.utf8("FROM python:3.12\n"))
    let walked = Discovery().discover(root: folder + "/src", displayRoot: "src")
    #expect(walked.images.isEmpty, "a .tar inside a scanned tree is not scanned")
    #expect(walked.files.map(\.relativePath) == ["Dockerfile"])
    let named = Discovery().discover(root: folder + "/src/app.tar", displayRoot: "src/app.tar")
    #expect(named.images == [ImageInput(path: folder + "/src/app.tar", displayPath: "src/app.tar")])
    #expect(named.files.isEmpty)
  }

  @Test func aTorchImageWithoutThreadLimitsIsTheSameFinding() throws {
    let folder = B.temporaryFolder()
    defer { B.removeFolder(folder) }
    B.writeFile(folder + "/app.tar", Self.torchImage)
    let report = Analyzer(toolVersion: "test").scan(roots: [(folder + "/app.tar", "app.tar")])
    #expect(report.serviceNames == ["tts"])
    let torch = try #require(report.findings.first { $0.ruleID == "torch-without-thread-limits" })
    #expect(torch.span.path == "app.tar!\(B.digest(999)).json")
    #expect(torch.span.line == 1 && torch.span.column == 1)
    #expect(torch.message.contains("torch 2.5.1 in site-packages"))
    #expect(!report.findings.contains { $0.ruleID == "unparseable-file" })
  }

  @Test func aBrokenImageIsAnUnparseableFileFindingAndTheRunGoesOn() {
    let folder = B.temporaryFolder()
    defer { B.removeFolder(folder) }
    B.writeFile(folder + "/broken.tar", B.utf8("not a tar"))
    B.writeFile(folder + "/src/Dockerfile", B.utf8("FROM python:3.12\nRUN pip install torch\n"))
    let report = Analyzer(toolVersion: "test").scan(roots: [
      (folder + "/broken.tar", "broken.tar"), (folder + "/src", "src"),
    ])
    #expect(report.findings.contains { $0.ruleID == "unparseable-file" && $0.span.path == "broken.tar" })
    #expect(
      report.findings.contains {
        $0.ruleID == "torch-without-thread-limits" && $0.span.path == "src/Dockerfile"
      })
  }

  @Test func anImageJoinsTheServiceThatRunsItsTag() throws {
    let facts = ImageFacts(
      path: "tts.tar", configSpan: .file("tts.tar!c.json"), repoTags: ["tts:latest"],
      environment: [
        EnvVar(key: "OMP_NUM_THREADS", value: "4", span: .file("tts.tar!c.json"), source: "image config Env")
      ])
    var service = Service(name: "voice", span: .file("render.yaml"), platform: .render)
    service.imageReference = "docker.io/library/tts"
    service.environment.set(
      EnvVar(key: "OMP_NUM_THREADS", value: "1", span: .file("render.yaml"), source: "render.yaml"))
    let linked = ImageAssembly.link([facts], into: [service])
    #expect(linked.count == 1)
    #expect(linked[0].image?.path == "tts.tar")
    #expect(linked[0].environment["OMP_NUM_THREADS"]?.value == "1", "the platform's variables win")
    var configured = Service(name: "tts-worker", span: .file("Dockerfile"), platform: .railway)
    configured.imageReference = "./tts.tar"
    #expect(
      ImageAssembly.link([facts], into: [configured]).map(\.image?.path) == ["tts.tar"],
      "services.<name>.image: path")
    let own = ImageAssembly.link([facts], into: [Service(name: "api", span: .file("Dockerfile"))])
    #expect(own.map(\.name) == ["api", "tts"])
    #expect(own[1].runtimeBudget == nil)
  }

  @Test(arguments: [
    ("tts", "tts:latest"), ("docker.io/library/tts:latest", "tts:latest"), ("ghcr.io/a/b:1", "ghcr.io/a/b:1"),
    ("registry:5000/x", "registry:5000/x:latest"),
  ])
  func referencesNormalise(_ pair: (String, String)) {
    #expect(ImageAssembly.normalizeReference(pair.0) == pair.1)
  }

  @Test func cudaFindingGivesTheBytesItWouldSave() throws {
    let facts = ImageScanner.facts(
      display: "tts.tar", configSpan: .file("tts.tar!c.json"), config: nil, repoTags: [],
      layers: [[("usr/lib/python3/site-packages/nvidia/cudnn/lib/libcudnn.so.9", 1_100_000_000)]])
    var service = Service(name: "tts", span: .file("railway.json"), platform: .railway)
    service.image = facts
    // The image is the truth: even with torch listed in a manifest, one
    // finding, on the image, with the bytes.
    service.python.packages = [
      PackageRef(name: "torch", span: .file("requirements.txt"), source: "requirements.txt:1")
    ]
    let findings = CUDAWheelsOnCPUPlatform().check(Project(services: [service]))
    #expect(findings.count == 1)
    #expect(findings.first?.ruleID == "cuda-wheels-on-cpu-platform")
    #expect(
      RuleRegistry.rule("image-ships-cuda-libraries")?.description.id == "cuda-wheels-on-cpu-platform",
      "old id kept as alias")
    #expect(findings.first?.message.contains("1.1 GB") == true)
    #expect(findings.first?.help.contains { $0.contains("download.pytorch.org/whl/cpu") } == true)
  }

  @Test func nodeOptionsInTheImageReachTheHeapRule() throws {
    let span = Span.file("web.tar!c.json")
    let facts = ImageFacts(
      path: "web.tar", configSpan: span, repoTags: ["web:1"],
      environment: [
        EnvVar(
          key: "NODE_OPTIONS", value: "--enable-source-maps --max-old-space-size=1536", span: span,
          source: "image config Env")
      ])
    var service = Service(name: "web", span: .file("render.yaml"), platform: .render)
    service.imageReference = "web:1"
    service.runtimeBudget = MemoryBudget(bytes: 512 * Bytes.MB, source: "Render plan `starter`: 512 MB")
    let linked = ImageAssembly.link([facts], into: [service])
    #expect(linked[0].node.runtimeHeap.map(\.mebibytes) == [1536])
    let findings = NodeHeapExceedsMemory().check(Project(services: linked))
    #expect(findings.map(\.ruleID) == ["node-heap-exceeds-memory"])
    #expect(findings.first?.span == span)
  }
}
