// Started on the box with `pm2 start ecosystem.config.js`.
module.exports = {
  apps: [
    {
      name: 'storefront',
      script: 'npm',
      args: 'start',
      node_args: '--max-old-space-size=2048',
      max_memory_restart: '2600M',
    },
  ],
};
