/// One plan (instance type, dyno, VM size) of a platform, with the source the
/// figures come from and the date they were checked
/// (`../shared/research/platforms.md` holds the research behind each row).
public struct Plan: Sendable, Hashable {
  public var platform: Platform
  /// The identifier as written in the platform's config (`free`, `standard-2x`).
  public var id: String
  public var displayName: String
  /// Memory per instance, in bytes; nil when no public figure exists.
  public var memory: Int64?
  public var cpus: Double?
  /// Monthly price in US dollars, when the platform publishes one.
  public var monthlyUSD: Double?
  /// Still offered for new services.
  public var current: Bool
  /// A caveat shown with the figures ("RAM of the same-named tier, unverified").
  public var note: String?
  public var source: String
  public var checked: String

  public init(
    _ platform: Platform, _ id: String, _ displayName: String, memory: Int64?, cpus: Double?,
    monthlyUSD: Double? = nil, current: Bool = true, note: String? = nil, source: String, checked: String
  ) {
    self.platform = platform
    self.id = id
    self.displayName = displayName
    self.memory = memory
    self.cpus = cpus
    self.monthlyUSD = monthlyUSD
    self.current = current
    self.note = note
    self.source = source
    self.checked = checked
  }
}

extension Plan {
  /// "Render `standard` (2 GB, $25/month)": the plan as a fix names it; nil
  /// when the catalog has no memory figure for it.
  public var described: String? {
    guard let memory else { return nil }
    return Plan.describe(platform, id, memory: memory, monthlyUSD: monthlyUSD, note: note)
  }

  public static func describe(
    _ platform: Platform, _ id: String, memory: Int64, monthlyUSD: Double?, note: String?
  ) -> String {
    var text = "\(platform.displayName) `\(id)` (\(Bytes.format(memory, .decimal))"
    if let price = monthlyUSD { text += price == 0 ? ", free" : ", $\(Int(price))/month" }
    if let note { text += "; \(note)" }
    return text + ")"
  }
}

/// Where a platform builds images and with what, when that is known.
public struct BuilderFacts: Sendable, Hashable {
  public var description: String
  public var memory: Int64?
  public var cpus: Double?
  public var source: String
  public var checked: String
}

/// A platform announcement that some configuration will stop being read.
public struct Deprecation: Sendable, Hashable {
  public var platform: Platform
  /// What is deprecated, in the user's terms ("`railway.json` config-as-code").
  public var subject: String
  public var announced: String
  /// The date it stops working, when announced.
  public var cutoff: String?
  public var replacement: String
  public var source: String
}

/// The plan catalog shipped in the binary (DESIGN.md §3): platform → plan →
/// memory, CPU, price, where builds run, source and date checked.
public enum PlanCatalog {
  static let renderPricing = "https://render.com/pricing"
  static let renderChecked = "2026-05-04"
  static let railwayPlans = "https://docs.railway.com/pricing/plans"
  static let railwayChecked = "2026-08-07"
  static let flySizing = "https://fly.io/docs/machines/guides-examples/machine-sizing/"
  static let flyChecked = "2026-08-07"
  static let herokuDynos = "https://devcenter.heroku.com/articles/dyno-types"
  static let herokuChecked = "2024-06-04"

  public static let plans: [Plan] = render + railway + fly + heroku

  static let render: [Plan] =
    [
      Plan(
        .render, "free", "Free", memory: 512 * Bytes.MB, cpus: 0.1, monthlyUSD: 0, source: renderPricing,
        checked: renderChecked),
      Plan(
        .render, "starter", "Starter", memory: 512 * Bytes.MB, cpus: 0.5, monthlyUSD: 7,
        source: renderPricing, checked: renderChecked),
      Plan(
        .render, "standard", "Standard", memory: 2 * Bytes.GB, cpus: 1, monthlyUSD: 25, source: renderPricing,
        checked: renderChecked),
      Plan(
        .render, "pro", "Pro", memory: 4 * Bytes.GB, cpus: 2, monthlyUSD: 85, source: renderPricing,
        checked: renderChecked),
      Plan(
        .render, "pro_plus", "Pro Plus", memory: 8 * Bytes.GB, cpus: 4, monthlyUSD: 175,
        source: renderPricing, checked: renderChecked),
      Plan(
        .render, "pro_max", "Pro Max", memory: 16 * Bytes.GB, cpus: 4, monthlyUSD: 225, source: renderPricing,
        checked: renderChecked),
      Plan(
        .render, "pro_ultra", "Pro Ultra", memory: 32 * Bytes.GB, cpus: 8, monthlyUSD: 450,
        source: renderPricing, checked: renderChecked),
      Plan(
        .render, "starter_plus", "Starter Plus", memory: nil, cpus: nil,
        note: "accepted by Render's API; no public memory figure",
        source: "https://api-docs.render.com/reference/preview-service", checked: "2026-05-29"),
      Plan(
        .render, "standard_plus", "Standard Plus", memory: nil, cpus: nil,
        note: "accepted by Render's API; no public memory figure",
        source: "https://api-docs.render.com/reference/preview-service", checked: "2026-05-29"),
      Plan(
        .render, "custom", "Custom", memory: nil, cpus: nil,
        note: "set per workspace; declare it in .deploylint.yml",
        source: "https://api-docs.render.com/reference/preview-service", checked: "2026-05-29"),
    ] + renderLegacy

