import DeploylintCore
import DeploylintParsers

extension FileKind {
  /// `railpack.json`: Railpack's build configuration (Railway's default builder).
  public static let railpackJSON = FileKind("railpackJSON")
  /// `nixpacks.toml` / `nixpacks.json`: Nixpacks's build configuration.
  public static let nixpacksConfig = FileKind("nixpacksConfig")
  /// `DOKKU_SCALE`: process counts of a Dokku app (`web=1`).
  public static let dokkuScale = FileKind("dokkuScale")
  /// `heroku.yml`: a Heroku app built from a Dockerfile.
  public static let herokuYML = FileKind("herokuYML")
  /// `render-*.yaml`, `render.*.yaml`, `render.yml`: named like a Render
  /// Blueprint but not the one Render reads.
  public static let renderBlueprintCopy = FileKind("renderBlueprintCopy")
}

extension StoreKey {
  static var railpackConfigs: StoreKey<RailpackConfig> { .init("railpackConfigs") }
  static var nixpacksConfigs: StoreKey<NixpacksConfig> { .init("nixpacksConfigs") }
  /// `DOKKU_SCALE` lines as process → count.
  static var dokkuScales: StoreKey<[ProcfileEntry]> { .init("dokkuScales") }
  /// Files whose presence is the fact (`heroku.yml`, Blueprint copies): their first line.
  static var presentFiles: StoreKey<Span> { .init("presentFiles") }
}

extension InputKind {
  static let railpackJSON = InputKind(
    kind: .railpackJSON, matches: named(["railpack.json"]), hashComments: false
  ) {
    source, file, store throws(ParseError) in
    store[.railpackConfigs][file.relativePath] = try RailpackConfig.parse(JSONReader.read(source))
  }

  static let nixpacksTOML = InputKind(kind: .nixpacksConfig, matches: named(["nixpacks.toml"])) {
    source, file, store throws(ParseError) in
    store[.nixpacksConfigs][file.relativePath] = try NixpacksConfig.parse(TOMLReader.read(source))
  }

  static let nixpacksJSON = InputKind(
    kind: .nixpacksConfig, matches: named(["nixpacks.json"]), hashComments: false
  ) {
    source, file, store throws(ParseError) in
    store[.nixpacksConfigs][file.relativePath] = try NixpacksConfig.parse(JSONReader.read(source))
  }

  /// `web=1` per line, read with the Procfile reader's spans (`=` for `:`).
  static let dokkuScale = InputKind(kind: .dokkuScale, matches: named(["dokku_scale"])) {
    source, file, store throws(ParseError) in
    store[.dokkuScales][file.relativePath] = DokkuScale.read(source)
  }

  static let herokuYML = InputKind(kind: .herokuYML, matches: named(["heroku.yml"])) {
    source, file, store throws(ParseError) in
    store[.presentFiles][file.relativePath] = source.spanOfLine(1)
  }

  static let renderBlueprintCopy = InputKind(
    kind: .renderBlueprintCopy,
    matches: { name in
      name.lower != "render.yaml"
        && (name.lower == "render.yml"
          || ((name.lower.hasPrefix("render-") || name.lower.hasPrefix("render.")
            || name.lower.hasPrefix("render_"))
            && name.hasSuffix(oneOf: [".yaml", ".yml"])))
    }
  ) {
    source, file, store throws(ParseError) in
    store[.presentFiles][file.relativePath] = source.spanOfLine(1)
  }
}
