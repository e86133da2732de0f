import tseslint from 'typescript-eslint';

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
          ],
          patterns: [
            { group: ['**/storefront-pools'], message: 'Use getRequestContext() from @/lib/tenancy/request-context.' },
            { group: ['drizzle-orm/*', '@/lib/db/*', '**/lib/db', '**/lib/db/*'], message: 'Database access belongs in lib/<domain>/: call a domain function with ctx.db.' },
          ],
        },
      ],
    },
  },
);
