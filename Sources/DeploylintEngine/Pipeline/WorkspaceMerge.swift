import DeploylintCore
import DeploylintParsers

extension Workspace {
  /// Adds what another workspace (of other files) parsed. The typed store
  /// merges table by table, so no field is listed here: a new input kind
  /// needs no merge code.
  mutating func absorb(_ other: Workspace) {
    sources.merge(other.sources) { a, _ in a }
    files.merge(other.files) { a, _ in a }
    inputs.absorb(other.inputs)
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
