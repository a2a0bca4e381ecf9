import DeploylintCore
import DeploylintParsers

/// Image facts from resolved manifests and scanned layers, for archives and
/// folders alike, and from images described rather than archived.
extension ImageScanner {
  func build(
    _ refs: [ImageRef], display: String, separator: String, resolver: inout LayoutResolver,
    extra: [ImageDiagnostic], scan: (String) -> LayerScan?
  ) -> ImageScanResult {
    var result = ImageScanResult()
    for ref in refs {
      var config = ImageConfig()
      var configSpan = resolver.span(ref.manifest)
      if let blob = ref.configBlob {
        configSpan = resolver.span(blob)
        if let doc = resolver.document(blob, what: "image config") { config = ImageConfig.read(doc) }
      } else {
        resolver.problem(ref.manifest, "the manifest names no config")
      }
      var layers: [(blob: String, scan: LayerScan)] = []
      for (blob, _) in ref.layers {
        guard let layer = scan(blob) else {
          switch resolver.blob(blob) {
          case .missing:
            resolver.problem(blob, "the manifest names layer `\(blob)`, which is not in the image")
          default: resolver.problem(blob, "layer `\(blob)` is not a tar stream")
          }
          layers.append((blob, LayerScan()))
          continue
        }
        if let error = layer.error {
          resolver.problem(
            blob,
            "layer cannot be read to its end (\(error)); facts from the entries before the error are kept")
        }
        if !layer.unsafeEntries.isEmpty {
          let names = layer.unsafeEntries.map { "`\($0.prefix(120))`" }.joined(separator: ", ")
          resolver.problem(blob, "layer entries with absolute or `..` paths ignored: \(names)")
        }
        layers.append((blob, layer))
      }
      result.images.append(
        ImageComposer.facts(
          display: display, configSpan: configSpan, config: config, repoTags: ref.repoTags, layers: layers))
    }
    var seen = Set<ImageDiagnostic>()
    result.diagnostics = (extra + resolver.diagnostics).filter { seen.insert($0).inserted }
    return result
  }
}

extension ImageScanner {
  /// Facts of an image described rather than archived: a config document
  /// (the image config's shape: `config.Env`, `history`…) and the files of
  /// its layers. The test suite's `.image.json` examples go through here, so
  /// they exercise the same composition as real archives.
  public static func facts(
    display: String, configSpan: Span, config: ConfigDocument?, repoTags: [String],
    layers: [[(path: String, size: Int64)]]
  ) -> ImageFacts {
    let parsed = config.map(ImageConfig.read) ?? ImageConfig()
    return ImageComposer.facts(
      display: display, configSpan: configSpan, config: parsed, repoTags: repoTags,
      layers: layers.enumerated().map { ("layer\($0.offset)", LayerScanner.scan(files: $0.element)) })
  }
}
