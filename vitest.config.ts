import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  resolve: { alias: { '@': root.replace(/\/$/, '') } },
  test: {
    projects: [
      {
        extends: true,
        // Unit tests talk to the simulators over loopback http, which production mode (the default) refuses.
        test: { name: 'unit', env: { APP_MODE: 'sandbox' }, include: ['{lib,jobs,cli,emails,components,app,sandbox}/**/*.test.{ts,tsx}'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'int',
          include: ['tests/**/*.int.test.ts'],
          environment: 'node',
          pool: 'forks',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Tests in a file run in a shuffled (fixed, so repeatable) order: a test that only passes after another
          // one fails here instead of hiding its dependency.
          sequence: { shuffle: { files: false, tests: true }, seed: 20261203 },
        },
      },
    ],
  },
});