  /// Grandfathered plans: no RAM figure was published; the same-named tier's
  /// RAM is assumed and marked unverified (platforms.md §1.2, R1).
  static let renderLegacy: [Plan] = [
    ("starter_legacy", "Starter (legacy)", 512 * Bytes.MB, 0.5),
    ("standard_legacy", "Standard (legacy)", 2 * Bytes.GB, 1.0),
    ("standard_plus_legacy", "Standard Plus (legacy)", nil, nil),
    ("pro_legacy", "Pro (legacy)", 4 * Bytes.GB, 2.0),
    ("pro_plus_legacy", "Pro Plus (legacy)", 8 * Bytes.GB, 4.0),
  ].map { (id: String, name: String, memory: Int64?, cpus: Double?) in
    Plan(
      .render, id, name, memory: memory, cpus: cpus, current: false,
      note: "no longer offered; RAM of the same-named tier, unverified",
      source: "https://api-docs.render.com/reference/preview-service", checked: "2026-05-29")
  }

  static let railway: [Plan] = [
    Plan(
      .railway, "free", "Free", memory: 500 * Bytes.MB, cpus: 1, monthlyUSD: 0,
      note: "0.5 GB per service, 1 replica",
      source: railwayPlans, checked: railwayChecked),
    Plan(
      .railway, "trial", "Trial", memory: 1 * Bytes.GB, cpus: 2, monthlyUSD: 0, note: "$5 one-time credit",
      source: railwayPlans, checked: railwayChecked),
    Plan(
      .railway, "hobby", "Hobby", memory: 8 * Bytes.GB, cpus: 8, monthlyUSD: 5,
      note: "per replica; billed by usage",
      source: "https://docs.railway.com/deployments/troubleshooting/slow-deployments", checked: "2026-08-21"),
    Plan(
      .railway, "pro", "Pro", memory: 24 * Bytes.GB, cpus: 24, monthlyUSD: 20,
      note: "per replica since 2026-01-26 (was 32 GB); billed by usage",
      source: "https://docs.railway.com/deployments/troubleshooting/slow-deployments", checked: "2026-08-21"),
    Plan(
      .railway, "enterprise", "Enterprise", memory: 48 * Bytes.GB, cpus: 48, note: "per replica",
      source: "https://docs.railway.com/pricing/committed-spend", checked: "2026-08-21"),
  ]

  /// Fly counts memory in MiB (`memory = 512` is 512 MiB).
  static let fly: [Plan] = [
    ("shared-cpu-1x", 256, 1.0), ("shared-cpu-2x", 512, 2.0), ("shared-cpu-4x", 1024, 4.0),
    ("shared-cpu-8x", 2048, 8.0), ("performance-1x", 2048, 1.0), ("performance-2x", 4096, 2.0),
    ("performance-4x", 8192, 4.0), ("performance-8x", 16384, 8.0), ("performance-16x", 32768, 16.0),
  ].map { (id: String, mib: Int64, cpus: Double) in
    Plan(
      .fly, id, id, memory: mib * Bytes.MiB, cpus: cpus,
      note: id == "shared-cpu-1x" ? "the default when fly.toml sets no [[vm]]" : nil,
      source: "https://github.com/superfly/fly-go/blob/main/machine_types.go", checked: flyChecked)
  }

  static let heroku: [Plan] =
    [
      ("eco", "Eco", 512 * Bytes.MB), ("basic", "Basic", 512 * Bytes.MB),
      ("standard-1x", "Standard-1X", 512 * Bytes.MB), ("standard-2x", "Standard-2X", 1 * Bytes.GB),
      ("performance-m", "Performance-M", 2_500 * Bytes.MB), ("performance-l", "Performance-L", 14 * Bytes.GB),
      ("performance-l-ram", "Performance-L-RAM", 30 * Bytes.GB),
      ("performance-xl", "Performance-XL", 62 * Bytes.GB),
      ("performance-2xl", "Performance-2XL", 126 * Bytes.GB),
      ("private-s", "Private-S", 1 * Bytes.GB), ("shield-s", "Shield-S", 1 * Bytes.GB),
    ].map { (id: String, name: String, memory: Int64) in
      Plan(.heroku, id, name, memory: memory, cpus: nil, source: herokuDynos, checked: herokuChecked)
    } + [
      Plan(
        .heroku, "free", "Free (retired)", memory: 512 * Bytes.MB, cpus: nil, current: false,
        note: "retired in 2022", source: herokuDynos, checked: herokuChecked),
      Plan(
        .heroku, "hobby", "Hobby (retired)", memory: 512 * Bytes.MB, cpus: nil, current: false,
        note: "retired", source: herokuDynos, checked: herokuChecked),
    ]

