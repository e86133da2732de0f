import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { adminAlerts, auditLog, emailOutbox, mfaTotp, plans, provisioningLog, provisioningRequests, services } from '@/db/schema/storefront';
import type { Storefront } from '@/db/schema/central';
import { staffServiceAction } from '@/lib/billing/staff-service-action';
import type { StorefrontDb } from '@/lib/db/connection';
import { runProvisioningRequest } from '@/lib/provisioning/run-request';
import { assignHardware } from '@/lib/provisioning/assign-hardware';
import { revealServiceCredentials } from '@/lib/provisioning/reveal-service-credentials';
import type { SandboxHandle } from '@/sandbox/server';
import { encryptSecret } from '@/lib/security/secret-box';
import { generate, generateSecret } from 'otplib';
import { seedSandboxPanels } from '@/lib/setup/seed-panels';
import type { CartItem } from '@/lib/cart/schemas';
import { cartItemFor } from './factories/catalog';
import { orderAndPayByBank } from './factories/orders';
import { setupShop } from './factories/shop';
import { startTestSandbox } from './helpers/sandbox';
import type { TestEnv } from './helpers/test-env';

let sandbox: SandboxHandle;
let t: TestEnv;
let db: StorefrontDb;
let storefront: Storefront;
const system = { type: 'system' as const, label: 'test' };
const staff = { type: 'staff' as const, id: 1, label: 'boss@example.com' };
const PASSWORD = 'Correct-Horse-42';

beforeAll(async () => {
  sandbox = await startTestSandbox();
  ({ t, db, storefront } = await setupShop());
  await seedSandboxPanels(db, 'shop');
  await control('virtfusion', 'config', { buildMs: 300 });
});
afterAll(async () => {
  await t?.cleanup();
  await sandbox?.close();
});

