import DeploylintCore

/// Flags images whose model weight files alone fill the memory the service
/// gets: weights are loaded into RAM (or mapped and touched) before the first
/// request, so the process dies at start-up on a plan smaller than them.
public struct ModelWeightsExceedMemory: Rule {
  public static let description = RuleDescription(
    id: "model-weights-exceed-memory",
    category: .runtime,
    severity: .error,
    summary: "The model weight files in the image are as large as the service's memory, or close to it",
    rationale: """
      Loading a model reads its weights into memory: `torch.load` and `from_pretrained` copy \
      them into tensors, and even memory-mapped `safetensors` or GGUF files count against the \
      container's memory once their pages are touched (the kernel charges page cache to the cgroup). \
      On top come the runtime itself (PyTorch alone is a few hundred MB), the activations and \
      the server. Weights at or above the plan's memory cannot work (error); above 75 % of it \
      leave too little for the rest (warning). Counted: `.safetensors`, `.pt`, `.pth`, `.onnx`, \
      `.gguf`, `.ckpt` and `.bin` files under model folders, in the final image after whiteouts. \
      \(ImageExampleNote.text)
      """,
    references: [
      Reference(
        "Linux cgroup v2: page cache is charged to the cgroup",
        "https://docs.kernel.org/admin-guide/cgroup-v2.html#memory"),
      Reference("safetensors: zero-copy loading (mmap)", "https://huggingface.co/docs/safetensors/index"),
      Reference("torch.load (mmap argument)", "https://pytorch.org/docs/stable/generated/torch.load.html"),
    ],
    fix: """
      Pick a plan with memory for the weights plus the runtime (weights × 1.5 is a floor), or ship \
      smaller weights: a quantised model (int8, GGUF Q4), a distilled variant, or fewer models per \
      service. Loading with `mmap=True` / `safetensors` avoids a second copy during loading but \
      not the resident pages.
      """,
    examples: [
      .triggering(
        "700 MB of weights on Railway's free plan (0.5 GB)",
        [
          ExampleFile(
            "tts.image.json",
            """
            ↓{"RepoTags": ["tts:latest"],
             "files": {"app/models/kokoro-v1.pth": 330000000, "app/models/voices.bin": 370000000},
             "deploy": {"platform": "railway", "plan": "free"}}

            """)
        ]),
      .triggering(
        "weights at 80 % of a 2 GB Render plan (warning)",
        [
          ExampleFile(
            "embed.image.json",
            """
            ↓{"files": {"srv/model.safetensors": 1600000000},
             "deploy": {"platform": "render", "plan": "standard"}}

            """)
        ]),
      .nonTriggering(
        "the same weights on an 8 GB plan",
        [
          ExampleFile(
            "tts.image.json",
            """
            {"files": {"app/models/kokoro-v1.pth": 330000000},
             "deploy": {"platform": "railway", "plan": "hobby"}}

            """)
        ]),
    ])

  public init(options: RuleOptions) {}

  public func check(_ project: Project) -> [Finding] {
    project.services.compactMap(check)
  }

  func check(_ service: Service) -> Finding? {
    guard let image = service.image, let budget = service.runtimeBudget, budget.bytes > 0,
      let largest = image.modelWeights.first
    else { return nil }
    let weights = image.modelWeightsBytes
    let severity: Severity
    if weights >= budget.bytes {
      severity = .error
    } else if Saturating.product(weights, 4) >= Saturating.product(budget.bytes, 3) {
      severity = .warning
    } else {
      return nil
    }
    let percent = Saturating.percent(weights, of: budget.bytes)
    let files = image.modelWeights.prefix(3).map { "\($0.path) \(Bytes.format($0.bytes, .decimal))" }
    let more = image.modelWeights.count > 3 ? ", … (\(image.modelWeights.count) files)" : ""
    let message =
      "The image holds \(Bytes.format(weights, .decimal)) of model weights (\(files.joined(separator: ", "))\(more)): "
      + "\(percent) % of the \(Bytes.format(budget.bytes, .decimal)) the service gets (\(budget.source)), "
      + "before the runtime and the server are counted."
    let related = budget.related
    let suggestion = ServiceEstimates.smallestPlan(
      service.platform, fitting: Saturating.product(weights, 3) / 2)
    var help = ["ship smaller weights (quantised, distilled) or give the service more memory"]
    if let suggestion, let memory = suggestion.memory {
      help.append(
        "the smallest \(suggestion.platform.displayName) plan with weights × 1.5 of memory: \(suggestion.id) (\(Bytes.format(memory, .decimal)))"
      )
    }
    return finding(
      message, at: image.span(ofLayer: largest.layer), help: help, related: related, service: service.name,
      severity: severity)
  }
}
