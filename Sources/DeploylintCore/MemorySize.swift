/// Memory quantities as deployment files spell them, turned into bytes.
///
/// One parser for every spelling so that no rule re-invents unit handling.
/// Which multiplier a letter means depends on who reads the value, so the
/// caller names the reader with a `Convention`:
///
/// - `Ki`/`Mi`/`Gi`/`Ti` (and `KiB`, `MiB`…) are binary under every convention
///   (IEC 80000-13; Kubernetes quantities).
/// - Docker and Compose: `docker run --memory=512m` takes "b, k, m, g" with
///   1k = 1024 bytes (https://docs.docker.com/engine/containers/resource_constraints/),
///   and the Compose spec's byte values (`mem_limit: 512M`, `1gb`) are the same
///   binary units (https://github.com/compose-spec/compose-spec/blob/main/spec.md#specifying-byte-values).
///   So `.docker` reads k/m/g, kb/mb/gb in any case as binary.
/// - Platforms that write plan sizes as "512 MB" / "2 GB" (Render, Railway,
///   Heroku docs) mean decimal units; `.decimal` reads K/M/G and KB/MB/GB as
///   powers of 1000. Plan sizes themselves live in the plan catalog.
/// - Fly.io: `memory = "1gb"` is 1024 MB and Fly's MB are MiB (`memory = 512`
///   or `memory_mb = 512` gives a 512 MiB VM, https://fly.io/docs/reference/configuration/#the-vm-section),
///   so `.fly` reads units as binary and a bare number as MiB.
/// - pm2's `max_memory_restart: "900M"` takes K, M, G as binary units
///   (https://pm2.keymetrics.io/docs/usage/memory-limit/); `.pm2` reads a
///   bare number as bytes, as pm2 does.
public enum MemorySize {
  /// Who reads the value, which decides what k/m/g and a bare number mean.
  public enum Convention: Sendable, Hashable {
    /// Docker, Compose: k/m/g (any case, with or without `b`) are binary; a bare number is bytes.
    case docker
    /// "MB"/"GB" as platform docs and Kubernetes' `M`/`G` write them: powers of 1000; a bare number is bytes.
    case decimal
    /// Fly.io: units binary, a bare number is MiB.
    case fly
    /// pm2 `max_memory_restart`: K/M/G binary, a bare number is bytes.
    case pm2
    /// Redis `maxmemory` (redis.conf): `k`/`m`/`g` are powers of 1000,
    /// `kb`/`mb`/`gb` powers of 1024, a bare number is bytes; whole numbers only.
    case redis
    /// A PostgreSQL memory setting: `kB`/`MB`/`GB`/`TB` are powers of 1024 (any
    /// case), a bare number counts the setting's base unit (8 kB pages for
    /// `shared_buffers`, kB for `work_mem`).
    case postgres(baseUnit: Int64)
  }

  private static let kibi: Int64 = 1_024
  private static let kilo: Int64 = 1_000

  /// Parses `512Mi`, `512M`, `512m`, `512mb`, `512MB`, `0.5GB`, `1gb`, `2g`,
  /// `1G`, `1GiB`, `256k`, plain bytes `536870912`, pm2's `900M`, Fly's
  /// `"1gb"`/`"512mb"`, with optional spaces (`"512 MB"`). Returns bytes
  /// (fractions of a byte are dropped), or nil for negative, malformed or
  /// overflowing input.
  public static func parse(_ text: String, convention: Convention = .docker) -> Int64? {
    if case .bytes(let n) = read(text, convention: convention) { return n }
    return nil
  }

  /// What a size text holds: bytes, a size beyond `Int64` (8 EiB), or no size.
  public enum Reading: Sendable, Equatable {
    case bytes(Int64)
    case tooLarge
    case malformed
  }

