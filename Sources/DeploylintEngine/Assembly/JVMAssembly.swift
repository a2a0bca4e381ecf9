import DeploylintCore

/// The JVM a service runs and its memory options, from every place a JVM or
/// its product reads them, in the order they apply (a later one wins):
/// `JAVA_TOOL_OPTIONS`, `JDK_JAVA_OPTIONS`, `JAVA_OPTS` (read by the start
/// scripts of most images), the product's variables (`ES_JAVA_OPTS`,
/// `OPENSEARCH_JAVA_OPTS`, `LS_JAVA_OPTS`, Cassandra's `MAX_HEAP_SIZE`,
/// `KAFKA_HEAP_OPTS`), the `java` command line, then `_JAVA_OPTIONS`. Each
/// option is located at its token (`-Xmx3G` inside a compose `environment`).
enum JVMAssembly {
  /// Variables every JVM (or image start script) reads, lowest precedence first.
  static let leadingVariables = ["JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "JAVA_OPTS"]

  @Sendable static func enrich(_ service: inout Service, _ assembler: Assembler) {
    var product: JVMProduct?
    var version: String?
    let references = service.imageReferences + [service.build.recipe?.finalStage?.base].compactMap { $0 }
    for reference in references {
      if let p = JVMProduct.of(image: reference) {
        product = p
        version = tag(of: reference)
        break
      }
    }
    var facts = JVMFacts(product: product ?? .jvm, productVersion: version)
    var evidence = product != nil
    if let legacy = references.first(where: JVMAssembly.predatesContainerSupport) {
      facts.withoutContainerSupport = Located(
        "image \(legacy)",
        span: service.compose?.image?.span ?? service.build.recipe?.finalStage?.fromSpan ?? service.span)
      evidence = true
    }
    let env = service.environment

    for name in leadingVariables {
      guard let v = env[name] else { continue }
      evidence = true
      apply(words: words(v.value), region: v.valueRegion, via: "\(name) (\(v.source))", to: &facts, assembler)
    }
    for name in ["ES_JAVA_OPTS", "OPENSEARCH_JAVA_OPTS", "LS_JAVA_OPTS", "KAFKA_HEAP_OPTS"] {
      guard let v = env[name], let owner = JVMProduct.of(variable: name) else { continue }
      // A product's variable is read by that product's start script only.
      if product == nil {
        product = owner
        facts.product = owner
      }
      guard facts.product == owner else { continue }
      evidence = true
      apply(words: words(v.value), region: v.valueRegion, via: "\(name) (\(v.source))", to: &facts, assembler)
    }
    if facts.product == .cassandra {
      cassandraHeap(env, into: &facts, assembler)
    }
    if let start = service.processCommand {
      for command in ShellWords.commands(start.text) {
        let words = ShellWords.strippingPrefixes(command)
        guard let java = words.firstIndex(where: { $0.split(separator: "/").last == "java" }) else {
          continue
        }
        evidence = true
        let options = words[(java + 1)...].prefix { $0.hasPrefix("-") && $0 != "-jar" && $0 != "-cp" }
        apply(
          words: Array(options), region: start.span, via: "java command line (\(start.source))", to: &facts,
          assembler)
      }
    }
    if let v = env["_JAVA_OPTIONS"] {
      evidence = true
      apply(
        words: words(v.value), region: v.valueRegion, via: "_JAVA_OPTIONS (\(v.source))", to: &facts,
        assembler)
    }
    guard evidence else { return }
    service.jvm = facts
  }

  /// Cassandra's start script reads `MAX_HEAP_SIZE` (and `HEAP_NEWSIZE`, part
  /// of the heap) as `-Xmx` values.
  static func cassandraHeap(_ env: Environment, into facts: inout JVMFacts, _ assembler: Assembler) {
    guard let v = env["MAX_HEAP_SIZE"], let bytes = JVMOptions.size(v.value) else { return }
    let span = assembler.locate(v.value, in: v.valueRegion) ?? v.span
    facts.maxHeap = JVMSetting(
      Located(bytes, span: v.span.union(span), text: "MAX_HEAP_SIZE=\(v.value)"),
      via: "Cassandra's MAX_HEAP_SIZE (\(v.source))")
    facts.sources.append("MAX_HEAP_SIZE (\(v.source))")
  }

  /// Applies the memory options among `words`, each located in `region`.
  static func apply(
    words: [String], region: Span, via: String, to facts: inout JVMFacts, _ assembler: Assembler
  ) {
    var previous: Span?
    var applied = false
    for word in words {
      if word == "-XX:-UseContainerSupport" {
        facts.withoutContainerSupport = Located(word, span: assembler.locate(word, in: region) ?? region)
        continue
      }
      guard let option = JVMOptions.parse(word) else { continue }
      let span = assembler.locate(word, in: region, after: previous) ?? region
      if span != region { previous = span }
      applied = true
      switch option {
      case .maxHeap(let b): facts.maxHeap = setting(b, word, span, via)
      case .initialHeap(let b): facts.initialHeap = setting(b, word, span, via)
      case .maxRAMPercentage(let p): facts.maxRAMPercentage = setting(p, word, span, via)
      case .initialRAMPercentage(let p): facts.initialRAMPercentage = setting(p, word, span, via)
      case .maxMetaspace(let b): facts.maxMetaspace = setting(b, word, span, via)
      case .codeCache(let b): facts.codeCache = setting(b, word, span, via)
      case .maxDirectMemory(let b): facts.maxDirectMemory = setting(b, word, span, via)
      case .threadStack(let b): facts.threadStack = setting(b, word, span, via)
      }
    }
    if applied { facts.sources.append(via) }
  }

  static func setting<V>(_ value: V, _ word: String, _ span: Span, _ via: String) -> JVMSetting<V> {
    JVMSetting(Located(value, span: span, text: word), via: via)
  }

  /// The words of an options variable (quotes removed, lines joined).
  static func words(_ value: String) -> [String] {
    ShellWords.commands(value.replacingNewlines()).flatMap { $0 }
  }

  /// Java 8 images from before 8u191, which size the heap from the host's RAM
  /// inside a container (`openjdk:8u151-jre`, the deprecated `java:8`).
  static func predatesContainerSupport(_ reference: String) -> Bool {
    let repository = ImageReference.repository(reference)
    guard repository == "openjdk" || repository == "java" else { return false }
    guard let tag = tag(of: reference) else { return repository == "java" }
    if repository == "java" { return tag.hasPrefix("8") || tag.hasPrefix("7") }
    if tag.hasPrefix("7") { return true }
    guard tag.hasPrefix("8u") else { return false }
    let digits = tag.dropFirst(2).prefix { $0.isNumber }
    return Int(digits).map { $0 < 191 } ?? false
  }

  /// The tag of an image reference (`7.10.2` of `elasticsearch:7.10.2`), when it has one.
  static func tag(of reference: String) -> String? {
    var r = Substring(reference)
    if let at = r.firstIndex(of: "@") { r = r[..<at] }
    guard let colon = r.lastIndex(of: ":"), !r[colon...].contains("/") else { return nil }
    let tag = r[r.index(after: colon)...]
    return tag.isEmpty ? nil : String(tag)
  }
}

/// JVM memory options as the `java` launcher reads them.
enum JVMOptions {
  enum Option: Equatable {
    case maxHeap(Int64), initialHeap(Int64), maxRAMPercentage(Double), initialRAMPercentage(Double)
    case maxMetaspace(Int64), codeCache(Int64), maxDirectMemory(Int64), threadStack(Int64)
  }

