import DeploylintCore

/// Applies layers in order, whiteouts included, and turns the final file set
/// into `ImageFacts`. Pure: the same scans give the same facts, whichever
/// thread read which layer.
enum ImageComposer {
  struct Entry {
    var size: Int64
    var kind: FileClass
    var layer: Int
  }

  static func finalFiles(_ layers: [LayerScan]) -> [String: Entry] {
    var files: [String: Entry] = [:]
    for (index, layer) in layers.enumerated() {
      var removed = Set<String>()
      var opaque = Set<String>()
      for event in layer.events {
        switch event {
        case .whiteout(let path): removed.insert(path)
        case .opaque(let dir): opaque.insert(dir)
        case .file: break
        }
      }
      if !removed.isEmpty || !opaque.isEmpty {
        // Whiteouts in a layer hide the lower layers' files only.
        files = files.filter { path, _ in !hidden(path, removed: removed, opaque: opaque) }
      }
      for case .file(let path, let size, let kind) in layer.events {
        files[path] = Entry(size: size, kind: kind, layer: index)
      }
    }
    return files
  }

  /// True when `path` or one of its folders is whited out, or one of its
  /// folders is opaque.
  static func hidden(_ path: String, removed: Set<String>, opaque: Set<String>) -> Bool {
    if removed.contains(path) || opaque.contains("") { return true }
    var i = path.endIndex
    while let slash = path[..<i].lastIndex(of: "/") {
      let folder = String(path[..<slash])
      if removed.contains(folder) || opaque.contains(folder) { return true }
      i = slash
    }
    return false
  }

  static func facts(
    display: String, configSpan: Span, config: ImageConfig, repoTags: [String],
    layers: [(blob: String, scan: LayerScan)]
  ) -> ImageFacts {
    let nonEmptyHistory = config.history.filter { !$0.emptyLayer }
    let imageLayers = layers.enumerated().map { i, layer in
      let history = nonEmptyHistory.count == layers.count ? nonEmptyHistory[i] : nil
      return ImageLayer(
        blob: layer.blob, size: layer.scan.size, createdBy: history?.createdBy,
        span: history?.span ?? configSpan)
    }
    var facts = ImageFacts(
      path: display, configSpan: configSpan, repoTags: repoTags, platform: config.platform,
      layers: imageLayers,
      environment: config.environment, cmd: config.cmd, entrypoint: config.entrypoint, user: config.user,
      history: config.history)

    var cuda: [String: (bytes: Int64, files: Int, perLayer: [Int: Int64])] = [:]
    var toolchainBytes: [String: Int64] = [:]
    var toolchainMarkers: [String: (path: String, layer: Int)] = [:]
    for (path, entry) in finalFiles(layers.map(\.scan)).sorted(by: { $0.key < $1.key }) {
      switch entry.kind {
      case .torch(let version):
        if facts.torch == nil {
          facts.torch = ImagePythonPackage(name: "torch", version: version, path: path, layer: entry.layer)
        }
      case .cuda(let group):
        var g = cuda[group] ?? (0, 0, [:])
        g.bytes += entry.size
        g.files += 1
        g.perLayer[entry.layer, default: 0] += entry.size
        cuda[group] = g
      case .weights:
        facts.modelWeights.append(ImageFile(path: path, bytes: entry.size, layer: entry.layer))
      case .nodeModules:
        facts.nodeModulesBytes += entry.size
      case .toolchain(let name, let marker):
        toolchainBytes[name, default: 0] += entry.size
        if marker, toolchainMarkers[name] == nil { toolchainMarkers[name] = (path, entry.layer) }
      }
    }
    facts.cudaLibraries = cuda.map { name, g in
      let layer = g.perLayer.max { a, b in (a.value, b.key) < (b.value, a.key) }?.key ?? 0
      return ImageFileGroup(name: name, bytes: g.bytes, files: g.files, layer: layer)
    }.sorted { ($1.bytes, $0.name) < ($0.bytes, $1.name) }
    facts.modelWeights.sort { ($1.bytes, $0.path) < ($0.bytes, $1.path) }
    facts.toolchains = toolchainMarkers.keys.sorted().map { name in
      let marker = toolchainMarkers[name]!
      return ImageToolchain(
        name: name, evidence: marker.path, bytes: toolchainBytes[name] ?? 0, layer: marker.layer)
    }
    return facts
  }
}
