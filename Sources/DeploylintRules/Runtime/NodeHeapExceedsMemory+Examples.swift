import DeploylintCore

extension NodeHeapExceedsMemory {
  /// The examples of `NodeHeapExceedsMemory.description`: they run as tests and are shown on its page.
  static let examples: [RuleExample] = [
    .triggering(
      "Render free plan; `npm start` runs a script with a 1536 MiB heap (the `dev` script is not counted)",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: web
              name: web
              runtime: node
              plan: free
              buildCommand: npm ci
              startCommand: npm start

          """),
        ExampleFile(
          "package.json",
          """
          {
            "scripts": {
              "dev": "NODE_OPTIONS=--max-old-space-size=8192 node server.js",
              "start": "node ↓--max-old-space-size=1536 server.js"
            }
          }

          """),
      ]),
    .triggering(
      "NODE_OPTIONS in the image above 75 % of Render standard (2 GB): a warning",
      [
        ExampleFile(
          "render.yaml",
          """
          services:
            - type: web
              name: api
              runtime: docker
              plan: standard

          """),
        ExampleFile(
          "Dockerfile",
          """
          FROM node:20-slim
          ENV NODE_OPTIONS=↓--max-old-space-size=1792
          COPY . .
          CMD ["node", "server.js"]

          """),
      ]),
    .triggering(
      "pm2 ecosystem on a 1 GB VPS declared in .deploylint.yml (seed 002)",
      [
        ExampleFile(
          "ecosystem.config.js",
          """
          module.exports = {
            apps: [{
              name: 'bbyatch',
              script: 'node_modules/next/dist/bin/next',
              args: 'start',
              node_args: '↓--max-old-space-size=1536',
            }],
          };

          """),
        ExampleFile(".deploylint.yml", "host:\n  name: vps\n  memory: 1g\n"),
      ]),
    .nonTriggering(
      "heap at 75 % of a 1 GB host; the big heap is only in `dev`",
      [
        ExampleFile(
          "ecosystem.config.js",
          """
          module.exports = {
            apps: [{ name: 'web', script: 'npm', args: 'start', node_args: '--max-old-space-size=768' }],
          };

          """),
        ExampleFile(
          "package.json",
          #"{"scripts": {"dev": "node --max-old-space-size=4096 server.js", "start": "node server.js"}}"#),
        ExampleFile(".deploylint.yml", "host:\n  memory: 1g\n"),
      ]),
    .nonTriggering(
      "no budget known: a Dockerfile alone says nothing about the memory it will get",
      [
        ExampleFile(
          "Dockerfile",
          """
          FROM node:20-slim
          CMD ["node", "--max-old-space-size=8192", "server.js"]

          """)
      ]),
  ]
}
