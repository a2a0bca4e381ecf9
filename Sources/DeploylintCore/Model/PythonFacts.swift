/// What the service installs into its Python environment.
public struct PythonFacts: Sendable {
  /// Packages installed in the shipped image or listed in its build's manifests.
  public var packages: [PackageRef] = []
  /// Package indexes the build installs from (`--index-url`), for the CUDA-wheel check.
  public var indexURLs: [String] = []
  public init() {}

  /// The package that makes the service a PyTorch/TensorFlow runtime (torch first).
  public var mlRuntimePackage: PackageRef? {
    packages.first { MLPackages.torch.contains($0.name) }
      ?? packages.first(where: MLPackages.pullsTorch)
      ?? packages.first { MLPackages.tensorflow.contains($0.name) }
  }
}

/// A Python package a service installs, and where that is stated.
public struct PackageRef: Hashable, Sendable {
  /// Normalised name (lower case, `_` and `.` as `-`).
  public var name: String
  public var span: Span
  /// "requirements.txt", "Dockerfile RUN", "pyproject.toml".
  public var source: String
  /// Extras requested (`transformers[torch]` → `["torch"]`), lower-cased.
  public var extras: [String]
  /// True when the package is named on a Dockerfile `RUN` line (as opposed to
  /// listed in a manifest that some install reads).
  public var direct: Bool
  /// The `RUN` instruction that installs it, when known.
  public var installSpan: Span?
  /// When it is installed in another stage than the one that ships: the
  /// `COPY --from=<stage>` line that copies its environment into the image.
  public var copySpan: Span? = nil
  public init(
    name: String, span: Span, source: String, extras: [String] = [], direct: Bool = false,
    installSpan: Span? = nil
  ) {
    self.name = PackageRef.normalize(name)
    self.span = span
    self.source = source
    self.extras = extras.map { $0.lowercased() }
    self.direct = direct
    self.installSpan = installSpan
  }

  public static func normalize(_ name: String) -> String {
    String(name.lowercased().map { $0 == "_" || $0 == "." ? "-" : $0 })
  }

  /// Human form: "`kokoro` at requirements.txt:2", and the `COPY` that
  /// ships it when it is installed in another stage.
  public var described: String {
    "`\(name)` at \(source)" + (copySpan.map { ", copied into the image at \($0)" } ?? "")
  }
}

/// Which Python packages bring a heavy ML runtime.
public enum MLPackages {
  /// The packages that are PyTorch itself (pip and conda names).
  public static let torch: Set<String> = ["torch", "torchvision", "torchaudio", "pytorch"]
  /// Packages whose install pulls PyTorch in as a dependency.
  public static let torchPullers: Set<String> = [
    "kokoro", "sentence-transformers", "openai-whisper", "ultralytics", "timm", "accelerate",
    "peft", "pytorch-lightning", "lightning", "torchmetrics", "easyocr", "whisperx", "pyannote-audio",
    "stable-baselines3", "fastai", "torch-geometric", "torchtext", "coqui-tts", "tts", "silero-vad",
    "faster-whisper-torch", "transformers-torch", "open-clip-torch", "lavis", "detectron2",
    "bitsandbytes", "xformers", "spacy-transformers", "flair", "gliner", "chatterbox-tts",
  ]
  /// Packages that pull torch only with an extra (`transformers[torch]`).
  public static let torchExtras: Set<String> = ["transformers", "diffusers"]
  /// TensorFlow distributions: like torch, they load a large native runtime.
  public static let tensorflow: Set<String> = ["tensorflow", "tensorflow-cpu", "tf-nightly", "keras-nightly"]

  /// Whether installing `package` installs PyTorch.
  @Sendable public static func pullsTorch(_ package: PackageRef) -> Bool {
    torch.contains(package.name) || torchPullers.contains(package.name)
      || (torchExtras.contains(package.name) && package.extras.contains("torch"))
  }

  /// "PyTorch" or "TensorFlow" for a package `mlRuntimePackage` returned.
  public static func runtimeName(_ package: PackageRef) -> String {
    tensorflow.contains(package.name) ? "TensorFlow" : "PyTorch"
  }
}
