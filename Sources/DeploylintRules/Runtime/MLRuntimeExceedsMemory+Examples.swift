import DeploylintCore

extension MLRuntimeExceedsMemory {
  /// The examples of `MLRuntimeExceedsMemory.description`: they run as tests and are shown on its page.
  static let examples: [RuleExample] = [
    .triggering(
      "kokoro (PyTorch) on Render's free plan",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: web
              name: tts
              runtime: python
              plan: ↓free
              buildCommand: pip install -r requirements.txt
              startCommand: python server.py

          """),
        ExampleFile("requirements.txt", "kokoro>=0.9\n"),
      ]),
    .triggering(
      "a compose service whose build target installs PyTorch through a build argument",
      [
        ExampleFile(
          "compose.yaml",
          """
          services:
            api:
              build:
                context: .
                target: api
                args:
                  ML_PKG: torch
              mem_limit: ↓512m

          """),
        ExampleFile(
          "Dockerfile",
          """
          FROM python:3.12-slim AS api
          ARG ML_PKG=onnxruntime
          RUN pip install ${ML_PKG} fastapi
          FROM api AS dev
          RUN pip install pytest

          """),
      ]),
    .nonTriggering(
      "the same service on a 2 GB plan",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: web
              name: tts
              runtime: python
              plan: standard
              buildCommand: pip install -r requirements.txt
              startCommand: python server.py

          """),
        ExampleFile("requirements.txt", "kokoro>=0.9\n"),
      ]),
    .nonTriggering(
      "a plain Flask app on the free plan",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: web
              name: api
              runtime: python
              plan: free
              buildCommand: pip install -r requirements.txt
              startCommand: gunicorn app:app

          """),
        ExampleFile("requirements.txt", "flask\ngunicorn\n"),
      ]),
    .nonTriggering(
      "PyTorch only in an export stage whose ONNX file is copied into the image Render runs",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: web
              name: captions
              runtime: docker
              plan: free

          """),
        ExampleFile(
          "Dockerfile",
          """
          FROM python:3.12 AS exporter
          RUN pip install torch onnx
          RUN python -c "import torch" > /model.onnx
          FROM python:3.12-slim
          RUN pip install onnxruntime
          COPY --from=exporter /model.onnx /app/model.onnx

          """),
      ]),
  ]
}
