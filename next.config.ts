import type { NextConfig } from 'next';

const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];
// The Content-Security-Policy (with a per-request nonce) and HSTS are set in proxy.ts.

const nextConfig: NextConfig = {
  // account.localhost and admin.localhost load dev assets from the same server.
  allowedDevOrigins: ['*.localhost', 'localhost'],
  serverExternalPackages: ['mysql2', 'bullmq', 'ioredis'],
  poweredByHeader: false,
  // forbidden() answers a team member without the permission for a page with a real 403.
  experimental: { authInterrupts: true },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
