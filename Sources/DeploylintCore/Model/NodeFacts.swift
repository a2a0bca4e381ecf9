/// What the service's Node.js side does, when it has one.
public struct NodeFacts: Sendable, Hashable {
  /// Heap flags reached by the real start command or set in its environment.
  public var runtimeHeap: [HeapFlag] = []
  /// Heap flags that apply while building.
  public var buildHeap: [HeapFlag] = []
  /// Heavy build steps (`next build`, `nuxt build`, webpack, vite…).
  public var heavyBuilds: [BuildStep] = []
  /// Heavy builds the start command itself runs (`npm run build && npm start`):
  /// they run on the instance, bounded by the runtime budget.
  public var startBuilds: [BuildStep] = []
  public var pm2Apps: [PM2AppFacts] = []
  public init() {}
}

/// A Node.js `--max-old-space-size` flag that applies to the service.
public struct HeapFlag: Sendable, Hashable {
  public var mebibytes: Int
  public var span: Span
  /// "NODE_OPTIONS (render.yaml)", "package.json script `start`", "pm2 node_args".
  public var source: String
  public init(mebibytes: Int, span: Span, source: String) {
    self.mebibytes = mebibytes
    self.span = span
    self.source = source
  }

  /// The old-space cap in bytes.
  public var bytes: Int64 { Saturating.product(mebibytes, Bytes.MiB) }
}

/// One pm2 app of an ecosystem file the service starts.
public struct PM2AppFacts: Sendable, Hashable {
  public var name: String
  public var span: Span
  /// Resolved process count (`max` → the plan's CPUs when known), nil if unknown.
  public var instances: Int?
  /// `instances` (or `-i`) as written, when set.
  public var instancesSetting: Located<String>?
  public var isCluster: Bool
  public var heap: HeapFlag?
  /// `max_memory_restart` as written (`"1G"`), with its bytes (nil when unreadable).
  public var maxMemoryRestart: Located<Int64?>?
  /// The ecosystem file (or package.json script) that declares the app.
  public var file: String? = nil
  /// The app's `script` when it is a wrapper (`npm`, `yarn`, `pnpm`, `npx`, a
  /// shell script) that starts the server as a child process: pm2's node
  /// flags and `max_memory_restart` then act on the wrapper, not the server.
  public var wrapper: Located<String>? = nil
  /// A heap flag of `node_args`/`interpreter_args` (or `--node-args`) given to
  /// a wrapper: it is not the server's (`heap` stays nil unless the app's
  /// `env` sets `NODE_OPTIONS`, which the child inherits).
  public var wrapperHeap: HeapFlag? = nil
  /// What the wrapper runs, when known: the package.json script's command
  /// (`next start`) and where it is written.
  public var wrapperRuns: Located<String>? = nil
  public init(
    name: String, span: Span, instances: Int? = nil, instancesSetting: Located<String>? = nil,
    isCluster: Bool = false, heap: HeapFlag? = nil, maxMemoryRestart: Located<Int64?>? = nil
  ) {
    self.name = name
    self.span = span
    self.instances = instances
    self.instancesSetting = instancesSetting
    self.isCluster = isCluster
    self.heap = heap
    self.maxMemoryRestart = maxMemoryRestart
  }
}
