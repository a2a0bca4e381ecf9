/// The largest image a platform plan accepts, where the platform publishes one
/// (`../shared/research/platforms.md` §2.1). Kept beside `PlanCatalog`, not in
/// it, so the plan table stays one shape.
public struct ImageSizeLimit: Hashable, Sendable {
  public var platform: Platform
  public var plan: String
  public var bytes: Int64
  public var source: String
  public var checked: String
}

public enum ImageLimits {
  static let railwayPlans = "https://docs.railway.com/pricing/plans"

  /// Railway: 4 GB on Free and Trial, 100 GB on Hobby; Pro and Enterprise are unlimited.
  public static let all: [ImageSizeLimit] = [
    ImageSizeLimit(
      platform: .railway, plan: "free", bytes: 4 * Bytes.GB, source: railwayPlans, checked: "2026-08-07"),
    ImageSizeLimit(
      platform: .railway, plan: "trial", bytes: 4 * Bytes.GB, source: railwayPlans, checked: "2026-08-07"),
    ImageSizeLimit(
      platform: .railway, plan: "hobby", bytes: 100 * Bytes.GB, source: railwayPlans, checked: "2026-08-07"),
  ]

  /// The image size limit of `plan` on `platform`, if the platform publishes one.
  public static func limit(_ platform: Platform, plan: String) -> ImageSizeLimit? {
    let key = plan.lowercased().trimmingWhitespace()
    return all.first { $0.platform == platform && $0.plan == key }
  }
}
