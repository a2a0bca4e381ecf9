import DeploylintCore

extension PM2HeapExceedsRestartThreshold {
  /// The examples of `PM2HeapExceedsRestartThreshold.description`: they run as tests and are shown on its page.
  static let examples: [RuleExample] = [
    .triggering(
      "heap cap above the restart threshold",
      [
        ExampleFile(
          "ecosystem.config.js",
          """
          module.exports = {
            apps: [{
              name: 'api',
              script: 'server.js',
              node_args: '--max-old-space-size=1536',
              max_memory_restart: ↓'1G',
            }],
          };

          """)
      ]),
    .triggering(
      "cluster of 4 processes × 768 MiB on a 2 GB host",
      [
        ExampleFile(
          "ecosystem.config.json",
          """
          {"apps": [{"name": "api", "script": "server.js", "exec_mode": "cluster",
                     "instances": ↓"max", "node_args": "--max-old-space-size=768"}]}

          """),
        ExampleFile(".deploylint.yml", "host:\n  memory: 2g\n  cpus: 4\n"),
      ]),
    .nonTriggering(
      "heap cap below the restart threshold, two processes fit",
      [
        ExampleFile(
          "ecosystem.config.js",
          """
          module.exports = {
            apps: [{
              name: 'api', script: 'server.js', instances: 2, exec_mode: 'cluster',
              node_args: '--max-old-space-size=640', max_memory_restart: '800M',
            }],
          };

          """),
        ExampleFile(".deploylint.yml", "host:\n  memory: 2g\n"),
      ]),
  ]
}
