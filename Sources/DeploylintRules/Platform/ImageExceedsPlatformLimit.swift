import DeploylintCore

/// Flags images larger than the platform plan accepts: the deploy fails at
/// the push or pull, after the whole build has run.
public struct ImageExceedsPlatformLimit: Rule {
  public static let description = RuleDescription(
    id: "image-exceeds-platform-limit",
    category: .platform,
    severity: .error,
    summary: "The image is larger than the platform plan's image size limit",
    rationale: """
      Some plans cap the size of the image they will run: Railway allows 4 GB on Free and Trial \
      and 100 GB on Hobby (Pro and Enterprise are unlimited). A PyTorch image with CUDA wheels is \
      5 to 10 GB uncompressed, so it fails on the free plans however little memory it needs. \
      The size counted is the sum of the layers, uncompressed, as `docker images` shows it. \
      Limits: \(ImageLimits.all.map { "\($0.platform.displayName) \($0.plan) \(Bytes.format($0.bytes, .decimal))" }.joined(separator: ", ")). \
      \(ImageExampleNote.text)
      """,
    references: [Reference("Railway: plans and image size limits", "https://docs.railway.com/pricing/plans")],
    fix: """
      Make the image smaller — CPU wheels instead of CUDA ones (`cuda-wheels-on-cpu-platform`), \
      weights downloaded at start-up or mounted from a volume rather than baked in, a slim base, \
      no build toolchain — or move to a plan with a larger limit.
      """,
    examples: [
      .triggering(
        "a 5.2 GB CUDA torch image on Railway's free plan",
        [
          ExampleFile(
            "tts.image.json",
            """
            ↓{"files": {"usr/local/lib/python3.12/site-packages/nvidia/cudnn/lib/libcudnn.so.9": 5200000000},
             "deploy": {"platform": "railway", "plan": "free"}}

            """)
        ]),
      .nonTriggering(
        "the same image on Hobby (100 GB)",
        [
          ExampleFile(
            "tts.image.json",
            """
            {"files": {"usr/local/lib/python3.12/site-packages/nvidia/cudnn/lib/libcudnn.so.9": 5200000000},
             "deploy": {"platform": "railway", "plan": "hobby"}}

            """)
        ]),
    ])

  public init(options: RuleOptions) {}

  public func check(_ project: Project) -> [Finding] {
    project.services.compactMap { service in
      guard let image = service.image, let platform = service.platform, let plan = service.plan,
        let limit = ImageLimits.limit(platform, plan: plan.value), image.totalSize > limit.bytes
      else { return nil }
      let biggest = image.layers.indices.max { image.layers[$0].size < image.layers[$1].size }
      var related = [RelatedLocation(plan.span, "plan `\(plan.value)`")]
      if let b = biggest, image.layers[b].span != image.configSpan {
        related.append(
          RelatedLocation(
            image.layers[b].span, "largest layer: \(Bytes.format(image.layers[b].size, .decimal))"))
      }
      return finding(
        "The image is \(Bytes.format(image.totalSize, .decimal)) uncompressed; \(platform.displayName)'s `\(plan.value)` plan "
          + "accepts images up to \(Bytes.format(limit.bytes, .decimal)) (\(limit.source)).",
        at: image.configSpan,
        help: [
          "make the image smaller (CPU wheels, no baked-in weights, slim base) or move to a plan without this limit"
        ],
        related: related, service: service.name)
    }
  }
}
