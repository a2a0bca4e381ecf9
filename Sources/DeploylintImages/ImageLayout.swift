import DeploylintCore
import DeploylintParsers

/// A problem with an image, located inside it (`app.tar!blobs/sha256/<hex>`).
public struct ImageDiagnostic: Hashable, Sendable {
  public var span: Span
  public var message: String
  public init(span: Span, message: String) {
    self.span = span
    self.message = message
  }
}

/// What a blob name holds, as far as resolving the layout needs to know.
enum BlobContent {
  case json([UInt8])
  case tooLarge
  case notJSON
  case missing
}

/// One image of an archive or layout: its config, its layers in order, its tags.
struct ImageRef {
  var configBlob: String?
  var layers: [(blob: String, mediaType: String?)]
  var repoTags: [String]
  /// The manifest the image was read from (for locating problems).
  var manifest: String
}

/// Resolves `manifest.json` (docker save) or `index.json` (OCI) into images.
struct LayoutResolver {
  let display: String
  /// `!` inside archives, `/` for folders.
  let separator: String
  let platform: String
  let blob: (String) -> BlobContent
  var diagnostics: [ImageDiagnostic] = []

  static let maxIndexDepth = 8
  static let layerMediaTypes: Set<String> = [
    "application/vnd.oci.image.layer.v1.tar", "application/vnd.oci.image.layer.v1.tar+gzip",
    "application/vnd.oci.image.layer.v1.tar+zstd", "application/vnd.docker.image.rootfs.diff.tar",
    "application/vnd.docker.image.rootfs.diff.tar.gzip", "application/vnd.docker.image.rootfs.diff.tar.zstd",
    "application/vnd.oci.image.layer.nondistributable.v1.tar",
    "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
    "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
    "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
  ]

  func span(_ name: String) -> Span { Span.file(display + separator + name) }

  mutating func problem(_ name: String, _ message: String) {
    diagnostics.append(ImageDiagnostic(span: span(name), message: message))
  }

  /// Reads a JSON blob, reporting why it cannot be read.
  mutating func document(_ name: String, what: String) -> ConfigDocument? {
    switch blob(name) {
    case .json(let bytes):
      do {
        return try JSONReader.read(SourceFile(path: display + separator + name, bytes: bytes))
      } catch {
        diagnostics.append(
          ImageDiagnostic(span: error.span, message: "\(what) is not valid JSON: \(error.message)"))
        return nil
      }
    case .tooLarge:
      problem(
        name, "\(what) is larger than the \(ImageScanner.maxJSONSize / 1_048_576) MiB limit for JSON blobs")
    case .notJSON:
      problem(name, "\(what) is not JSON")
    case .missing:
      problem(name, "\(what) `\(name)` is not in the image")
    }
    return nil
  }

  /// `sha256:<hex>` → `blobs/sha256/<hex>`; nil (with a diagnostic) for
  /// digests that could name a path outside `blobs/`.
  mutating func blobPath(_ digest: String?, from manifest: String) -> String? {
    guard let digest, let colon = digest.firstIndex(of: ":") else {
      problem(manifest, "a descriptor has no digest")
      return nil
    }
    let algorithm = digest[..<colon]
    let hex = digest[digest.index(after: colon)...]
    let algorithmOK = !algorithm.isEmpty && algorithm.allSatisfy { $0.isLetter && $0.isASCII || $0.isNumber }
    let hexOK = !hex.isEmpty && hex.count <= 128 && hex.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    guard algorithmOK, hexOK else {
      problem(manifest, "invalid digest `\(digest.prefix(80))`")
      return nil
    }
    return "blobs/\(algorithm)/\(hex)"
  }

  /// The images of the layout, each once: see `unique`.
  mutating func images(canonical: (String) -> String = { $0 }) -> [ImageRef] {
    Self.unique(allImages(), canonical: canonical)
  }

  /// Images and layers de-duplicated before any layer is read, so that a
  /// small hostile archive naming one manifest a thousand times, and in it
  /// one layer five thousand times, costs one image of one layer:
  /// - blob names go through `canonical` (links inside an archive);
  /// - a layer named again later in the same image keeps only its last
  ///   place: applying a layer again re-applies all its files and whiteouts,
  ///   so the final file set is the same;
  /// - images with the same config and layers are one image with all their tags.
  static func unique(_ refs: [ImageRef], canonical: (String) -> String) -> [ImageRef] {
    var out: [ImageRef] = []
    var index: [[String]: Int] = [:]
    for var ref in refs {
      ref.configBlob = ref.configBlob.map(canonical)
      var seen = Set<String>()
      var layers: [(blob: String, mediaType: String?)] = []
      for layer in ref.layers.reversed() where seen.insert(canonical(layer.blob)).inserted {
        layers.append((canonical(layer.blob), layer.mediaType))
      }
      ref.layers = layers.reversed()
      let key = [ref.configBlob ?? ""] + ref.layers.map(\.blob)
      if let i = index[key] {
        for tag in ref.repoTags where !out[i].repoTags.contains(tag) { out[i].repoTags.append(tag) }
      } else {
        index[key] = out.count
        out.append(ref)
      }
    }
    return out
  }

  mutating func allImages() -> [ImageRef] {
    if case .json = blob("manifest.json") { return dockerSave() }
    if case .json = blob("index.json") { return ociIndex() }
    if case .tooLarge = blob("manifest.json") { _ = document("manifest.json", what: "manifest.json") }
    problem(
      separator == "!" ? "manifest.json" : "index.json",
      "neither `manifest.json` (docker save) nor `index.json` (OCI layout) is in the image")
    return []
  }

