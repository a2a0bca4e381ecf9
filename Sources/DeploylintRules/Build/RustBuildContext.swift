import DeploylintCore

/// What the two Rust build rules share: the cargo step that compiles the
/// service's own graph, how many jobs it runs, the memory it gets and the
/// estimated peak — so both rules print the same arithmetic.
struct RustBuildContext {
  var rust: RustFacts
  var step: CargoBuildStep
  var jobs: Int
  /// Why that many jobs: "`-j 2` at Dockerfile:7", "cargo's default: the builder's 2 CPUs".
  var jobsReason: String
  /// The memory the build gets, when known: a declared amount, else the builder's size.
  var budget: MemoryBudget?
  var estimate: MemoryEstimate

  /// The heaviest cargo step of the service that compiles its own Cargo.lock
  /// graph; nil when the service compiles no Rust during its build.
  init?(_ service: Service) {
    guard let rust = service.rust else { return nil }
    let steps = rust.buildSteps.filter(\.buildsProject)
    guard !steps.isEmpty else { return nil }
    self.rust = rust
    budget = service.buildBudget ?? service.buildLocation?.budget
    let builderCPUs = service.buildBudget?.cpus ?? service.buildLocation?.budget?.cpus
    let heavy = rust.heavyCrates.map(\.name)
    let profile = RustBuildEstimator.Profile(debugInfo: rust.profile.debugInfo, lto: rust.profile.lto)

    var best: (CargoBuildStep, Int, String, MemoryEstimate)?
    for step in steps {
      let jobs: Int
      let reason: String
      if let j = step.jobs {
        jobs = j
        reason = "set at \(step.jobsSpan ?? step.span)"
      } else if let cpus = builderCPUs {
        jobs = max(1, Int(cpus))
        reason = "cargo's default, one per CPU of the builder (\(Self.cpuText(cpus)))"
      } else {
        jobs = 2
        reason = "assumed: cargo runs one job per CPU and the builder's CPU count is unknown"
      }
      let estimate = RustBuildEstimator.estimate(
        packageCount: rust.packageCount, jobs: jobs, heavyCrates: heavy, profile: profile)
      if best == nil || estimate.bytes > best!.3.bytes { best = (step, jobs, reason, estimate) }
    }
    (step, jobs, jobsReason, estimate) = best!
  }

  /// "1,712".
  static func grouped(_ n: Int) -> String {
    let digits = Array(String(n))
    var out = ""
    for (i, d) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(d)
    }
    return out
  }

  /// A size in the units it was most likely declared in: binary amounts
  /// (`2g` in compose) as GiB/MiB, the platforms' decimal plans as GB/MB.
  static func sizeText(_ bytes: Int64) -> String {
    bytes % Bytes.MiB == 0 ? BinaryBytes.format(bytes) : Bytes.format(bytes)
  }

  static func cpuText(_ cpus: Double) -> String {
    let text = cpus == cpus.rounded() ? String(Int(cpus)) : String(cpus)
    return cpus == 1 ? "1 CPU" : "\(text) CPUs"
  }

  /// "no crate of deploylint's heavy list" or "heavy crates: `a` (why), `b` (why)".
  var heavyText: String {
    guard !rust.heavyCrates.isEmpty else { return "none of them on deploylint's list of heavy crates" }
    return "heavy crates: "
      + rust.heavyCrates.prefix(4).map { "`\($0.name)` (\($0.reason))" }.joined(separator: "; ")
      + (rust.heavyCrates.count > 4 ? " and \(rust.heavyCrates.count - 4) more" : "")
  }

  /// The lock and profile lines the estimate rests on.
  var related: [RelatedLocation] {
    var related = [
      RelatedLocation(rust.lockSpan, "\(Self.grouped(rust.packageCount)) packages in \(rust.lockPath)")
    ]
    for crate in rust.heavyCrates.prefix(4) { related.append(RelatedLocation(crate.span, crate.reason)) }
    if let span = rust.profile.ltoSpan, let lto = rust.profile.lto {
      related.append(RelatedLocation(span, "\(lto) LTO raises the final link's memory"))
    }
    if let span = rust.profile.debugSpan, rust.profile.debugInfo {
      related.append(RelatedLocation(span, "full debug info roughly doubles the final link's memory"))
    }
    return related
  }
}
