import DeploylintCore
import DeploylintParsers

extension FileKind {
  public static let cargoLock = FileKind("cargoLock")
  public static let cargoManifest = FileKind("cargoManifest")
}

extension StoreKey {
  static var cargoLocks: StoreKey<CargoLockFacts> { .init("cargoLocks") }
  static var cargoManifests: StoreKey<CargoManifestFacts> { .init("cargoManifests") }
}

extension InputKind {
  static let cargoLock = InputKind(kind: .cargoLock, matches: named(["cargo.lock"])) {
    source, file, store throws(ParseError) in
    store[.cargoLocks][file.relativePath] = try CargoLock.read(source)
  }

  static let cargoManifest = InputKind(kind: .cargoManifest, matches: named(["cargo.toml"])) {
    source, file, store throws(ParseError) in
    store[.cargoManifests][file.relativePath] = try CargoManifest.read(source)
  }
}
