/// Estimates the peak memory of `cargo build` (platforms.md §8.1).
///
/// No public formula ties crate count to peak memory: the peak is set by the
/// biggest crate being compiled, times the jobs running beside it, or by the
/// final link, whichever is larger. The constants below are the figures the
/// research found; every finding prints them so they can be argued with.
public enum RustBuildEstimator {
  /// One rustc process on an ordinary crate. A small service built with `-j1`
  /// peaked at ~583 MB RSS (system-mqtt#13); crater budgets ~500 MB per job
  /// (rust-lang/crater#490).
  public static let perJob: Int64 = 512 * Bytes.MiB
  /// The final link: a base plus a share per package in the graph. Crater saw
  /// ~500 MB per example link on small graphs and ~10 crates linking above
  /// 1.5 GB (crater#599); a 462 MiB VM failed at the final link
  /// (portal-tunnel-rs#56); 1,700-package servers link in about 2 GB.
  public static let linkBase: Int64 = 256 * Bytes.MiB
  public static let linkPerPackage: Int64 = 1 * Bytes.MiB
  /// Full debug info roughly doubles link memory (cachekit-rs: `-j24` OOM at link
  /// with debuginfo in 6 GiB); fat LTO adds ~40% (fedimint: 7 GB vs 5 GB).
  public static let debugFactor = 2.0
  public static let fatLTOFactor = 1.4
  public static let thinLTOFactor = 1.15

  public static let sources = [
    "https://github.com/rust-lang/crater/pull/599", "https://github.com/rust-lang/crater/issues/490",
    "https://github.com/rust-lang/cargo/issues/9735", "https://github.com/fedimint/fedimint/pull/7134",
  ]

  /// Crates known for multi-GB rustc peaks, with the peak used for them.
  public static let heavyCratePeaks: [String: Int64] = [
    "aws-sdk-ec2": 8 * Bytes.GiB,  // cargo#15738: > 8 GB
    "rustc_middle": 6 * Bytes.GiB,  // cargo#8405: 5–6 GB
  ]
  /// Default for other crates on the heavy list (large generated or C++ builds).
  public static let heavyCratePeak: Int64 = 2 * Bytes.GiB

  public struct Profile: Sendable, Hashable {
    public var debugInfo: Bool
    public var lto: String?  // "fat", "thin", nil/"off"
    public init(debugInfo: Bool = false, lto: String? = nil) {
      self.debugInfo = debugInfo
      self.lto = lto
    }
  }

  public static func estimate(
    packageCount: Int, jobs: Int, heavyCrates: [String] = [], profile: Profile = Profile()
  )
    -> MemoryEstimate
  {
    let jobs = max(1, jobs)
    let heaviest = heavyCrates.map { heavyCratePeaks[$0] ?? heavyCratePeak }.max() ?? 0
    let compile: Int64
    var compileText: String
    if heaviest > perJob {
      compile = Saturating.sum(heaviest, Saturating.product(jobs - 1, perJob))
      let name = heavyCrates.max {
        (heavyCratePeaks[$0] ?? heavyCratePeak) < (heavyCratePeaks[$1] ?? heavyCratePeak)
      }!
      compileText = "`\(name)` ≈ \(Bytes.format(heaviest, .binary))"
      if jobs > 1 { compileText += " + \(jobs - 1) × \(Bytes.format(perJob, .binary))" }
    } else {
      compile = Saturating.product(jobs, perJob)
      compileText = "\(jobs) job\(jobs == 1 ? "" : "s") × \(Bytes.format(perJob, .binary))"
    }
    compileText += " = \(Bytes.format(compile, .binary)) while compiling"

    var link = Double(Saturating.sum(linkBase, Saturating.product(packageCount, linkPerPackage)))
    var linkText =
      "\(Bytes.format(linkBase, .binary)) + \(packageCount) packages × \(Bytes.format(linkPerPackage, .binary))"
    if profile.debugInfo {
      link *= debugFactor
      linkText = "(\(linkText)) × \(debugFactor) for debug info"
    }
    switch profile.lto?.lowercased() {
    case "fat", "true":
      link *= fatLTOFactor
      linkText = "(\(linkText)) × \(fatLTOFactor) for fat LTO"
    case "thin":
      link *= thinLTOFactor
      linkText = "(\(linkText)) × \(thinLTOFactor) for thin LTO"
    default: break
    }
    let linkBytes = Saturating.int64(link)
    linkText += " = \(Bytes.format(linkBytes, .binary)) at the final link"
    let peak = max(compile, linkBytes)
    return MemoryEstimate(
      bytes: peak, arithmetic: "peak ≈ max(\(compileText); \(linkText)) = \(Bytes.format(peak, .binary))",
      sources: sources)
  }
}

/// The Rust build of a service as both Rust rules and the budget see it: the
/// heaviest cargo step that compiles the service's own Cargo.lock graph, the
/// jobs it runs, the memory where it runs and the estimated peak.
public struct RustBuildEstimate: Sendable {
  public var rust: RustFacts
  public var step: CargoBuildStep
  public var jobs: Int
  /// Why that many jobs: "set at Dockerfile:7:20", "cargo's default, one per CPU of the builder (2 CPUs)".
  public var jobsReason: String
  /// The memory the build gets, when known: a declared amount, else the builder's size.
  public var budget: MemoryBudget?
  public var estimate: MemoryEstimate

  /// nil when the service compiles no Rust of its own during its build.
  public init?(_ service: Service) {
    guard let rust = service.rust else { return nil }
    let steps = rust.buildSteps.filter(\.buildsProject)
    guard !steps.isEmpty else { return nil }
    self.rust = rust
    budget = service.build.budget
    let builderCPUs = service.build.declaredBudget?.cpus ?? service.build.location?.budget?.cpus
    let heavy = rust.heavyCrates.map(\.name)
    let profile = RustBuildEstimator.Profile(debugInfo: rust.profile.debugInfo, lto: rust.profile.lto?.value)

    var best: (CargoBuildStep, Int, String, MemoryEstimate)?
    for step in steps {
      let jobs: Int
      let reason: String
      if let j = step.jobs {
        jobs = j.value
        reason = "set at \(j.span)"
      } else if let cpus = builderCPUs {
        jobs = max(1, Saturating.int(cpus))
        reason = "cargo's default, one per CPU of the builder (\(CPUCount.format(cpus)))"
      } else {
        jobs = 2
        reason = "assumed: cargo runs one job per CPU and the builder's CPU count is unknown"
      }
      let estimate = RustBuildEstimator.estimate(
        packageCount: rust.packageCount, jobs: jobs, heavyCrates: heavy, profile: profile)
      if best.map({ estimate.bytes > $0.3.bytes }) ?? true { best = (step, jobs, reason, estimate) }
    }
    guard let best else { return nil }
    (step, jobs, jobsReason, estimate) = best
  }
}
