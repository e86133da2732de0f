import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { StorefrontDb } from '@/lib/db/connection';
import type { Storefront } from '@/db/schema/central';
import { adminAlerts, auditLog } from '@/db/schema/storefront';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { createStaffUser } from '@/lib/staff/create-staff-user';
import { alertJobId, dispatchAlert, raiseAlert } from '@/lib/alerts/raise-alert';
import { acknowledgeAlert } from '@/lib/alerts/acknowledge-alert';
import type { SandboxHandle } from '@/sandbox/server';
import type { SimulatedDiscordMessage } from '@/sandbox/discord/simulator';
import { getQueue } from '@/jobs/queue-registry';
import { deliverAlertJob } from '@/jobs/deliver-alert';
import type { JobContext } from '@/jobs/define-job';
import { setupTestEnv, type TestEnv } from './helpers/test-env';
import { setEnv, startTestSandbox } from './helpers/sandbox';

let t: TestEnv;
let sandbox: SandboxHandle;
let sf: Storefront;
let db: StorefrontDb;
const ctx = { log: () => undefined } as unknown as JobContext;

async function discordMessages(): Promise<SimulatedDiscordMessage[]> {
  return (await (await fetch(`${sandbox.url}/discord/api/messages`)).json()) as SimulatedDiscordMessage[];
}

async function alertRow(id: number) {
  const [r] = await db.select().from(adminAlerts).where(eq(adminAlerts.id, id));
  return r!;
}

const diskFull = { severity: 'critical', category: 'infrastructure', title: 'Disk <full>', body: 'node-1 is at 99%' } as const;

beforeAll(async () => {
  t = await setupTestEnv();
  sandbox = await startTestSandbox();
  sf = await createStorefront({ slug: 'alpha', name: 'Alpha Hosting', domain: 'alpha.test', kind: 'retail' });
  db = openStorefrontDb(sf);
});
afterAll(async () => {
  await sandbox?.close();
  await t?.cleanup();
});
beforeEach(async () => {
  setEnv({ APP_MODE: 'sandbox', DISCORD_WEBHOOK_URL: undefined });
  await fetch(`${sandbox.url}/discord/api/messages`, { method: 'DELETE' });
});

describe('raiseAlert', () => {
  it('is pending for Discord in sandbox mode, and deduplicates', async () => {
    const a = await raiseAlert(db, { ...diskFull, dedupeKey: 'disk:node-1' });
    const b = await db.transaction((tx) => raiseAlert(tx, { ...diskFull, dedupeKey: 'disk:node-1' }));
    expect(a).toMatchObject({ created: true, discordStatus: 'pending' });
    expect(b).toMatchObject({ id: a.id, created: false });
    expect(await db.select().from(adminAlerts).where(eq(adminAlerts.dedupeKey, 'disk:node-1'))).toHaveLength(1);
  });

  it('is not_configured in production mode without a webhook', async () => {
    setEnv({ APP_MODE: 'production' });
    const a = await raiseAlert(db, { ...diskFull, title: 'No webhook' });
    expect((await alertRow(a.id)).discordStatus).toBe('not_configured');
    setEnv({ DISCORD_WEBHOOK_URL: `${sandbox.url}/discord/api/webhooks/1/tok` });
    expect((await raiseAlert(db, { ...diskFull, title: 'Configured' })).discordStatus).toBe('pending');
  });

  it('dispatchAlert enqueues alert.deliver once under a deterministic id', async () => {
    const a = await raiseAlert(db, { ...diskFull, title: 'Queued' });
    await dispatchAlert(sf.id, a.id);
    await dispatchAlert(sf.id, a.id);
    const job = await getQueue('default').getJob(alertJobId(sf.id, a.id));
    expect(job?.name).toBe('alert.deliver');
    expect((await getQueue('default').getJobs(['waiting'])).filter((j) => j.name === 'alert.deliver')).toHaveLength(1);
    await getQueue('default').obliterate({ force: true });
  });
});

