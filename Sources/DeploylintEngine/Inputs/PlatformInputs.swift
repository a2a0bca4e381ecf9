import DeploylintCore
import DeploylintParsers

extension FileKind {
  public static let renderBlueprint = FileKind("renderBlueprint")
  public static let railwayJSON = FileKind("railwayJSON")
  public static let railwayTOML = FileKind("railwayTOML")
  public static let flyTOML = FileKind("flyTOML")
  public static let herokuAppJSON = FileKind("herokuAppJSON")
  public static let procfile = FileKind("procfile")
}

extension StoreKey {
  static var renderBlueprints: StoreKey<RenderBlueprint> { .init("renderBlueprints") }
  /// `railway.json` and `railway.toml` alike.
  static var railwayConfigs: StoreKey<RailwayConfig> { .init("railwayConfigs") }
  static var flyConfigs: StoreKey<FlyConfig> { .init("flyConfigs") }
  static var herokuApps: StoreKey<HerokuAppJSON> { .init("herokuApps") }
  static var procfiles: StoreKey<[ProcfileEntry]> { .init("procfiles") }
}

extension InputKind {
  static let renderBlueprint = InputKind(
    kind: .renderBlueprint, matches: named(["render.yaml"])
  ) {
    source, file, store throws(ParseError) in
    store[.renderBlueprints][file.relativePath] = try RenderBlueprint.parse(YAMLReader.read(source))
  }

  static let railwayJSON = InputKind(
    kind: .railwayJSON, matches: named(["railway.json"]), hashComments: false
  ) {
    source, file, store throws(ParseError) in
    store[.railwayConfigs][file.relativePath] = try RailwayConfig.parse(JSONReader.read(source))
  }

  static let railwayTOML = InputKind(kind: .railwayTOML, matches: named(["railway.toml"])) {
    source, file, store throws(ParseError) in
    store[.railwayConfigs][file.relativePath] = try RailwayConfig.parse(TOMLReader.read(source))
  }

  static let flyTOML = InputKind(kind: .flyTOML, matches: named(["fly.toml"])) {
    source, file, store throws(ParseError) in
    store[.flyConfigs][file.relativePath] = try FlyConfig.parse(TOMLReader.read(source))
  }

  /// `app.json` is also Expo's and others' name: only a document with Heroku
  /// keys is a Heroku app manifest, and only then can it be wrong.
  static let herokuAppJSON = InputKind(
    kind: .herokuAppJSON, matches: named(["app.json"]), hashComments: false
  ) {
    source, file, store throws(ParseError) in
    guard let document = try? JSONReader.read(source),
      ["formation", "stack", "buildpacks", "addons", "scripts", "environments", "cron", "healthchecks"]
        .contains(where: {
          document.value($0, in: document.root) != nil
        })
    else { return }
    store[.herokuApps][file.relativePath] = try HerokuAppJSON.parse(document)
  }

  static let procfile = InputKind(kind: .procfile, matches: named(["procfile"])) {
    source, file, store throws(ParseError) in
    store[.procfiles][file.relativePath] = ProcfileParser.read(source)
  }
}
