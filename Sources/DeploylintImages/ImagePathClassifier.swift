/// What a path inside an image layer is, for the facts deploylint keeps.
/// Every other file only adds to its layer's size: per-file facts are kept
/// for these alone, so memory stays bounded by what matters.
enum FileClass: Hashable, Sendable {
  /// A `torch-<version>.dist-info` folder (the key is the folder).
  case torch(version: String)
  /// A CUDA library, grouped (`nvidia/cudnn`, `libcublas`).
  case cuda(group: String)
  case weights
  case nodeModules
  /// A file of a toolchain's tree; `marker` when it is the compiler itself.
  case toolchain(name: String, marker: Bool)
}

enum ImagePathClassifier {
  /// Extensions that hold model weights wherever they are.
  static let weightExtensions: Set<String> = ["safetensors", "pt", "pth", "onnx", "gguf", "ckpt"]
  /// Library name prefixes of CUDA runtime libraries outside `nvidia/*` wheels.
  static let cudaLibraryPrefixes = [
    "libcudnn", "libcublas", "libcudart", "libnccl", "libcufft", "libcurand", "libcusparse", "libcusolver",
    "libnvrtc", "libnvjitlink",
  ]

  /// Normalises a tar entry name: strips `./` and a leading `/`; nil for names
  /// that climb (`..`) or are empty (the root entry). Names already normal
  /// (nearly all) are returned as they are, after one pass over their bytes.
  static func normalize(_ name: String) -> String? {
    if isNormal(name) { return name }
    var parts: [Substring] = []
    for piece in components(name) {
      if piece == "." { continue }
      if piece == ".." { return nil }
      parts.append(piece)
    }
    return parts.isEmpty ? nil : parts.joined(separator: "/")
  }

  /// True when `name` has no empty, `.` or `..` component and is not empty.
  static func isNormal(_ name: String) -> Bool {
    var length = 0
    var dots = 0
    var any = false
    for byte in name.utf8 {
      if byte == UInt8(ascii: "/") {
        if length == 0 || length == dots && dots <= 2 { return false }
        length = 0
        dots = 0
      } else {
        length += 1
        any = true
        if byte == UInt8(ascii: ".") { dots += 1 }
      }
    }
    return any && length > 0 && !(length == dots && dots <= 2)
  }

  /// The `/`-separated components of `path`, empty ones omitted, split on
  /// bytes (`/` is ASCII: the indices are valid for the string).
  static func components<S: StringProtocol>(_ path: S) -> [S.SubSequence] {
    var result: [S.SubSequence] = []
    var start = path.startIndex
    var i = path.utf8.startIndex
    while i != path.utf8.endIndex {
      if path.utf8[i] == UInt8(ascii: "/") {
        if start != i { result.append(path[start..<i]) }
        start = path.utf8.index(after: i)
      }
      i = path.utf8.index(after: i)
    }
    if start != path.endIndex { result.append(path[start...]) }
    return result
  }

  /// Substring search on bytes (paths are short; no Foundation, no locale).
  static func has<S: StringProtocol>(_ haystack: S, _ needle: String) -> Bool {
    let fast = haystack.utf8.withContiguousStorageIfAvailable { h in
      needle.utf8.withContiguousStorageIfAvailable { n in has(h, n) }
    }
    if let found = fast ?? nil { return found }
    return has(Array(haystack.utf8)[...], Array(needle.utf8)[...])
  }

  static func has<H: Collection<UInt8>, N: Collection<UInt8>>(_ h: H, _ n: N) -> Bool
  where H.Index == Int, N.Index == Int {
    guard let first = n.first else { return true }
    guard h.count >= n.count else { return false }
    let base = h.startIndex
    let nBase = n.startIndex
    var i = base
    let last = base + h.count - n.count
    while i <= last {
      if h[i] == first {
        var k = 1
        while k < n.count, h[i + k] == n[nBase + k] { k += 1 }
        if k == n.count { return true }
      }
      i += 1
    }
    return false
  }

  /// True when the raw name is absolute or climbs out of the root.
  static func isUnsafe(_ name: String) -> Bool {
    if name.utf8.first == UInt8(ascii: "/") { return true }
    guard has(name, "..") else { return false }
    return components(name).contains("..")
  }