describe('alert.deliver', () => {
  it('posts the alert to the Discord simulator and ends sent', async () => {
    const a = await raiseAlert(db, diskFull);
    expect(await deliverAlertJob.handler({ storefrontId: sf.id, alertId: a.id }, ctx)).toBe('sent');
    expect(await deliverAlertJob.handler({ storefrontId: sf.id, alertId: a.id }, ctx)).toBe('already_sent');
    const msgs = await discordMessages();
    expect(msgs).toHaveLength(1);
    expect(msgs[0]!.webhook_id).toBe('sandbox');
    expect(msgs[0]!.author.username).toBe('Alpha Hosting');
    expect(msgs[0]!.embeds[0]).toMatchObject({ title: '[CRITICAL] Disk <full>', description: 'node-1 is at 99%', color: 0xdc2626 });
    const page = await (await fetch(`${sandbox.url}/discord`)).text();
    expect(page).toContain('[CRITICAL] Disk &lt;full&gt;');
    expect(await alertRow(a.id)).toMatchObject({ discordStatus: 'sent', discordError: null });
  });

  it('a Discord 500 ends failed with the error recorded, and the job throws', async () => {
    setEnv({ DISCORD_WEBHOOK_URL: `${sandbox.url}/discord/api/webhooks/1/fail-500` });
    const a = await raiseAlert(db, diskFull);
    await expect(deliverAlertJob.handler({ storefrontId: sf.id, alertId: a.id }, ctx)).rejects.toThrow(/500/);
    const r = await alertRow(a.id);
    expect(r.discordStatus).toBe('failed');
    expect(r.discordError).toMatch(/Discord webhook failed \(500\)/);

    // The retry, once Discord is back, delivers and clears the error.
    setEnv({ DISCORD_WEBHOOK_URL: undefined });
    expect(await deliverAlertJob.handler({ storefrontId: sf.id, alertId: a.id }, ctx)).toBe('sent');
    expect(await alertRow(a.id)).toMatchObject({ discordStatus: 'sent', discordError: null });
  });

  it('an unreachable Discord ends failed without the webhook token in the error', async () => {
    setEnv({ DISCORD_WEBHOOK_URL: 'http://127.0.0.1:1/api/webhooks/1/very-secret' });
    const a = await raiseAlert(db, diskFull);
    await expect(deliverAlertJob.handler({ storefrontId: sf.id, alertId: a.id }, ctx)).rejects.toThrow(/unreachable/);
    const r = await alertRow(a.id);
    expect(r.discordStatus).toBe('failed');
    expect(r.discordError).toMatch(/unreachable/);
    expect(r.discordError).not.toContain('very-secret');
  });
});

describe('acknowledgeAlert', () => {
  it('acknowledges once, audited, and refuses unknown alerts or staff', async () => {
    const staff = await createStaffUser(db, {
      storefrontId: sf.id,
      input: { email: 'ops@alpha.test', password: 'correct horse battery staple', name: 'Ops', role: 'administrator' },
      actor: { type: 'system' },
    });
    const a = await raiseAlert(db, diskFull);
    const results = await Promise.all([acknowledgeAlert(db, { alertId: a.id, staffId: staff.id }), acknowledgeAlert(db, { alertId: a.id, staffId: staff.id })]);
    expect(results.sort()).toEqual(['acknowledged', 'already_acknowledged']);
    const r = await alertRow(a.id);
    expect(r.acknowledgedBy).toBe(staff.id);
    expect(r.acknowledgedAt).toBeInstanceOf(Date);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'alert.acknowledged'), eq(auditLog.targetId, String(a.id))));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorType: 'staff', actorId: staff.id, actorLabel: 'ops@alpha.test', targetType: 'admin_alert' });

    await expect(acknowledgeAlert(db, { alertId: 999_999, staffId: staff.id })).rejects.toThrow(/Alert 999999 does not exist/);
    await expect(acknowledgeAlert(db, { alertId: a.id, staffId: 999_999 })).rejects.toThrow(/Staff user 999999/);
  });
});
