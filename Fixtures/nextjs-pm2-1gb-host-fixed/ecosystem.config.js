// pm2 process file for the VPS: `pm2 start ecosystem.config.js && pm2 save`.
// The app is built in GitHub Actions (`output: 'standalone'`) and the
// standalone folder is copied to /var/www/bbyatch.
module.exports = {
  apps: [
    {
      name: 'bbyatch',
      cwd: '/var/www/bbyatch',
      script: '.next/standalone/server.js',
      instances: 1,
      exec_mode: 'fork',
      node_args: '--max-old-space-size=768',
      max_memory_restart: '960M',
      env: {
        NODE_ENV: 'production',
        PORT: 3000,
      },
    },
  ],
};
