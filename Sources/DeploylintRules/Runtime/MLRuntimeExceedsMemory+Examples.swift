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
  ]
}
