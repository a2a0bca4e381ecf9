import DeploylintCore

/// The fix the Rust build rules propose when a platform compiles at every
/// deploy: build the image once in CI and deploy it prebuilt.
enum CIImageWorkflow {
  /// A minimal GitHub Actions workflow that builds the Dockerfile and pushes it to GHCR.
  static func text(_ service: Service, _ platform: Platform, image: String, dockerfile: String?) -> String {
    let name = imageName(service.name)
    let context = service.build.contextPath.isEmpty ? "." : service.build.contextPath
    var lines = [
      "a minimal workflow, .github/workflows/\(name)-image.yml\(dockerfile == nil ? " (write a Dockerfile for the build first)" : ""):",
      "  name: \(name)-image",
      "  on:",
      "    push:",
      "      branches: [main]",
      "  permissions:",
      "    contents: read",
      "    packages: write",
      "  jobs:",
      "    image:",
      "      runs-on: ubuntu-latest",
      "      steps:",
      "        - uses: actions/checkout@v4",
      "        - uses: docker/login-action@v3",
      "          with:",
      "            registry: ghcr.io",
      "            username: ${{ github.actor }}",
      "            password: ${{ secrets.GITHUB_TOKEN }}",
      "        - uses: docker/build-push-action@v6",
      "          with:",
      "            context: \(context)",
      "            file: \(dockerfile ?? "Dockerfile")",
      "            push: true",
      "            tags: \(image)",
    ]
    if platform == .render {
      lines.append("        # image-backed services do not redeploy on a push to the registry:")
      lines.append("        - run: curl -fsS -X POST \"${{ secrets.RENDER_DEPLOY_HOOK_URL }}\"")
    }
    return lines.joined(separator: "\n")
  }

  /// A registry-safe image name: lower case, `[a-z0-9._-]`.
  static func imageName(_ name: String) -> String {
    let lowered = name.lowercased().map { c -> Character in
      c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "_" || c == "-") ? c : "-"
    }
    let text = String(lowered)
    return text.isEmpty ? "service" : text
  }
}
