import DeploylintCore

extension CUDAWheelsOnCPUPlatform {
  /// The examples of `CUDAWheelsOnCPUPlatform.description`: they run as tests and are shown on its page.
  static let examples: [RuleExample] =
    [
      .triggering(
        "torch from PyPI on Railway",
        [
          ExampleFile("railway.json", "{\"build\": {\"builder\": \"DOCKERFILE\"}}\n"),
          ExampleFile(
            "Dockerfile",
            """
            FROM python:3.12-slim
            ENV OMP_NUM_THREADS=1
            RUN pip install ↓torch

            """),
        ]),
      .nonTriggering(
        "torch from the CPU index",
        [
          ExampleFile("railway.json", "{\"build\": {\"builder\": \"DOCKERFILE\"}}\n"),
          ExampleFile(
            "Dockerfile",
            """
            FROM python:3.12-slim
            ENV OMP_NUM_THREADS=1
            RUN pip install --index-url https://download.pytorch.org/whl/cpu torch

            """),
        ]),
      .nonTriggering(
        "CPU index named in requirements.txt",
        [
          ExampleFile(
            "render.yaml",
            """
            services:
              - type: worker
                name: embed
                runtime: python
                plan: standard
                buildCommand: pip install -r requirements.txt
                startCommand: python worker.py

            """),
          ExampleFile(
            "requirements.txt", "--extra-index-url https://download.pytorch.org/whl/cpu\ntorch==2.5.1+cpu\n"),
        ]),
    ] + imageExamples

  /// Examples on scanned images (described by `*.image.json`, see ImageExampleNote).
  static let imageExamples: [RuleExample] = [
    .triggering(
      "a torch image with cuDNN and cuBLAS deployed on Railway",
      [
        ExampleFile(
          "tts.image.json",
          """
          ↓{"RepoTags": ["tts:latest"],
           "config": {"Env": ["OMP_NUM_THREADS=1"]},
           "files": {
             "usr/local/lib/python3.12/site-packages/torch-2.5.1.dist-info/METADATA": 9000,
             "usr/local/lib/python3.12/site-packages/nvidia/cudnn/lib/libcudnn.so.9": 1100000000,
             "usr/local/lib/python3.12/site-packages/nvidia/cublas/lib/libcublas.so.12": 700000000},
           "deploy": {"platform": "railway", "plan": "hobby"}}

          """)
      ]),
    .nonTriggering(
      "the CPU wheel: no nvidia libraries",
      [
        ExampleFile(
          "tts.image.json",
          """
          {"RepoTags": ["tts:latest"],
           "files": {"usr/local/lib/python3.12/site-packages/torch-2.5.1+cpu.dist-info/METADATA": 9000},
           "deploy": {"platform": "railway", "plan": "hobby"}}

          """)
      ]),
    .nonTriggering(
      "an image not linked to any platform (it may run on a GPU host)",
      [
        ExampleFile(
          "tts.image.json",
          """
          {"files": {"usr/local/lib/python3.12/site-packages/nvidia/cudnn/lib/libcudnn.so.9": 1100000000}}

          """)
      ]),
  ]
}