  /// docker save's `manifest.json`: `[{"Config": …, "RepoTags": […], "Layers": […]}]`.
  mutating func dockerSave() -> [ImageRef] {
    guard let doc = document("manifest.json", what: "manifest.json") else { return [] }
    var refs: [ImageRef] = []
    for item in doc.items(of: doc.root) {
      let config = doc.value("Config", in: item)?.string.flatMap(ImagePathClassifier.normalize)
      let layers = doc.value("Layers", in: item).map { doc.items(of: $0) } ?? []
      let tags = doc.value("RepoTags", in: item).map { doc.items(of: $0).compactMap(\.string) } ?? []
      refs.append(
        ImageRef(
          configBlob: config,
          layers: layers.compactMap { $0.string.flatMap(ImagePathClassifier.normalize) }.map { ($0, nil) },
          repoTags: tags, manifest: "manifest.json"))
    }
    if refs.isEmpty { problem("manifest.json", "manifest.json lists no image") }
    return refs
  }

  /// An OCI `index.json`: each entry is an image (a manifest, or an index
  /// from which the wanted platform is picked).
  mutating func ociIndex() -> [ImageRef] {
    guard let doc = document("index.json", what: "index.json") else { return [] }
    let entries = doc.value("manifests", in: doc.root).map { doc.items(of: $0) } ?? []
    var refs: [ImageRef] = []
    let platformed = entries.filter { doc.value("platform", in: $0) != nil }
    // A multi-platform index at the top level is one image.
    let groups: [[ConfigNode]] = platformed.count > 1 ? [entries] : entries.map { [$0] }
    // A manifest listed again is followed once (its tags are gathered).
    var followed: [String: Int?] = [:]
    for group in groups {
      guard let chosen = pick(group, in: doc) else { continue }
      let tag = tagAnnotation(chosen, in: doc)
      let digest = doc.value("digest", in: chosen)?.string ?? ""
      if let known = followed[digest] {
        if let known, let tag, !refs[known].repoTags.contains(tag) { refs[known].repoTags.append(tag) }
        continue
      }
      if var ref = follow(chosen, in: doc, from: "index.json", depth: 0) {
        if let tag { ref.repoTags = [tag] }
        followed[digest] = refs.count
        refs.append(ref)
      } else {
        followed[digest] = .some(nil)
      }
    }
    if refs.isEmpty && diagnostics.isEmpty { problem("index.json", "index.json lists no image manifest") }
    return refs
  }

  func tagAnnotation(_ node: ConfigNode, in doc: ConfigDocument) -> String? {
    guard let annotations = doc.value("annotations", in: node) else { return nil }
    return doc.value("io.containerd.image.name", in: annotations)?.string
      ?? doc.value("org.opencontainers.image.ref.name", in: annotations)?.string
  }

  /// The descriptor for `platform` among several; the only one; or the first
  /// that is not an attestation.
  func pick(_ descriptors: [ConfigNode], in doc: ConfigDocument) -> ConfigNode? {
    if descriptors.count <= 1 { return descriptors.first }
    let wanted = platform.split(separator: "/").map(String.init)
    func platformOf(_ d: ConfigNode) -> [String]? {
      guard let p = doc.value("platform", in: d) else { return nil }
      var parts = [doc.value("os", in: p)?.string ?? "", doc.value("architecture", in: p)?.string ?? ""]
      if let v = doc.value("variant", in: p)?.string { parts.append(v) }
      return parts
    }
    if let exact = descriptors.first(where: { platformOf($0) == wanted }) { return exact }
    if let prefix = descriptors.first(where: {
      platformOf($0).map { Array($0.prefix(2)) } == Array(wanted.prefix(2))
    }) {
      return prefix
    }
    return descriptors.first { platformOf($0) != ["unknown", "unknown"] }
  }

  /// Follows a descriptor to an image manifest through nested indexes.
  mutating func follow(_ descriptor: ConfigNode, in doc: ConfigDocument, from: String, depth: Int)
    -> ImageRef?
  {
    guard depth < Self.maxIndexDepth else {
      problem(from, "indexes nested deeper than \(Self.maxIndexDepth) levels")
      return nil
    }
    guard let path = blobPath(doc.value("digest", in: descriptor)?.string, from: from),
      let manifest = document(path, what: "manifest")
    else { return nil }
    if let nested = manifest.value("manifests", in: manifest.root) {
      guard let chosen = pick(manifest.items(of: nested), in: manifest) else {
        problem(path, "index lists no manifest")
        return nil
      }
      return follow(chosen, in: manifest, from: path, depth: depth + 1)
    }
    let config = manifest.value("config", in: manifest.root).flatMap {
      blobPath(manifest.value("digest", in: $0)?.string, from: path)
    }
    var layers: [(String, String?)] = []
    for layer in manifest.value("layers", in: manifest.root).map({ manifest.items(of: $0) }) ?? [] {
      guard let blob = blobPath(manifest.value("digest", in: layer)?.string, from: path) else { continue }
      let mediaType = manifest.value("mediaType", in: layer)?.string
      if let mediaType, !Self.layerMediaTypes.contains(mediaType) {
        problem(blob, "unknown layer media type `\(mediaType.prefix(120))`; read as a tar stream if possible")
      }
      layers.append((blob, mediaType))
    }
    return ImageRef(configBlob: config, layers: layers, repoTags: [], manifest: path)
  }
}