  /// As `parse`, telling a size too large to represent from a malformed one.
  public static func read(_ text: String, convention: Convention = .docker) -> Reading {
    switch convention {
    case .redis: return parseRedis(text)
    case .postgres(let baseUnit): return parsePostgres(text, baseUnit: baseUnit)
    default: break
    }
    let scalars = Array(text.unicodeScalars)
    var k = 0
    while k < scalars.count, scalars[k] == " " || scalars[k] == "\t" { k += 1 }
    var end = scalars.count
    while end > k, scalars[end - 1] == " " || scalars[end - 1] == "\t" { end -= 1 }
    // Number: digits, optionally `.digits`.
    var whole: Int64 = 0
    var overflowed = false
    var sawDigit = false
    while k < end, let d = digit(scalars[k]) {
      let (m, o1) = whole.multipliedReportingOverflow(by: 10)
      let (a, o2) = m.addingReportingOverflow(d)
      if o1 || o2 { overflowed = true }
      whole = a
      sawDigit = true
      k += 1
    }
    var fraction: Int64 = 0
    var fractionScale: Int64 = 1
    if k < end, scalars[k] == "." {
      k += 1
      var sawFractionDigit = false
      while k < end, let d = digit(scalars[k]) {
        // Nine digits are finer than a byte for any unit up to TiB; drop the rest.
        if fractionScale < 1_000_000_000 {
          fraction = fraction * 10 + d
          fractionScale *= 10
        }
        sawFractionDigit = true
        k += 1
      }
      if !sawFractionDigit { return .malformed }
    }
    guard sawDigit else { return .malformed }
    while k < end, scalars[k] == " " { k += 1 }
    let unit = String(String.UnicodeScalarView(scalars[k..<end])).lowercased()
    guard let multiplier = multiplier(unit, convention: convention) else { return .malformed }
    if overflowed { return .tooLarge }
    let (w, o1) = whole.multipliedReportingOverflow(by: multiplier)
    let (f, o2) = fraction.multipliedReportingOverflow(by: multiplier)
    let (total, o3) = w.addingReportingOverflow(f / fractionScale)
    return o1 || o2 || o3 ? .tooLarge : .bytes(total)
  }

  private static func parseRedis(_ text: String) -> Reading {
    let lower = text.lowercased()
    let digits = lower.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty else { return .malformed }
    let multiplier: Int64
    switch lower.dropFirst(digits.count) {
    case "": multiplier = 1
    case "k": multiplier = 1_000
    case "kb": multiplier = 1_024
    case "m": multiplier = 1_000_000
    case "mb": multiplier = 1_048_576
    case "g": multiplier = 1_000_000_000
    case "gb": multiplier = 1_073_741_824
    default: return .malformed
    }
    return scaled(digits, by: multiplier)
  }

  private static func parsePostgres(_ text: String, baseUnit: Int64) -> Reading {
    var t = Substring(text)
    let quotes: Set<Character> = [" ", "'", "\""]
    while let f = t.first, quotes.contains(f) { t = t.dropFirst() }
    while let l = t.last, quotes.contains(l) { t = t.dropLast() }
    var digits = ""
    var unit = ""
    for c in t {
      if unit.isEmpty, c.isASCII, c.isNumber { digits.append(c) } else if c != " " { unit.append(c) }
    }
    guard !digits.isEmpty else { return .malformed }
    let multiplier: Int64
    switch unit.lowercased() {
    case "": multiplier = baseUnit
    case "b": multiplier = 1
    case "kb": multiplier = kibi
    case "mb": multiplier = kibi * kibi
    case "gb": multiplier = kibi * kibi * kibi
    case "tb": multiplier = kibi * kibi * kibi * kibi
    default: return .malformed
    }
    return scaled(digits, by: multiplier)
  }

  /// ASCII digits times a unit, or `.tooLarge` beyond `Int64`.
  private static func scaled<S: StringProtocol>(_ digits: S, by multiplier: Int64) -> Reading {
    guard let n = Int64(digits) else { return .tooLarge }
    let (bytes, overflow) = n.multipliedReportingOverflow(by: multiplier)
    return overflow ? .tooLarge : .bytes(bytes)
  }

  /// Parses an integer count of MiB, as Node's `--max-old-space-size=1536`
  /// and integer-MB fields (`memory_mb = 512`) write it. Returns bytes.
  public static func parseMegabytes(_ text: String) -> Int64? {
    let trimmed = text.trimmingSpaces
    guard !trimmed.isEmpty, trimmed.unicodeScalars.allSatisfy({ digit($0) != nil }),
      let n = Int64(trimmed)
    else { return nil }
    let (bytes, overflow) = n.multipliedReportingOverflow(by: kibi * kibi)
    return overflow ? nil : bytes
  }

  private static func digit(_ c: Unicode.Scalar) -> Int64? {
    ("0"..."9").contains(c) ? Int64(c.value - 48) : nil
  }

  private static func multiplier(_ unit: String, convention: Convention) -> Int64? {
    let base: Int64
    let power: Int
    var u = Substring(unit)
    if u.hasSuffix("b") { u = u.dropLast() }
    let binaryMarker = u.hasSuffix("i")
    if binaryMarker { u = u.dropLast() }
    switch u {
    case "":
      if binaryMarker { return nil }
      return convention == .fly && unit.isEmpty ? kibi * kibi : 1
    case "k": power = 1
    case "m": power = 2
    case "g": power = 3
    case "t": power = 4
    default: return nil
    }
    base = binaryMarker || convention != .decimal ? kibi : kilo
    var m: Int64 = 1
    for _ in 0..<power { m *= base }
    return m
  }
}

extension String {
  fileprivate var trimmingSpaces: String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
    return String(s)
  }
}
