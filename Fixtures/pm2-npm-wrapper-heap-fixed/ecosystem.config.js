// Started on the box with `pm2 start ecosystem.config.js`.
module.exports = {
  apps: [
    {
      name: 'storefront',
      script: 'node_modules/next/dist/bin/next',
      args: 'start -p 3000',
      node_args: '--max-old-space-size=2048',
      max_memory_restart: '2600M',
    },
  ],
};