  static func parse(_ word: String) -> Option? {
    if word.hasPrefix("-Xmx") { return size(String(word.dropFirst(4))).map(Option.maxHeap) }
    if word.hasPrefix("-Xms") { return size(String(word.dropFirst(4))).map(Option.initialHeap) }
    if word.hasPrefix("-Xss") { return size(String(word.dropFirst(4))).map(Option.threadStack) }
    guard word.hasPrefix("-XX:"), let eq = word.firstIndex(of: "=") else { return nil }
    let name = word[word.index(word.startIndex, offsetBy: 4)..<eq]
    let value = String(word[word.index(after: eq)...])
    switch name {
    case "MaxHeapSize": return size(value).map(Option.maxHeap)
    case "InitialHeapSize": return size(value).map(Option.initialHeap)
    case "MaxRAMPercentage": return percentage(value).map(Option.maxRAMPercentage)
    case "InitialRAMPercentage": return percentage(value).map(Option.initialRAMPercentage)
    case "MaxMetaspaceSize": return size(value).map(Option.maxMetaspace)
    case "ReservedCodeCacheSize": return size(value).map(Option.codeCache)
    case "MaxDirectMemorySize": return size(value).map(Option.maxDirectMemory)
    // -XX:ThreadStackSize counts KiB when no unit is given.
    case "ThreadStackSize":
      if let n = Int64(value), n >= 0, n < Int64.max / 1_024 { return .threadStack(n * 1_024) }
      return size(value).map(Option.threadStack)
    default: return nil
    }
  }

  /// A JVM size: digits with an optional `k`, `m`, `g` or `t` (any case,
  /// binary units); a bare number is bytes.
  static func size(_ text: String) -> Int64? {
    guard let last = text.last else { return nil }
    let units: [Character: Int64] = [
      "k": Bytes.KiB, "K": Bytes.KiB, "m": Bytes.MiB, "M": Bytes.MiB, "g": Bytes.GiB, "G": Bytes.GiB,
      "t": Bytes.GiB * 1_024, "T": Bytes.GiB * 1_024,
    ]
    let multiplier = units[last]
    let digits = multiplier == nil ? Substring(text) : text.dropLast()
    guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
      let n = Int64(digits)
    else { return nil }
    let (v, overflow) = n.multipliedReportingOverflow(by: multiplier ?? 1)
    return overflow ? nil : v
  }

  static func percentage(_ text: String) -> Double? {
    guard let p = Double(text), p.isFinite, p >= 0 else { return nil }
    return p
  }
}

extension String {
  /// Newlines as spaces: a YAML block value keeps one option per line.
  func replacingNewlines() -> String {
    String(map { $0 == "\n" || $0 == "\r" ? " " : $0 })
  }
}
