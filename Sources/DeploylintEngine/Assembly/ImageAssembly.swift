import DeploylintCore
import DeploylintImages

/// Turns scanned images into service facts (issue 4): an image joins the
/// service that runs it — matched by repository tag against the service's
/// `imageReference` (render `image.url`, compose `image:`, fly `[build]
/// image`) or its prebuilt image — or becomes a service of its own, with no
/// budget. Its config `Env` and its site-packages feed the same model as a
/// Dockerfile's, so source rules (`torch-without-thread-limits`) fire on
/// images unchanged.
public enum ImageAssembly {
  /// Scans each image; problems become `unparseable-file` findings located
  /// inside the image (`app.tar!blobs/sha256/<hex>`, line 1 column 1).
  public static func scan(_ inputs: [ImageInput], scanner: ImageScanner = ImageScanner()) -> (
    images: [ImageFacts], diagnostics: [Finding]
  ) {
    var images: [ImageFacts] = []
    var diagnostics: [Finding] = []
    for input in inputs {
      let result = scanner.scan(input)
      images += result.images
      diagnostics += result.diagnostics.map {
        Finding(
          ruleID: UnparseableFileID.id, severity: .error, message: $0.message, span: $0.span,
          help: [
            "the rest of the image and the other files were checked; re-create the archive (`docker save`)"
          ])
      }
    }
    return (images, diagnostics)
  }

  /// `services` with each image linked to the service that runs it, and a
  /// service of its own for each image no service names.
  public static func link(_ images: [ImageFacts], into services: [Service]) -> [Service] {
    var result = services
    for facts in images {
      let tags = Set(facts.repoTags.map(normalizeReference))
      if let i = result.firstIndex(where: { service in
        guard service.image == nil, let ref = reference(of: service) else { return false }
        return tags.contains(normalizeReference(ref)) || namesArchive(ref, facts.path)
      }) {
        apply(facts, to: &result[i])
        continue
      }
      var name = serviceName(for: facts)
      if result.contains(where: { $0.name == name }) { name += "-image" }
      var service = Service(
        name: name, span: facts.configSpan,
        build: BuildPath(kind: facts.repoTags.first.map { .prebuilt(image: $0) } ?? .unknown))
      service.imageReference = facts.repoTags.first
      apply(facts, to: &service)
      result.append(service)
    }
    return result
  }

  /// `.deploylint.yml` `services.<name>.image: build/app.tar` names the archive
  /// itself (as given on the command line, or by its trailing path).
  static func namesArchive(_ reference: String, _ imagePath: String) -> Bool {
    var ref = reference
    if ref.hasPrefix("./") { ref.removeFirst(2) }
    return imagePath == ref || imagePath.hasSuffix("/" + ref)
  }

  static func reference(of service: Service) -> String? {
    if let ref = service.imageReference { return ref }
    if case .prebuilt(let image) = service.build.kind { return image }
    return nil
  }

  /// The image's facts on the service: its `Env` under the platform's
  /// variables, torch among its Python packages.
  static func apply(_ facts: ImageFacts, to service: inout Service) {
    service.image = facts
    service.environment = Environment(facts.environment).overlaid(by: service.environment)
    if let torch = facts.torch {
      service.python.packages.append(
        PackageRef(
          name: "torch", span: facts.configSpan,
          source: "\(facts.path): torch \(torch.version) in site-packages"))
    }
    // NODE_OPTIONS baked into the image's Env reaches every node process it
    // starts, unless the start command already set a heap flag.
    if service.node.runtimeHeap.isEmpty, let options = service.environment["NODE_OPTIONS"] {
      for word in options.value.split(separator: " ").map(String.init) {
        for flag in NodeCommands.heapFlags(in: word) {
          service.node.runtimeHeap.append(
            HeapFlag(
              mebibytes: flag.mebibytes, span: options.span, source: "NODE_OPTIONS (\(options.source))"))
        }
      }
    }
  }

  /// `docker.io/library/app:latest`, `library/app` and `app` are one image.
  public static func normalizeReference(_ reference: String) -> String {
    var ref = reference.lowercased()
    for prefix in ["docker.io/", "index.docker.io/", "registry-1.docker.io/"] where ref.hasPrefix(prefix) {
      ref.removeFirst(prefix.count)
    }
    if ref.hasPrefix("library/") { ref.removeFirst("library/".count) }
    let lastComponent = ref.split(separator: "/").last ?? Substring(ref)
    if !lastComponent.contains(":") && !ref.contains("@") { ref += ":latest" }
    return ref
  }

  /// The repository's last component (`ghcr.io/acme/tts:1.2` → `tts`), else
  /// the file name without its archive extension.
  static func serviceName(for facts: ImageFacts) -> String {
    if let tag = facts.repoTags.first {
      let repository = tag.split(separator: "@").first.map(String.init) ?? tag
      var last = repository.split(separator: "/").last.map(String.init) ?? repository
      if let colon = last.firstIndex(of: ":") { last = String(last[..<colon]) }
      if !last.isEmpty { return last }
    }
    var name = facts.path.baseName
    for ext in [".tar.gz", ".tar.zst", ".tgz", ".tar"] where name.lowercased().hasSuffix(ext) {
      name.removeLast(ext.count)
      break
    }
    return name.isEmpty || name == "." ? "image" : name
  }
}
