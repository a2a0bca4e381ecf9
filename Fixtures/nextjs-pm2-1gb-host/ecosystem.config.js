// pm2 process file for the VPS: `pm2 start ecosystem.config.js && pm2 save`
module.exports = {
  apps: [
    {
      name: 'bbyatch',
      cwd: '/var/www/bbyatch',
      script: 'node_modules/next/dist/bin/next',
      args: 'start -p 3000',
      instances: 1,
      exec_mode: 'fork',
      node_args: '--max-old-space-size=1536',
      max_memory_restart: '1G',
      env: {
        NODE_ENV: 'production',
        PORT: 3000,
      },
    },
  ],
};