async function control(vendor: string, what: string, body: unknown) {
  const res = await fetch(`${sandbox.url}/${vendor}/_control/${what}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBeLessThan(300);
}

async function vfServersOf(customerPublicId: string) {
  const state = (await (await fetch(`${sandbox.url}/virtfusion/_control/state`)).json()) as { panels: { servers: { owner: string | null; status: string; suspended: boolean }[] }[] };
  return state.panels.flatMap((p) => p.servers).filter((s) => s.owner === customerPublicId);
}

/** A customer orders one item and pays: the service goes active and a provision request is queued. */
async function orderAndPay(email: string, item: CartItem) {
  const o = await orderAndPayByBank(db, storefront.id, { email, name: 'Prov Tester', password: PASSWORD, item });
  return { ...o, requestId: o.requestId! };
}

const vpsItem = (hostname: string) => cartItemFor(db, 'vps-starter', { hostname });

const serviceRow = async (id: number) => (await db.select().from(services).where(eq(services.id, id)))[0]!;

describe('the provisioning pipeline against the sandbox panels', () => {
  it('retries through three panel failures and ends with exactly one server, IPs shown and a ready email without secrets', async () => {
    const o = await orderAndPay('vps-retry@example.com', await vpsItem('retry.example.com'));
    expect(o.service.provisioningStatus).toBe('queued');
    await control('virtfusion', 'faults', { failNext: 3, failStatus: 503 });
    for (let attempt = 1; attempt <= 3; attempt++) {
      await expect(runProvisioningRequest(db, storefront.id, o.requestId, { attempt, finalAttempt: false, buildWaitMs: 10_000 })).rejects.toThrow(/503/);
    }
    expect(await runProvisioningRequest(db, storefront.id, o.requestId, { attempt: 4, finalAttempt: false, buildWaitMs: 10_000 })).toBe('done');
    expect(await vfServersOf(o.customerPublicId)).toHaveLength(1);
    const svc = await serviceRow(o.service.id);
    expect(svc).toMatchObject({ provisioningStatus: 'active', provisioningError: null });
    expect((svc.details as { ips: string[] }).ips[0]).toMatch(/^203\.0\.113\./);
    const log = await db.select().from(provisioningLog).where(eq(provisioningLog.serviceId, svc.id));
    expect(log.filter((l) => l.responseStatus === 503)).toHaveLength(3);

    // Credentials: shown only to the right password; never in the outbox, the provisioning log or the audit log.
    await expect(revealServiceCredentials(db, { storefrontId: storefront.id, serviceId: svc.id, personId: o.customerId, password: 'wrong-password', actor: system })).rejects.toThrow(/not right/);
    const creds = await revealServiceCredentials(db, { storefrontId: storefront.id, serviceId: svc.id, personId: o.customerId, password: PASSWORD, actor: system });
    expect(creds.password.length).toBeGreaterThanOrEqual(12);
    // A code from the customer's authenticator app does as well, once.
    const secret = generateSecret();
    await db.insert(mfaTotp).values({ principalType: 'customer', principalId: o.customerId, secretEncrypted: encryptSecret(secret), confirmedAt: new Date() });
    const code = await generate({ secret });
    expect(await revealServiceCredentials(db, { storefrontId: storefront.id, serviceId: svc.id, personId: o.customerId, password: code, actor: system })).toEqual(creds);
    await expect(revealServiceCredentials(db, { storefrontId: storefront.id, serviceId: svc.id, personId: o.customerId, password: code, actor: system })).rejects.toThrow(/not right/);
    const everything = JSON.stringify([await db.select().from(emailOutbox), await db.select().from(provisioningLog), await db.select().from(auditLog)]);
    expect(everything).not.toContain(creds.password);
    const ready = await db.select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, 'vps-retry@example.com'), eq(emailOutbox.template, 'service-ready')));
    expect(ready).toHaveLength(1);
  });

  it('fails for good after the last try: staff are alerted, the customer sees "being set up"', async () => {
    const o = await orderAndPay('vps-fails@example.com', await vpsItem('fails.example.com'));
    await control('virtfusion', 'faults', { failNext: 50, failStatus: 500 });
    expect(await runProvisioningRequest(db, storefront.id, o.requestId, { attempt: 5, finalAttempt: true })).toBe('failed');
    await control('virtfusion', 'faults', { clear: true });
    expect(await serviceRow(o.service.id)).toMatchObject({ status: 'active', provisioningStatus: 'failed' });
    const alerts = await db.select().from(adminAlerts).where(eq(adminAlerts.category, 'provisioning'));
    expect(alerts.filter((a) => a.severity === 'critical' && a.title.includes('provision'))).toHaveLength(1);
    expect(await vfServersOf(o.customerPublicId)).toHaveLength(0);
  });

  it('a worker killed mid-create leaves exactly one server after the next run', async () => {
    const o = await orderAndPay('vps-killed@example.com', await vpsItem('killed.example.com'));
    await control('virtfusion', 'config', { buildMs: 4_000 });
    const env = { ...process.env, DATABASE_URL: t.centralUrl, REDIS_PREFIX: t.redisPrefix };
    await new Promise<void>((resolve) => {
      const child = spawn('bin/ezscale', ['provisioning:run', '--storefront', 'shop', '--request', String(o.requestId)], { env, stdio: 'ignore' });
      let exited = false;
      child.on('exit', () => {
        exited = true;
        resolve();
      });
      void (async () => {
        // SIGKILL as soon as the panel's server id is stored, while the child waits for the build.
        while (!exited) {
          if ((await serviceRow(o.service.id)).panelRef) return void child.kill('SIGKILL');
          await new Promise((r) => setTimeout(r, 10));
        }
      })();
    });
    expect((await serviceRow(o.service.id)).provisioningStatus).not.toBe('active');
    await control('virtfusion', 'config', { buildMs: 300 });
    expect(await runProvisioningRequest(db, storefront.id, o.requestId, { attempt: 2, finalAttempt: false, buildWaitMs: 15_000 })).toBe('done');
    expect(await vfServersOf(o.customerPublicId)).toHaveLength(1);
    expect((await serviceRow(o.service.id)).provisioningStatus).toBe('active');
  }, 60_000);

  it('suspends and unsuspends on the panel when staff do it', async () => {
    // Its own service, so the test stands alone.
    const o = await orderAndPay('suspend-me@example.com', await vpsItem('suspend-me.example.com'));
    expect(await runProvisioningRequest(db, storefront.id, o.requestId, { attempt: 1, finalAttempt: false, buildWaitMs: 15_000 })).toBe('done');
    const latestRequest = async () => (await db.select().from(provisioningRequests).where(eq(provisioningRequests.serviceId, o.service.id)).orderBy(desc(provisioningRequests.id)).limit(1))[0]!;

    await staffServiceAction(db, { input: { serviceId: o.service.id, action: 'suspend', reason: 'abuse', note: 'Abuse report #1' }, actor: staff });
    const suspend = await latestRequest();
    expect(suspend.action).toBe('suspend');
    expect(await runProvisioningRequest(db, storefront.id, suspend.id, { attempt: 1, finalAttempt: false })).toBe('done');
    expect(await vfServersOf(o.customerPublicId)).toEqual([expect.objectContaining({ suspended: true })]);
    expect(await serviceRow(o.service.id)).toMatchObject({ status: 'suspended' });

    await staffServiceAction(db, { input: { serviceId: o.service.id, action: 'unsuspend', note: 'Resolved' }, actor: staff });
    const unsuspend = await latestRequest();
    expect(unsuspend.action).toBe('unsuspend');
    expect(await runProvisioningRequest(db, storefront.id, unsuspend.id, { attempt: 1, finalAttempt: false })).toBe('done');
    expect(await vfServersOf(o.customerPublicId)).toEqual([expect.objectContaining({ suspended: false })]);
    expect(await serviceRow(o.service.id)).toMatchObject({ status: 'active' });
  }, 60_000);
});

describe('dedicated servers wait for hardware', () => {
  it('waits while the inventory has nothing that fits, then completes on the server staff assign', async () => {
    const o = await orderAndPay('dedicated@example.com', await cartItemFor(db, 'ded-epyc-7443p', { hostname: 'metal.example.com' }));
    expect(await runProvisioningRequest(db, storefront.id, o.requestId, { attempt: 1, finalAttempt: false })).toBe('waiting');
    expect(await serviceRow(o.service.id)).toMatchObject({ provisioningStatus: 'awaiting_hardware' });
    expect(await db.select().from(adminAlerts).where(eq(adminAlerts.dedupeKey, `awaiting-hardware:${o.service.id}`))).toHaveLength(1);
    // Staff rack a 256 GB machine and assign it.
    await control('synergycp', 'inventory', { key: 'sandbox-scp-shop', add: [{ groupId: 1, cpu: 'AMD EPYC 7443P', cores: 24, ramGb: 256, disks: ['3.84 TB NVMe', '3.84 TB NVMe'] }] });
    const state = (await (await fetch(`${sandbox.url}/synergycp/_control/state`)).json()) as { accounts: { servers: { id: number; available: boolean; mem: { size_gb: number } }[] }[] };
    const free = state.accounts.flatMap((a) => a.servers).find((s) => s.available && s.mem.size_gb === 256);
    expect(free).toBeDefined();
    const serverId = String(free!.id);
    await assignHardware(db, { serviceId: o.service.id, serverId, actor: staff });
    const [next] = await db.select().from(provisioningRequests).where(eq(provisioningRequests.serviceId, o.service.id)).orderBy(desc(provisioningRequests.id)).limit(1);
    expect(await runProvisioningRequest(db, storefront.id, next!.id, { attempt: 1, finalAttempt: false })).toBe('done');
    expect(await serviceRow(o.service.id)).toMatchObject({ provisioningStatus: 'active' });
  });
});

describe('a plan naming a module that is not installed', () => {
  it('fails the request at once with a staff alert, instead of ending it done with nothing provisioned', async () => {
    // Saving a plan refuses unknown keys; this is a plan stored before that, or a module since removed.
    await db.update(plans).set({ provisioningModule: 'retired-panel' }).where(eq(plans.slug, 'vps-starter'));
    try {
      const o = await orderAndPay('vps-no-module@example.com', await vpsItem('no-module.example.com'));
      expect(await runProvisioningRequest(db, storefront.id, o.requestId, { attempt: 1, finalAttempt: false })).toBe('failed');
      const [request] = await db.select().from(provisioningRequests).where(eq(provisioningRequests.id, o.requestId));
      expect(request).toMatchObject({ status: 'failed' });
      expect(request!.lastError).toMatch(/"retired-panel", which is not installed/);
      expect(await serviceRow(o.service.id)).toMatchObject({ provisioningStatus: 'failed' });
      const [alert] = await db.select().from(adminAlerts).where(eq(adminAlerts.dedupeKey, `provisioning-failed:${o.requestId}`));
      expect(alert).toMatchObject({ severity: 'critical', category: 'provisioning' });
      expect(alert!.body).toContain('retired-panel');
      expect(await vfServersOf(o.customerPublicId)).toHaveLength(0);
    } finally {
      await db.update(plans).set({ provisioningModule: 'virtfusion' }).where(eq(plans.slug, 'vps-starter'));
    }
  });
});
