import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorefrontDb } from '@/lib/db/connection';
import type { Service } from '@/db/schema/storefront';
import { setupShop } from './factories/shop';
import { meteredService } from './factories/usage';
import type { TestEnv } from './helpers/test-env';

let t: TestEnv;
let db: StorefrontDb;
let service: Service;

/** The real operator CLI in a child process, against this file's own databases. */
function cli(args: string[]): { status: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync('bin/ezscale', [...args, '--storefront', 'shop'], { env: { ...process.env, DATABASE_URL: t.centralUrl, REDIS_PREFIX: t.redisPrefix }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: 0, stdout, stderr: '' };
  } catch (err) {
    const e = err as { status: number | null; stdout: string; stderr: string };
    return { status: e.status ?? -1, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  let storefrontId: number;
  ({ t, db, storefrontId } = await setupShop());
  // The period containing now, whenever the test runs: the service starts today.
  ({ service } = await meteredService(db, storefrontId, { email: 'cli@example.com', planSlug: 'kasm-developer-basic', cycle: 'hourly', start: new Date().toISOString().slice(0, 10) }));
});
afterAll(async () => {
  await t?.cleanup();
});

describe('usage CLI', () => {
  it('sets a plan meter, records events once and shows the live period', async () => {
    expect(cli(['plan:meter', '--plan', 'kasm-developer-basic', '--meter', 'kasm_hours', '--step', '0.25', '--price', 'EUR=15,USD=16,GBP=12'])).toMatchObject({ status: 0, stderr: '' });
    const first = cli(['usage:record', '--service', service.publicId, '--meter', 'kasm_hours', '--quantity', '1.1', '--id', 'cli-1', '--json']);
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ storefront: 'shop', service: service.publicId, meter: 'kasm_hours', transactionId: 'cli-1', recorded: true, quantity: '1.1' });
    expect(cli(['usage:record', '--service', service.publicId, '--meter', 'kasm_hours', '--quantity', '1.1', '--id', 'cli-1']).stdout).toMatch(/^Transaction cli-1 was already recorded for svc_\w+: it counts once\./);

    const shown = cli(['usage:show', '--service', service.publicId, '--json']);
    expect(shown.status).toBe(0);
    const usage = JSON.parse(shown.stdout);
    expect(Object.keys(usage)).toEqual(['storefront', 'service', 'status', 'currency', 'periodStart', 'periodEnd', 'meters', 'totalMinor']);
    expect(usage.meters).toEqual([
      { meter: 'kasm_hours', label: 'Desktop time', unit: 'hours', aggregation: 'sum', quantity: '1.25', includedQuantity: '0', chargedQuantity: '1.25', unitPriceMinor: '15', exactAmountMinor: '18.75', amountMinor: 19, events: 1 },
    ]);
    expect(usage.totalMinor).toBe(19);
    expect(cli(['usage:show', '--service', service.publicId]).stdout).toContain('kasm_hours     1.25 hours (sum; 0 included, 1.25 charged) × 15 = 18.75 → 19 minor  [1 event(s)]');
  });

  it('answers bad input with one line and a non-zero exit', async () => {
    const bad = (extra: string[]) => cli(['usage:record', '--service', service.publicId, '--meter', 'kasm_hours', '--quantity', '1', ...extra]);
    expect(bad(['--quantity', '-2'])).toMatchObject({ status: 1, stderr: 'error: quantity cannot be negative\n' });
    expect(cli(['usage:record', '--service', 'svc_missing', '--meter', 'kasm_hours', '--quantity', '1'])).toMatchObject({ status: 1, stderr: 'error: No service svc_missing on this storefront.\n' });
    expect(cli(['usage:record', '--service', service.publicId, '--meter', 'kasm_hours'])).toMatchObject({ status: 2, stderr: 'error: --quantity: is required, e.g. --quantity 1.5\n' });
  });
});
