import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, type Service } from '@/db/schema/storefront';
import type { StorefrontDb } from '@/lib/db/connection';
import { setupShop } from './factories/shop';
import { meteredService } from './factories/usage';
import type { TestEnv } from './helpers/test-env';

// The desktop session CLI: a correction recorded and billed through the normal path, and the session list.

let t: TestEnv;
let db: StorefrontDb;
let service: Service;

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
  ({ service } = await meteredService(db, storefrontId, { email: 'cli-desk@example.com', planSlug: 'kasm-developer-basic', cycle: 'hourly', start: new Date().toISOString().slice(0, 10) }));
});
afterAll(async () => {
  await t?.cleanup();
});

describe('kasm:record-session and kasm:sessions', () => {
  it('records a missed 2 h 37 min session as 165 billed minutes (2.75 h × €0.14 = 38.5 → 39 cents), audited, and lists it', async () => {
    const stop = new Date(Date.now() - 60_000);
    const start = new Date(stop.getTime() - (157 * 60 + 10) * 1000);
    const r = cli(['kasm:record-session', '--service', service.publicId, '--start', start.toISOString(), '--stop', stop.toISOString(), '--reason', 'Panel outage on 3 Dec', '--json']);
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(JSON.parse(r.stdout)).toMatchObject({ storefront: 'shop', service: service.publicId, billedMinutes: 165, billed: true, refused: null });
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, 'service.kasm.session_corrected'));
    expect(audit!.after).toMatchObject({ billedMinutes: 165, reason: 'Panel outage on 3 Dec' });

    const list = JSON.parse(cli(['kasm:sessions', '--service', service.publicId, '--json']).stdout);
    expect(list.month).toMatchObject({ hours: '2.75', amountMinor: 39 });
    expect(list.sessions).toMatchObject([{ billedMinutes: 165, source: 'staff_correction', endReason: 'correction', cost: expect.stringMatching(/0[.,]39/) }]);
    expect(cli(['kasm:sessions', '--service', service.publicId]).stdout).toMatch(/165 min .*staff_correction · correction/);
  });

  it('refuses bad input with one clear message', async () => {
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(cli(['kasm:record-session', '--service', service.publicId, '--start', iso(now - 60_000), '--stop', iso(now - 120_000), '--reason', 'oops'])).toMatchObject({ status: 1, stderr: 'error: stop must be after the start\n' });
    expect(cli(['kasm:record-session', '--service', service.publicId, '--start', iso(now - 60_000), '--stop', iso(now), '--reason', 'x'])).toMatchObject({ status: 1, stderr: 'error: reason must say why (at least 3 characters)\n' });
    expect(cli(['kasm:record-session', '--service', 'svc_missing', '--start', iso(now - 60_000), '--stop', iso(now), '--reason', 'missed'])).toMatchObject({ status: 1, stderr: 'error: No cloud desktop svc_missing.\n' });
    expect(cli(['kasm:sessions', '--service', 'svc_missing'])).toMatchObject({ status: 1, stderr: 'error: No cloud desktop svc_missing.\n' });
  });
});
