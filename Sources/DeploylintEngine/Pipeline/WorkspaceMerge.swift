import DeploylintCore
import DeploylintParsers

extension Workspace {
  /// Adds what another workspace (of other files) parsed. Every stored
  /// property must appear here: `WorkspaceMergeTests` compares a parallel
  /// parse with a serial one property by property and fails on a forgotten one.
  mutating func absorb(_ other: Workspace) {
    sources.merge(other.sources) { a, _ in a }
    files.merge(other.files) { a, _ in a }
    recipes.merge(other.recipes) { a, _ in a }
    pythonManifests.merge(other.pythonManifests) { a, _ in a }
    pythonIndexURLs.merge(other.pythonIndexURLs) { a, _ in a }
    renderBlueprints.merge(other.renderBlueprints) { a, _ in a }
    railwayConfigs.merge(other.railwayConfigs) { a, _ in a }
    flyConfigs.merge(other.flyConfigs) { a, _ in a }
    herokuApps.merge(other.herokuApps) { a, _ in a }
    procfiles.merge(other.procfiles) { a, _ in a }
    packageJSONs.merge(other.packageJSONs) { a, _ in a }
    pm2Ecosystems.merge(other.pm2Ecosystems) { a, _ in a }
    composeFiles.merge(other.composeFiles) { a, _ in a }
    cargoLocks.merge(other.cargoLocks) { a, _ in a }
    cargoManifests.merge(other.cargoManifests) { a, _ in a }
    dotenvs.merge(other.dotenvs) { a, _ in a }
    // Only the root's `.deploylint.yml` sets the configuration.
    if other.files.values.contains(where: { $0.kind == .deploylintConfig && !$0.relativePath.contains("/") })
    {
      config = other.config
    }
    configErrors += other.configErrors
    diagnostics += other.diagnostics
  }
}

/// One slot per index, written by concurrent workers (each index by exactly
/// one worker) and read after they have all finished.
final class ParallelSlots<Value>: @unchecked Sendable {
  // A fixed buffer, not an array: concurrent writes to distinct elements of
  // an array would race on its copy-on-write check.
  private let storage: UnsafeMutableBufferPointer<Value?>
  init(count: Int) {
    storage = .allocate(capacity: count)
    storage.initialize(repeating: nil)
  }
  deinit {
    storage.deinitialize()
    storage.deallocate()
  }
  func set(_ index: Int, _ value: Value) { storage[index] = value }
  func values() -> [Value] { storage.compactMap { $0 } }
}
