import { defineConfig } from '@playwright/test';
import { E2E_ENV, E2E_PORT } from './e2e/e2e-env';

const env = { ...process.env, ...E2E_ENV, NODE_ENV: 'production' } as Record<string, string>;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e-artifacts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  // The desktop journey closes a usage period with `billing:run --at` a month ahead, which renews every demo
  // service: it runs after every other journey, never before one that expects today's state.
  projects: [
    { name: 'journeys', testIgnore: '**/kasm.spec.ts' },
    { name: 'month-end', testMatch: '**/kasm.spec.ts', dependencies: ['journeys'] },
  ],
  // Runs against the production build (npm run test:e2e builds first), the sandbox and a worker.
  webServer: [
    {
      name: 'app',
      command: `./node_modules/.bin/next start -p ${E2E_PORT}`,
      url: `http://127.0.0.1:${E2E_PORT}/api/health`,
      env,
      timeout: 60_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      name: 'sandbox',
      command: './node_modules/.bin/tsx sandbox/main.ts',
      url: `http://127.0.0.1:${E2E_ENV.SANDBOX_HTTP_PORT}/`,
      env: { ...env, NODE_ENV: 'development' },
      timeout: 30_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      name: 'worker',
      command: './node_modules/.bin/tsx jobs/main.ts',
      wait: { stdout: /worker: ready/ },
      stdout: 'pipe',
      env: { ...env, NODE_ENV: 'development' },
      timeout: 30_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    },
  ],
});