  /// The torch dist-info folder an entry belongs to, with its version.
  static func torchDistInfo(_ path: String) -> (folder: String, version: String)? {
    guard has(path, "torch-") else { return nil }
    let components = components(path)
    guard
      let i = components.firstIndex(where: { $0.hasPrefix("torch-") && $0.hasSuffix(".dist-info") }),
      i > 0, components[i - 1] == "site-packages" || components[i - 1] == "dist-packages"
    else { return nil }
    let version = String(components[i].dropFirst("torch-".count).dropLast(".dist-info".count))
    guard !version.isEmpty else { return nil }
    return (components[...i].joined(separator: "/"), version)
  }

  /// Classifies a regular file by its path.
  static func classify(_ path: String) -> FileClass? {
    let components = components(path)
    guard let name = components.last else { return nil }
    let lowerName = name.lowercased()

    if let toolchain = toolchain(path, components: components, name: Substring(lowerName)) {
      return toolchain
    }
    if let i = components.firstIndex(where: { $0 == "site-packages" || $0 == "dist-packages" }),
      i + 2 < components.count, components[i + 1] == "nvidia"
    {
      return .cuda(group: "nvidia/\(components[i + 2])")
    }
    if lowerName.hasPrefix("lib"), has(lowerName, ".so") || lowerName.hasSuffix(".a") {
      let stem = String(lowerName.prefix { $0 != "." })
      if cudaLibraryPrefixes.contains(where: { stem.hasPrefix($0) }) { return .cuda(group: stem) }
    }
    if components.contains("node_modules") { return .nodeModules }
    if let dot = lowerName.lastIndex(of: ".") {
      let ext = String(lowerName[lowerName.index(after: dot)...])
      if weightExtensions.contains(ext) { return .weights }
      if ext == "bin", isModelBin(components: components, name: lowerName) { return .weights }
    }
    return nil
  }

  /// `.bin` is a weight file under a model folder (`models/`, a Hugging Face
  /// cache, `checkpoints/`) or when named like one (`pytorch_model-00001.bin`).
  static func isModelBin(components: [Substring], name: String) -> Bool {
    if name.hasPrefix("pytorch_model") || name.hasPrefix("model") || name.hasPrefix("ggml") { return true }
    return components.dropLast().contains { c in
      let l = c.lowercased()
      return has(l, "model") || l == "checkpoints" || l == "weights" || l == "huggingface"
    }
  }

  /// Toolchain trees and their compilers.
  static func toolchain(_ path: String, components: [Substring], name: Substring) -> FileClass? {
    let parent = components.count >= 2 ? components[components.count - 2] : ""
    // Rust: rustup/cargo homes, Debian's rustc, and the compiler driver library.
    if path.hasPrefix("usr/local/cargo/") || path.hasPrefix("usr/local/rustup/") || has(path, "/.cargo/")
      || has(path, "/.rustup/") || path.hasPrefix("usr/lib/rustlib/") || name.hasPrefix("librustc_driver")
    {
      let marker = (name == "rustc" || name == "cargo") && parent == "bin"
      // The registry cache under cargo's home is not the toolchain, but it ships all the same.
      return .toolchain(name: "rust", marker: marker)
    }
    if parent == "bin", name == "rustc" || name == "cargo" { return .toolchain(name: "rust", marker: true) }
    // GCC: the compiler proper (cc1, cc1plus) lives under lib/gcc or libexec/gcc.
    if path.hasPrefix("usr/lib/gcc/") || path.hasPrefix("usr/libexec/gcc/") {
      return .toolchain(name: "gcc", marker: name == "cc1" || name == "cc1plus")
    }
    if parent == "bin",
      name == "gcc" || name.hasPrefix("gcc-") || name.hasSuffix("-gcc") || has(name, "-gcc-")
    {
      return .toolchain(name: "gcc", marker: false)
    }
    // Go: the official image's /usr/local/go, Debian's /usr/lib/go-1.x.
    if path.hasPrefix("usr/local/go/") || path.hasPrefix("usr/lib/go-") {
      return .toolchain(name: "go", marker: name == "go" && parent == "bin")
    }
    return nil
  }
}
