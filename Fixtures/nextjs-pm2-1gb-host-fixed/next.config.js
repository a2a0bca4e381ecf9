/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Built in CI; the VPS only runs `.next/standalone/server.js`.
  output: 'standalone',
};

module.exports = nextConfig;
