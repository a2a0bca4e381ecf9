/// One layer of a scanned image, in the order the image applies them.
public struct ImageLayer: Hashable, Sendable {
  /// The blob inside the archive: `blobs/sha256/<hex>` or `<id>/layer.tar`.
  public var blob: String
  /// Bytes of regular files in the layer, uncompressed.
  public var size: Int64
  /// The history entry (`created_by`) that produced the layer, when the config says.
  public var createdBy: String?
  /// Where the layer is accounted for: its history entry, else the config.
  public var span: Span
  public init(blob: String, size: Int64, createdBy: String? = nil, span: Span) {
    self.blob = blob
    self.size = size
    self.createdBy = createdBy
    self.span = span
  }
}

/// One `history` entry of an image config.
public struct ImageHistoryEntry: Hashable, Sendable {
  public var createdBy: String
  /// True for metadata-only steps (`ENV`, `CMD`) that produced no layer.
  public var emptyLayer: Bool
  /// The `created_by` value inside the config blob.
  public var span: Span
  public init(createdBy: String, emptyLayer: Bool, span: Span) {
    self.createdBy = createdBy
    self.emptyLayer = emptyLayer
    self.span = span
  }
}

/// A file of the final image (after whiteouts) that matters for memory.
public struct ImageFile: Hashable, Sendable {
  /// Path inside the image, without a leading `/`.
  public var path: String
  public var bytes: Int64
  /// Index in `ImageFacts.layers` of the layer that last wrote it.
  public var layer: Int
  public init(path: String, bytes: Int64, layer: Int) {
    self.path = path
    self.bytes = bytes
    self.layer = layer
  }
}

/// Files of the final image grouped under one name (`nvidia/cudnn`, `libcublas`).
public struct ImageFileGroup: Hashable, Sendable {
  public var name: String
  public var bytes: Int64
  public var files: Int
  /// The layer holding most of the group's bytes.
  public var layer: Int
  public init(name: String, bytes: Int64, files: Int, layer: Int) {
    self.name = name
    self.bytes = bytes
    self.files = files
    self.layer = layer
  }
}

/// A compiler toolchain left in the final image.
public struct ImageToolchain: Hashable, Sendable {
  /// `rust`, `gcc` or `go`.
  public var name: String
  /// The binary that shows it is there (`usr/local/cargo/bin/cargo`).
  public var evidence: String
  /// Bytes of the toolchain's folders and binaries.
  public var bytes: Int64
  /// The layer that wrote the evidence.
  public var layer: Int
  public init(name: String, evidence: String, bytes: Int64, layer: Int) {
    self.name = name
    self.evidence = evidence
    self.bytes = bytes
    self.layer = layer
  }
}

/// A Python distribution found in the image's site-packages.
public struct ImagePythonPackage: Hashable, Sendable {
  public var name: String
  /// From the `*.dist-info` folder name (`2.5.1+cpu`).
  public var version: String
  /// The `*.dist-info` folder.
  public var path: String
  public var layer: Int
  public init(name: String, version: String, path: String, layer: Int) {
    self.name = name
    self.version = version
    self.path = path
    self.layer = layer
  }
}

/// What a built image holds that decides its memory and size (DESIGN.md §2):
/// read from a `docker save` archive or an OCI layout, layers streamed.
public struct ImageFacts: Hashable, Sendable {
  /// The archive or folder as the user named it.
  public var path: String
  /// The config blob (`app.tar!blobs/sha256/<hex>`, line 1 column 1): where
  /// facts without a better place are located.
  public var configSpan: Span
  /// `RepoTags` of docker save, or the OCI `org.opencontainers.image.ref.name`.
  public var repoTags: [String]
  /// `linux/amd64`, when the config says.
  public var platform: String?
  public var layers: [ImageLayer]
  /// Config `Env`, each located at its string in the config.
  public var environment: [EnvVar]
  public var cmd: [String]?
  public var entrypoint: [String]?
  public var user: String?
  public var history: [ImageHistoryEntry]
  /// `torch`, when a `torch-*.dist-info` is in site-packages.
  public var torch: ImagePythonPackage?
  /// CUDA libraries: `nvidia/*` packages, `libcudnn*`, `libcublas*` and kin, largest first.
  public var cudaLibraries: [ImageFileGroup]
  /// Model weight files, largest first.
  public var modelWeights: [ImageFile]
  public var nodeModulesBytes: Int64
  public var toolchains: [ImageToolchain]

  public init(
    path: String, configSpan: Span, repoTags: [String] = [], platform: String? = nil,
    layers: [ImageLayer] = [], environment: [EnvVar] = [], cmd: [String]? = nil,
    entrypoint: [String]? = nil, user: String? = nil, history: [ImageHistoryEntry] = [],
    torch: ImagePythonPackage? = nil, cudaLibraries: [ImageFileGroup] = [], modelWeights: [ImageFile] = [],
    nodeModulesBytes: Int64 = 0, toolchains: [ImageToolchain] = []
  ) {
    self.path = path
    self.configSpan = configSpan
    self.repoTags = repoTags
    self.platform = platform
    self.layers = layers
    self.environment = environment
    self.cmd = cmd
    self.entrypoint = entrypoint
    self.user = user
    self.history = history
    self.torch = torch
    self.cudaLibraries = cudaLibraries
    self.modelWeights = modelWeights
    self.nodeModulesBytes = nodeModulesBytes
    self.toolchains = toolchains
  }

  /// Uncompressed size: the sum of the layers, as `docker images` counts it.
  public var totalSize: Int64 { layers.reduce(0) { $0 + $1.size } }
  public var cudaBytes: Int64 { cudaLibraries.reduce(0) { $0 + $1.bytes } }
  public var modelWeightsBytes: Int64 { modelWeights.reduce(0) { $0 + $1.bytes } }

  /// Variables that cap thread pools (OpenMP, MKL, OpenBLAS, numexpr).
  public static let threadVariableNames = [
    "OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMEXPR_NUM_THREADS",
  ]
  public var threadVariables: [EnvVar] {
    environment.filter { Self.threadVariableNames.contains($0.key) }
  }
  public var nodeOptions: EnvVar? { environment.last { $0.key == "NODE_OPTIONS" } }

  /// Where a fact about `layer` is best located: its history entry, else the config.
  public func span(ofLayer layer: Int) -> Span {
    layers.indices.contains(layer) ? layers[layer].span : configSpan
  }
}
