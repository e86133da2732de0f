import tseslint from 'typescript-eslint';

// Simulators are development tooling: production code reaches them only over HTTP, through the real clients in
// lib/integrations/, so nothing under sandbox/ can end up in the web app, the worker or the CLI.
const SANDBOX_MESSAGE = 'sandbox/ is the development simulator: production code talks to it over HTTP, never imports it.';
const noSandboxPaths = [{ name: '@/sandbox', message: SANDBOX_MESSAGE }];
const noSandboxPatterns = [{ group: ['@/sandbox/*', '**/sandbox/*'], message: SANDBOX_MESSAGE }];

export default tseslint.config(
  { ignores: ['node_modules/', '.next/', 'db/migrations/', 'next-env.d.ts', 'test-results/', 'playwright-report/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Request code reaches storefront data only through getRequestContext(), which opens the database of the
    // storefront the request's Host resolved to. Opening pools directly would let a request read another tenant.
    // Queries and writes live in lib/<domain>/ functions that take ctx.db, so pages and actions stay thin.
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'proxy.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@/lib/tenancy/storefront-pools', message: 'Use getRequestContext() from @/lib/tenancy/request-context.' },
            { name: '@/lib/setup/retail-storefront', message: 'CLI-only: request code uses getRequestContext().' },
            { name: 'drizzle-orm', message: 'Database access belongs in lib/<domain>/: call a domain function with ctx.db.' },
            { name: '@/lib/db', message: 'Database access belongs in lib/<domain>/: call a domain function with ctx.db.' },
            ...noSandboxPaths,
          ],
          patterns: [
            { group: ['**/storefront-pools'], message: 'Use getRequestContext() from @/lib/tenancy/request-context.' },
            { group: ['drizzle-orm/*', '@/lib/db/*', '**/lib/db', '**/lib/db/*'], message: 'Database access belongs in lib/<domain>/: call a domain function with ctx.db.' },
            ...noSandboxPatterns,
          ],
        },
      ],
    },
  },
  {
    // The rest of the production code (app/, components/ and proxy.ts are covered above). Unit tests beside a
    // client may drive it against its simulator.
    files: ['lib/**/*.{ts,tsx}', 'jobs/**/*.{ts,tsx}', 'cli/**/*.{ts,tsx}', 'emails/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: noSandboxPaths, patterns: noSandboxPatterns }] },
  },
);