  /// Where each platform builds on a git push.
  public static let builders: [Platform: BuilderFacts] = [
    .render: BuilderFacts(
      description:
        "Render's build pipeline (Starter tier: 2 CPU / 8 GB; Performance tier: 16 CPU / 64 GB), not the service instance",
      memory: 8 * Bytes.GB, cpus: 2, source: "https://render.com/docs/build-pipeline", checked: "2026-11"),
    .railway: BuilderFacts(
      description:
        "Railway's separate builder fleet (BuildKit on microVMs), not the service replica; its memory is not documented",
      memory: nil, cpus: nil, source: "https://blog.railway.com/p/new-builder-scale-big", checked: "2026-11"),
    .fly: BuilderFacts(
      description:
        "Fly's remote builder (Depot by default; the legacy Fly builder has 4 CPU / 4 GB on free orgs, 8 CPU / 8 GB on paid ones), not the VM",
      memory: 4 * Bytes.GiB, cpus: 4,
      source: "https://github.com/superfly/flyctl/blob/master/internal/build/imgsrc/ensure_builder.go",
      checked: "2026-11"),
    .heroku: BuilderFacts(
      description: "Heroku's build system (slug compiler or container build); its memory is not documented",
      memory: nil, cpus: nil, source: "https://devcenter.heroku.com/articles/slug-compiler",
      checked: "2026-03-06"),
  ]

  public static let deprecations: [Deprecation] = [
    Deprecation(
      platform: .railway, subject: "config-as-code (`railway.json` / `railway.toml`)",
      announced: "2026-08-21",
      cutoff: "2026-12-01",
      replacement:
        "Railway's Infrastructure as Code (`.railway/railway.ts`); new services cannot opt in to config-as-code",
      source: "https://docs.railway.com/config-as-code"),
    Deprecation(
      platform: .railway, subject: "the `NIXPACKS` builder", announced: "2025-09-16", cutoff: nil,
      replacement: "`RAILPACK` (the default since 2025-09-16) or `DOCKERFILE`",
      source: "https://docs.railway.com/config-as-code/reference"),
  ]

  /// The plan `id` of `platform`, accepting Render's `Nc-Mg` identifiers
  /// (`2c-4g`, `0.5c-512mb`: memory is the M part) and case/space variants.
  /// `overrides` (a team's own rows, from `.deploylint.yml`) win over the catalog.
  public static func plan(_ platform: Platform, _ id: String, overrides: [Plan] = []) -> Plan? {
    let key = id.lowercased().trimmingWhitespace().replacingSpaces(with: platform == .heroku ? "-" : "_")
    if let p = overrides.last(where: { $0.platform == platform && $0.id.lowercased() == key }) { return p }
    if let p = plans.first(where: { $0.platform == platform && $0.id == key }) { return p }
    if platform == .render, let p = renderEncoded(key) { return p }
    return nil
  }

  /// `2c-4g` → 2 CPUs, 4 GB; `0.5c-512mb` → 0.5 CPU, 512 MB.
  static func renderEncoded(_ id: String) -> Plan? {
    let parts = id.split(separator: "-")
    guard parts.count == 2, parts[0].hasSuffix("c"), let cpus = Double(parts[0].dropLast()) else {
      return nil
    }
    let mem = parts[1]
    let memory: Int64
    if mem.hasSuffix("mb"), let n = Int64(mem.dropLast(2)) {
      memory = Saturating.product(n, Bytes.MB)
    } else if mem.hasSuffix("g"), let n = Int64(mem.dropLast()) {
      memory = Saturating.product(n, Bytes.GB)
    } else {
      return nil
    }
    return Plan(
      .render, id, id, memory: memory, cpus: cpus,
      source: "https://api-docs.render.com/reference/preview-service",
      checked: "2026-05-29")
  }

  /// The plans of a platform that are still offered, smallest memory first.
  public static func currentPlans(_ platform: Platform, overrides: [Plan] = []) -> [Plan] {
    let replaced = Set(overrides.filter { $0.platform == platform }.map { $0.id.lowercased() })
    return (plans.filter { !replaced.contains($0.id) } + overrides)
      .filter { $0.platform == platform && $0.current && $0.memory != nil }
      .sorted { ($0.memory ?? 0, $0.monthlyUSD ?? 0) < ($1.memory ?? 0, $1.monthlyUSD ?? 0) }
  }

  /// Plans a team cannot simply move to (a one-time trial, contract plans).
  static let notSelectable: Set<String> = ["trial", "enterprise", "custom"]

  /// The cheapest current plan of `platform` with at least `bytes` of memory.
  public static func smallestPlan(_ platform: Platform, fitting bytes: Int64, overrides: [Plan] = []) -> Plan?
  {
    currentPlans(platform, overrides: overrides).first {
      ($0.memory ?? 0) >= bytes && !notSelectable.contains($0.id)
    }
  }
}

extension String {
  /// The text without leading and trailing whitespace.
  public func trimmingWhitespace() -> String {
    var s = Substring(self)
    while s.first?.isWhitespace == true { s = s.dropFirst() }
    while s.last?.isWhitespace == true { s = s.dropLast() }
    return String(s)
  }
  func replacingSpaces(with r: Character) -> String { String(map { $0 == " " ? r : $0 }) }
}
