import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorefrontDb } from '@/lib/db/connection';
import { DEMO_PASSWORD } from '@/lib/setup/demo-logins';
import { webStartRefusal } from '@/lib/setup/web-start-refusal';
import { createStaffUser } from '@/lib/staff/create-staff-user';
import { setStaffPassword } from '@/lib/staff/set-staff-password';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { setEnv } from './helpers/sandbox';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

// Issue #15: a production install must not start with the demo logins, without APP_KEY, or on plain http.

let t: TestEnv;
let shop: StorefrontDb;
let shopId: number;
const system = { type: 'system' as const, label: 'test' };
const KEY = randomBytes(32).toString('base64');
const saved = { APP_MODE: process.env.APP_MODE, APP_KEY: process.env.APP_KEY, APP_PROTOCOL: process.env.APP_PROTOCOL };

/** The real entry point in a child process, against this file's databases; empty values shield it from a local .env. */
function run(cmd: string[], vars: Record<string, string>): { status: number; stdout: string; stderr: string } {
  const [file, ...args] = cmd;
  const env = { ...process.env, DATABASE_URL: t.centralUrl, REDIS_PREFIX: t.redisPrefix, APP_KEY: '', APP_PROTOCOL: '', ALLOW_INSECURE_HTTP: '', ...vars };
  try {
    const stdout = execFileSync(file!, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
    return { status: 0, stdout, stderr: '' };
  } catch (err) {
    const e = err as { status: number | null; stdout: string; stderr: string };
    return { status: e.status ?? -1, stdout: e.stdout, stderr: e.stderr };
  }
}
const cli = (args: string[], vars: Record<string, string>) => run(['bin/ezscale', ...args], vars);
const lines = (s: string) => s.split('\n').filter(Boolean);

beforeAll(async () => {
  t = await setupTestEnv();
  const sf = await createStorefront({ slug: 'shop', name: 'Shop', domain: 'shop.test' });
  shopId = sf.id;
  shop = openStorefrontDb(sf);
  await createStorefront({ slug: 'other', name: 'Other', domain: 'other.test' });
});
afterAll(async () => {
  setEnv(saved);
  await t?.cleanup();
});

describe('demo logins in production', () => {
  it('seed --demo refuses in production mode with one line and exit 2, creating nothing', () => {
    for (const vars of [{ APP_MODE: 'production', APP_KEY: KEY, APP_PROTOCOL: 'https' }, { APP_MODE: 'production' }, { APP_MODE: '' }] as Record<string, string>[]) {
      const r = cli(['seed', '--demo'], vars);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(lines(r.stderr)).toHaveLength(1);
      expect(r.stderr).toMatch(/^error: seed --demo .*production mode/);
    }
    expect(cli(['storefront:list'], { APP_MODE: 'sandbox' }).stdout).not.toMatch(/^ezscale /m);
  });

  it('the web process refuses to serve while any staff account has the demo password, and serves once it is changed', async () => {
    setEnv({ APP_MODE: 'production', APP_KEY: KEY, APP_PROTOCOL: 'https' });
    await createStaffUser(shop, { storefrontId: shopId, input: { email: 'owner@shop.test', name: 'Owner', password: 'Real-Owner-Pass-42', role: 'owner' }, actor: system });
    expect(await webStartRefusal()).toBeUndefined();

    await createStaffUser(shop, { storefrontId: shopId, input: { email: 'admin@shop.test', name: 'Demo', password: DEMO_PASSWORD, role: 'owner' }, actor: system });
    const refusal = await webStartRefusal();
    expect(refusal).toMatch(/admin@shop\.test on storefront shop .*demo password/);
    expect(refusal).toContain('staff:set-password');
    expect(lines(refusal!)).toHaveLength(1);

    // Sandbox installs are meant to have the demo logins.
    setEnv({ APP_MODE: 'sandbox' });
    expect(await webStartRefusal()).toBeUndefined();

    setEnv({ APP_MODE: 'production' });
    await expect(setStaffPassword(shop, { input: { email: 'admin@shop.test', password: DEMO_PASSWORD }, actor: system })).rejects.toThrow(/demo password/);
    await setStaffPassword(shop, { input: { email: 'admin@shop.test', password: 'A-New-Secret-Pass-77' }, actor: system });
    expect(await webStartRefusal()).toBeUndefined();
  });
});

describe('mode and secrets at start', () => {
  it('refuses a production web start without APP_KEY or on http, unless http is allowed', async () => {
    setEnv({ APP_MODE: 'production', APP_KEY: undefined, APP_PROTOCOL: 'https' });
    expect(await webStartRefusal()).toMatch(/APP_KEY is not set/);
    setEnv({ APP_KEY: KEY, APP_PROTOCOL: 'http' });
    expect(await webStartRefusal()).toMatch(/APP_PROTOCOL=http/);
    setEnv({ ALLOW_INSECURE_HTTP: '1' });
    expect(await webStartRefusal()).toBeUndefined();
    setEnv({ ALLOW_INSECURE_HTTP: undefined, APP_PROTOCOL: 'https' });
  });

  it('the CLI resolves the mode by the same rule (unset means production) and refuses without APP_KEY or on http', () => {
    for (const vars of [{ APP_MODE: '' }, { APP_MODE: 'production' }]) {
      const r = cli(['storefront:list'], vars);
      expect(r.status).toBe(1);
      expect(lines(r.stderr)).toEqual([expect.stringMatching(/^error: .*APP_KEY is not set/)]);
    }
    const http = cli(['storefront:list'], { APP_MODE: 'production', APP_KEY: KEY, APP_PROTOCOL: 'http' });
    expect(http.status).toBe(1);
    expect(lines(http.stderr)).toEqual([expect.stringMatching(/APP_PROTOCOL=http.*ALLOW_INSECURE_HTTP=1/)]);
    expect(cli(['storefront:list'], { APP_MODE: 'production', APP_KEY: KEY, APP_PROTOCOL: 'http', ALLOW_INSECURE_HTTP: '1' }).status).toBe(0);
    const https = cli(['storefront:list'], { APP_MODE: 'production', APP_KEY: KEY });
    expect(https.status).toBe(0);
    expect(https.stdout).toContain('shop');
  });

  it('refuses a production key that is not 32 bytes', () => {
    const r = cli(['storefront:list'], { APP_MODE: 'production', APP_KEY: Buffer.alloc(40, 1).toString('base64'), APP_PROTOCOL: 'https' });
    expect(r.status).toBe(1);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/APP_KEY must be 32 bytes/)]);
  });

  it('the worker refuses to start in production without APP_KEY', () => {
    const r = run([process.execPath, '--import', 'tsx', 'jobs/main.ts'], { APP_MODE: '' });
    expect(r.status).toBe(1);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/^worker: refusing to start: .*APP_KEY is not set/)]);
  });
});
