import DeploylintCore

/// What deploylint needs from a `Cargo.toml`: what is built and with which
/// profile settings (they drive rustc's memory: fat LTO and one codegen unit
/// raise the peak, debug info inflates it).
public struct CargoManifestFacts: Sendable {
  public var packageName: Located<String>?
  public var workspaceMembers: [Located<String>]
  /// `[[bin]] name = "…"` entries.
  public var binNames: [Located<String>]
  /// `[profile.*]` tables in file order (`release`, `dev`, custom ones).
  public var profiles: [CargoProfile]

  public func profile(_ name: String) -> CargoProfile? { profiles.first { $0.name == name } }
}

/// Link-time optimisation as `lto` spells it (https://doc.rust-lang.org/cargo/reference/profiles.html#lto).
public enum CargoLTO: Sendable, Hashable {
  /// `true` or `"fat"`: whole-program LTO, the heaviest.
  case fat
  case thin
  /// `false`: Cargo's default "thin local LTO".
  case thinLocal
  /// `"off"`: none at all.
  case off
  case other(String)
}

/// Debug info as `debug` spells it (https://doc.rust-lang.org/cargo/reference/profiles.html#debug).
public enum CargoDebug: Sendable, Hashable {
  /// `false`, `0`, `"none"`.
  case none
  case lineDirectivesOnly
  /// `"line-tables-only"`.
  case lineTablesOnly
  /// `1`, `"limited"`.
  case limited
  /// `true`, `2`, `"full"`.
  case full
  case other(String)
}

public struct CargoProfile: Sendable {
  public var name: String
  /// The `[profile.name]` header (or the `name` key of an inline/dotted profile).
  public var span: Span
  public var inherits: Located<String>?
  public var codegenUnits: Located<Int>?
  public var lto: Located<CargoLTO>?
  public var debug: Located<CargoDebug>?
  /// `0`…`3`, `"s"` or `"z"`, as text.
  public var optLevel: Located<String>?
  public var incremental: Located<Bool>?
}

public enum CargoManifest {
  public static func read(_ file: SourceFile) throws(ParseError) -> CargoManifestFacts {
    let doc = try TOMLReader.read(file)
    let root = doc.root
    var facts = CargoManifestFacts(packageName: nil, workspaceMembers: [], binNames: [], profiles: [])
    if let package = doc.value("package", in: root), let name = doc.value("name", in: package),
      let text = name.string
    {
      facts.packageName = Located(value: text, span: name.span)
    }
    if let workspace = doc.value("workspace", in: root), let members = doc.value("members", in: workspace) {
      facts.workspaceMembers = doc.items(of: members).compactMap { item in
        item.string.map { Located(value: $0, span: item.span) }
      }
    }
    if let bins = doc.value("bin", in: root) {
      for bin in doc.items(of: bins) {
        if let name = doc.value("name", in: bin), let text = name.string {
          facts.binNames.append(Located(value: text, span: name.span))
        }
      }
    }
    if let profiles = doc.value("profile", in: root) {
      for entry in doc.entries(of: profiles) where entry.value.isMapping {
        facts.profiles.append(profile(entry, doc))
      }
    }
    return facts
  }

  static func profile(_ entry: ConfigEntry, _ doc: ConfigDocument) -> CargoProfile {
    let table = entry.value
    var p = CargoProfile(name: entry.key, span: table.span)
    if let v = doc.value("inherits", in: table), let s = v.string {
      p.inherits = Located(value: s, span: v.span)
    }
    if let v = doc.value("codegen-units", in: table), let n = v.int {
      p.codegenUnits = Located(value: n, span: v.span)
    }
    if let v = doc.value("lto", in: table), case .scalar(let text, let kind) = v.value {
      let lto: CargoLTO
      switch (kind, text) {
      case (.boolean, "true"), (.string, "fat"): lto = .fat
      case (.boolean, "false"): lto = .thinLocal
      case (.string, "thin"): lto = .thin
      case (.string, "off"): lto = .off
      default: lto = .other(text)
      }
      p.lto = Located(value: lto, span: v.span)
    }
    if let v = doc.value("debug", in: table), case .scalar(let text, let kind) = v.value {
      let debug: CargoDebug
      switch (kind, text) {
      case (.boolean, "false"), (.integer, "0"), (.string, "none"): debug = .none
      case (.integer, "1"), (.string, "limited"): debug = .limited
      case (.boolean, "true"), (.integer, "2"), (.string, "full"): debug = .full
      case (.string, "line-tables-only"): debug = .lineTablesOnly
      case (.string, "line-directives-only"): debug = .lineDirectivesOnly
      default: debug = .other(text)
      }
      p.debug = Located(value: debug, span: v.span)
    }
    if let v = doc.value("opt-level", in: table), let s = v.string {
      p.optLevel = Located(value: s, span: v.span)
    }
    if let v = doc.value("incremental", in: table), let b = v.bool {
      p.incremental = Located(value: b, span: v.span)
    }
    return p
  }
}
