import DeploylintCore

extension NodeBuildExceedsBuildMemory {
  /// The examples of `NodeBuildExceedsBuildMemory.description`: they run as tests and are shown on its page.
  static let examples: [RuleExample] = [
    .triggering(
      "pm2 app built in place on a 1 GB VPS: the package's build script runs `next build`",
      [
        ExampleFile(
          "ecosystem.config.js",
          "module.exports = { apps: [{ name: 'web', script: 'npm', args: 'start' }] };\n"),
        ExampleFile(
          "package.json",
          #"{"scripts": {"build": "prisma generate && ↓next build", "start": "next start"}}"# + "\n"),
        ExampleFile(".deploylint.yml", "host:\n  name: vps\n  memory: 1g\n"),
      ]),
    .triggering(
      "a build heap flag equal to the declared build memory (error)",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: web
              name: web
              runtime: node
              plan: standard
              buildCommand: npm ci && npm run build
              startCommand: npm start

          """),
        ExampleFile(
          "package.json",
          #"{"scripts": {"build": "NODE_OPTIONS=↓--max-old-space-size=4096 next build", "start": "next start"}}"#
            + "\n"),
        ExampleFile(".deploylint.yml", "services:\n  web:\n    build-memory: 4g\n"),
      ]),
    .triggering(
      "the start command builds on a 512 MB Railway instance",
      [
        ExampleFile(
          "railway.json",
          #"{"deploy": {"startCommand": "npm run build && npm start"}}"# + "\n"),
        ExampleFile(
          "package.json",
          #"{"scripts": {"build": "↓vite build", "start": "node server.js"}}"# + "\n"),
        ExampleFile(".deploylint.yml", "services:\n  example:\n    plan: free\n"),
      ]),
    .nonTriggering(
      "next build on Render's build pipeline (8 GB), not on the 512 MB instance",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: web
              name: web
              runtime: node
              plan: free
              buildCommand: npm ci && npm run build
              startCommand: npm start

          """),
        ExampleFile("package.json", #"{"scripts": {"build": "next build", "start": "next start"}}"# + "\n"),
      ]),
    .nonTriggering(
      "pm2 app built in CI, declared with build-memory",
      [
        ExampleFile(
          "ecosystem.config.js",
          "module.exports = { apps: [{ name: 'web', script: '.next/standalone/server.js' }] };\n"),
        ExampleFile("package.json", #"{"scripts": {"build": "next build"}}"# + "\n"),
        ExampleFile(".deploylint.yml", "host:\n  memory: 1g\nservices:\n  web:\n    build-memory: 7g\n"),
      ]),
  ]
}
