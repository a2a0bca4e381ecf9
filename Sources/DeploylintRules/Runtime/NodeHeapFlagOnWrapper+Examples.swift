import DeploylintCore

extension NodeHeapFlagOnWrapper {
  /// The examples of `NodeHeapFlagOnWrapper.description`: they run as tests and are shown on its page.
  static let examples: [RuleExample] = [
    .triggering(
      "pm2 starts `npm start` with the heap flag in node_args",
      [
        ExampleFile(
          "ecosystem.config.js",
          """
          module.exports = {
            apps: [{
              name: 'web',
              script: 'npm',
              args: 'start',
              node_args: '↓--max-old-space-size=2048',
              max_memory_restart: '1G',
            }],
          };

          """),
        ExampleFile("package.json", #"{"scripts": {"start": "next start -p 3000"}}"# + "\n"),
      ]),
    .triggering(
      "a shell script with interpreter_args",
      [
        ExampleFile(
          "ecosystem.config.json",
          """
          {"apps": [{"name": "api", "script": "./start.sh",
                     "interpreter_args": "↓--max-old-space-size=768"}]}

          """)
      ]),
    .nonTriggering(
      "pm2 starts Next.js's own entry with the flag",
      [
        ExampleFile(
          "ecosystem.config.js",
          """
          module.exports = {
            apps: [{
              name: 'web',
              script: 'node_modules/next/dist/bin/next',
              args: 'start',
              node_args: '--max-old-space-size=2048',
            }],
          };

          """),
        ExampleFile("package.json", #"{"scripts": {"start": "next start -p 3000"}}"# + "\n"),
      ]),
    .nonTriggering(
      "npm wrapper with the flag in NODE_OPTIONS, which the server inherits",
      [
        ExampleFile(
          "ecosystem.config.js",
          """
          module.exports = {
            apps: [{
              name: 'web', script: 'npm', args: 'start',
              env: { NODE_OPTIONS: '--max-old-space-size=768' },
            }],
          };

          """),
        ExampleFile("package.json", #"{"scripts": {"start": "next start"}}"# + "\n"),
      ]),
  ]
}
