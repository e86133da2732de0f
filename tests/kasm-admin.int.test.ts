import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { and, eq } from 'drizzle-orm';
import { auditLog, kasmSessions, passkeys, services } from '@/db/schema/storefront';
import type { Storefront } from '@/db/schema/central';
import { createSession } from '@/lib/auth/sessions';
import { adjustCredit } from '@/lib/credit/adjust-credit';
import type { StorefrontDb } from '@/lib/db/connection';
import { startKasmSession } from '@/lib/kasm/start-kasm-session';
import { runProvisioningRequest } from '@/lib/provisioning/run-request';
import { provisioningRequests } from '@/db/schema/storefront';
import { seedSandboxPanels } from '@/lib/setup/seed-panels';
import { createStaffUser } from '@/lib/staff/create-staff-user';
import type { StaffRole } from '@/lib/staff/permissions';
import { getLiveUsage } from '@/lib/usage/get-live-usage';
import type { SandboxHandle } from '@/sandbox/server';
import { setupShop } from './factories/shop';
import { meteredService } from './factories/usage';
import { startTestSandbox } from './helpers/sandbox';
import type { TestEnv } from './helpers/test-env';

// Staff's desktop sessions page and its forms, called as Next calls them (only the Host header and session cookie
// stood in for): running sessions across customers, force stop (services.manage) and a correction with its reason.

const request = vi.hoisted(() => ({ host: 'admin.shop.test', token: '' }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ host: request.host, 'user-agent': 'vitest' }),
  cookies: async () => ({
    get: (name: string) => (name === 'ezs_admin_session' && request.token ? { name, value: request.token } : undefined),
    set: () => undefined,
    delete: () => undefined,
  }),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
const { default: DesktopsPage } = await import('@/app/admin/(shell)/services/desktops/page');
const { forceStopDesktopAction, recordDesktopSessionAction } = await import('@/app/admin/(shell)/services/desktops/actions');

let sandbox: SandboxHandle;
let t: TestEnv;
let db: StorefrontDb;
let storefront: Storefront;
const system = { type: 'system' as const, label: 'test' };

async function signInAs(role: StaffRole): Promise<void> {
  const s = await createStaffUser(db, { storefrontId: storefront.id, input: { email: `${role}-${Date.now()}@shop.test`, name: role, password: 'Correct-Horse-Battery-9', role }, actor: system });
  await db.insert(passkeys).values({ principalType: 'staff', principalId: s.id, credentialId: `key-${s.id}`, publicKey: 'pk', signCount: 0, name: 'Key' });
  request.token = (await createSession(db, { principalType: 'staff', principalId: s.id })).token;
}
const form = (fields: Record<string, string>) => {
  const d = new FormData();
  for (const [k, v] of Object.entries(fields)) d.set(k, v);
  return d;
};

beforeAll(async () => {
  sandbox = await startTestSandbox();
  ({ t, db, storefront } = await setupShop());
  await seedSandboxPanels(db, 'shop');
});
afterAll(async () => {
  await t?.cleanup();
  await sandbox?.close();
});

describe('staff desktop sessions', () => {
  it('lists running sessions across customers; force stop and corrections need services.manage and bill through the same path', async () => {
    const { service, customer } = await meteredService(db, storefront.id, { email: 'staffdesk@example.com', planSlug: 'kasm-developer-basic', cycle: 'hourly', start: new Date().toISOString().slice(0, 10) });
    const [req] = await db.select().from(provisioningRequests).where(eq(provisioningRequests.serviceId, service.id));
    if (req) expect(await runProvisioningRequest(db, storefront.id, req.id, { attempt: 1, finalAttempt: false })).toBe('done');
    expect((await db.select().from(services).where(eq(services.id, service.id)))[0]!.panelRef).not.toBeNull();
    await adjustCredit(db, { customerId: customer.id, currency: 'EUR', amountMinor: 1000, note: 'top-up', staffId: null, actor: system });
    const started = await startKasmSession(db, { servicePublicId: service.publicId, actor: system, now: new Date(Date.now() - 20 * 60_000) });

    await signInAs('billing');
    const page = (await DesktopsPage()) as ReactElement;
    const html = renderToStaticMarkup(page);
    expect(html).toContain('1 running');
    expect(html).toContain('staffdesk@example.com');
    const stopForm = form({ service: service.publicId, session: String(started.sessionId) });
    expect(await forceStopDesktopAction(null, stopForm)).toMatchObject({ ok: false, message: expect.stringMatching(/permission/) });
    expect(await recordDesktopSessionAction(null, form({ service: service.publicId, start: '2026-01-01T09:00', stop: '2026-01-01T10:00', reason: 'missed' }))).toMatchObject({ ok: false, message: expect.stringMatching(/permission/) });

    await signInAs('support');
    expect(await forceStopDesktopAction(null, stopForm)).toEqual({ ok: true, message: 'Stopped; 30 minutes billed.' });
    const [row] = await db.select().from(kasmSessions).where(eq(kasmSessions.id, started.sessionId));
    expect(row).toMatchObject({ status: 'stopped', endReason: 'staff', billedMinutes: 30 });
    expect(await forceStopDesktopAction(null, stopForm)).toMatchObject({ ok: false, message: 'No session is running on this desktop.' });

    const stop = new Date(Date.now() - 60_000);
    const start = new Date(stop.getTime() - 50 * 60_000);
    const iso = (d: Date) => d.toISOString().slice(0, 16);
    expect(await recordDesktopSessionAction(null, form({ service: service.publicId, start: iso(start), stop: iso(stop), reason: 'x' }))).toMatchObject({ ok: false, message: 'reason must say why (at least 3 characters)' });
    expect(await recordDesktopSessionAction(null, form({ service: service.publicId, start: iso(start), stop: iso(stop), reason: 'Panel missed it' }))).toEqual({ ok: true, message: 'Recorded: 60 minutes billed.' });
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.action, 'service.kasm.session_corrected'), eq(auditLog.targetId, service.publicId)));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actorType).toBe('staff');
    // 30 + 60 minutes = 1.5 h × €0.14 = 21 cents.
    const usage = (await getLiveUsage(db, { servicePublicId: service.publicId })).meters.find((m) => m.meter === 'kasm_hours')!;
    expect(usage).toMatchObject({ quantity: '1.5', amountMinor: 21, events: 2 });
  });
});
