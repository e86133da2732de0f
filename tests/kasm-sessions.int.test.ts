import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { invoices, kasmDesktopSettings, kasmSessions, plans, provisioningRequests, services, usageEvents } from '@/db/schema/storefront';
import type { Storefront } from '@/db/schema/central';
import type { StorefrontDb } from '@/lib/db/connection';
import { createCustomer } from '@/lib/customers/create-customer';
import { adjustCredit } from '@/lib/credit/adjust-credit';
import { saveUsageOrderMinimums } from '@/lib/settings/usage-order-settings';
import { customers, emailOutbox } from '@/db/schema/storefront';
import { getKasmDesktopView } from '@/lib/kasm/get-kasm-desktop-view';
import { billKasmSessions } from '@/lib/kasm/bill-kasm-sessions';
import { startKasmSession } from '@/lib/kasm/start-kasm-session';
import { stopKasmSession } from '@/lib/kasm/stop-kasm-session';
import { refreshStartingSession } from '@/lib/kasm/refresh-starting-session';
import { trackKasmSessions } from '@/lib/kasm/track-kasm-sessions';
import { placeOrder } from '@/lib/orders/place-order';
import { runProvisioningRequest } from '@/lib/provisioning/run-request';
import { SANDBOX_KASM_IMAGE_IDS as IMAGES } from '@/lib/setup/sandbox-kasm-images';
import { seedSandboxPanels } from '@/lib/setup/seed-panels';
import { getLiveUsage } from '@/lib/usage/get-live-usage';
import type { SandboxHandle } from '@/sandbox/server';
import { cartItemFor } from './factories/catalog';
import { setupShop } from './factories/shop';
import { expectAppError } from './helpers/expect-app-error';
import { startTestSandbox } from './helpers/sandbox';
import type { TestEnv } from './helpers/test-env';

// Desktop sessions on the sandbox's Kasm stand-in, billed through the usage engine: Start and Stop from the app,
// 15-minute increments rounded up, one usage event per session however often its stop is seen, and the tracker
// adopting sessions started outside the app and closing ones that vanished.

let sandbox: SandboxHandle;
let t: TestEnv;
let db: StorefrontDb;
let storefront: Storefront;
const KEY = 'sandbox-kasm-shop';
const system = { type: 'system' as const, label: 'test' };
const min = (n: number) => n * 60_000;

async function control(what: string, body: unknown) {
  const res = await fetch(`${sandbox.url}/kasm/_control/${what}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBeLessThan(300);
  return res.json() as Promise<{ kasm?: { kasm_id: string } }>;
}

/** A provisioned Developer Basic desktop of a new US customer (USD: $0.15 an hour). */
async function desktop(email: string, credit = 10_000) {
  const c = await createCustomer(db, { input: { email, name: 'Desk Owner', password: 'Correct-Horse-42', country: 'US', currency: 'USD' }, actor: system });
  const item = await cartItemFor(db, 'kasm-developer-basic', {}, 'hourly');
  const placed = await placeOrder(db, { storefrontId: storefront.id, customerId: c.id, cart: { currency: 'USD', country: null, items: [{ id: 'a', item }], couponCodes: [] }, ip: null, actor: system, now: new Date() });
  expect((await db.select().from(invoices).where(eq(invoices.publicId, placed.invoicePublicId)))[0]!.status).toBe('paid');
  const [svc] = await db.select().from(services).where(eq(services.customerId, c.id));
  const [req] = await db.select().from(provisioningRequests).where(eq(provisioningRequests.serviceId, svc!.id));
  expect(await runProvisioningRequest(db, storefront.id, req!.id, { attempt: 1, finalAttempt: false })).toBe('done');
  // Enough credit that the money guard stays out of these tests (it has its own).
  if (credit > 0) await adjustCredit(db, { customerId: c.id, currency: 'USD', amountMinor: credit, note: 'top-up', staffId: null, actor: system });
  return { customerId: c.id, service: (await db.select().from(services).where(eq(services.id, svc!.id)))[0]! };
}

const kasmHours = async (publicId: string) => (await getLiveUsage(db, { servicePublicId: publicId })).meters.find((m) => m.meter === 'kasm_hours')!;
const sessionsOf = (serviceId: number) => db.select().from(kasmSessions).where(eq(kasmSessions.serviceId, serviceId)).orderBy(kasmSessions.id);

beforeAll(async () => {
  sandbox = await startTestSandbox();
  ({ t, db, storefront } = await setupShop());
  await seedSandboxPanels(db, 'shop');
  await control('config', { startMs: 50 });
});
afterAll(async () => {
  await t?.cleanup();
  await sandbox?.close();
});

describe('Kasm desktop sessions', () => {
  it('seeds every demo desktop plan with a kasm_hours meter at its hourly rate, 15-minute steps', async () => {
    const usage = await kasmHours((await desktop('seeded@example.com')).service.publicId);
    expect(usage).toMatchObject({ aggregation: 'sum', unitPriceMinor: '15', quantity: '0', amountMinor: 0 });
    const desktops = (await db.select().from(plans)).filter((p) => p.provisioningModule === 'kasm');
    expect(desktops).toHaveLength(6);
  });

  it('bills a 37-minute session as 0.75 h × $0.15 = $0.1125, and the period rounds once: two such sessions are $0.23', async () => {
    const { service, customerId } = await desktop('desk@example.com');
    const started = await startKasmSession(db, { servicePublicId: service.publicId, customerId, actor: system, now: new Date(Date.now() - min(37)) });
    await expectAppError(startKasmSession(db, { servicePublicId: service.publicId, customerId, actor: system }), 'conflict', /already running/);
    const state = (await (await fetch(`${sandbox.url}/kasm/_control/state`)).json()) as { panels: { sessions: { kasmId: string; username: string | null }[] }[] };
    expect(state.panels.flatMap((p) => p.sessions).filter((s) => s.username === service.publicId)).toHaveLength(1);

    // The card's poll asks Kasm while the session is starting (the stand-in takes 50 ms).
    expect((await sessionsOf(service.id))[0]!.status).toBe('starting');
    await new Promise((r) => setTimeout(r, 80));
    await refreshStartingSession(db, { servicePublicId: service.publicId, customerId });
    expect((await sessionsOf(service.id))[0]!.status).toBe('running');

    const stopped = await stopKasmSession(db, { servicePublicId: service.publicId, customerId, actor: system });
    expect(stopped).toEqual({ sessionId: started.sessionId, billedMinutes: 45 });
    const [row] = await sessionsOf(service.id);
    expect(row).toMatchObject({ status: 'stopped', source: 'app', billedMinutes: 45, endReason: 'customer', billedAt: expect.any(Date) });
    expect(await kasmHours(service.publicId)).toMatchObject({ quantity: '0.75', exactAmountMinor: '11.25', amountMinor: 11, events: 1 });
    await expectAppError(stopKasmSession(db, { servicePublicId: service.publicId, customerId, actor: system }), 'conflict', /No session is running/);

    await startKasmSession(db, { servicePublicId: service.publicId, customerId, actor: system, now: new Date(Date.now() - min(36) - 30_000) });
    await stopKasmSession(db, { servicePublicId: service.publicId, customerId, actor: system });
    // 1.5 h × 15 = 22.5 → 23 minor, rounded once for the period (two sessions rounded alone would be 11 + 11).
    expect(await kasmHours(service.publicId)).toMatchObject({ quantity: '1.5', exactAmountMinor: '22.5', amountMinor: 23, events: 2 });
  });

  it('bills once when a worker was killed between the usage event and marking the session billed, and the events are replayed', async () => {
    const { service, customerId } = await desktop('crash@example.com');
    await startKasmSession(db, { servicePublicId: service.publicId, customerId, actor: system, now: new Date(Date.now() - min(61)) });
    await stopKasmSession(db, { servicePublicId: service.publicId, customerId, actor: system });
    // As if the worker died after the engine took the event: the mark is lost, the event is not.
    await db.update(kasmSessions).set({ billedAt: null }).where(eq(kasmSessions.serviceId, service.id));
    expect((await billKasmSessions(db)).billed).toBeGreaterThanOrEqual(1);
    await db.update(kasmSessions).set({ billedAt: null }).where(eq(kasmSessions.serviceId, service.id));
    await trackKasmSessions(db);
    expect(await db.select().from(usageEvents).where(eq(usageEvents.serviceId, service.id))).toHaveLength(1);
    expect(await kasmHours(service.publicId)).toMatchObject({ quantity: '1.25', amountMinor: 19, events: 1 });
    expect((await sessionsOf(service.id))[0]!.billedAt).not.toBeNull();
  });

  it('adopts a session started outside the app once, and closes and bills one that vanished from the panel', async () => {
    const { service } = await desktop('outside@example.com');
    const { kasm } = await control('sessions', { apiKey: KEY, username: service.publicId, imageId: IMAGES.vsCode });
    await new Promise((r) => setTimeout(r, 100));
    const first = await trackKasmSessions(db);
    expect(first.adopted).toBe(1);
    expect((await trackKasmSessions(db)).adopted).toBe(0);
    const [adopted] = await sessionsOf(service.id);
    expect(adopted).toMatchObject({ source: 'tracker', status: 'running', kasmId: kasm!.kasm_id.replace(/-/g, '').toLowerCase() });

    await control('sessions/destroy', { apiKey: KEY, kasmId: kasm!.kasm_id });
    const closing = await trackKasmSessions(db);
    expect(closing.closed).toBe(1);
    expect((await trackKasmSessions(db)).closed).toBe(0);
    expect((await sessionsOf(service.id))[0]).toMatchObject({ status: 'stopped', endReason: 'vanished', billedMinutes: 15, billedAt: expect.any(Date) });
    expect(await kasmHours(service.publicId)).toMatchObject({ quantity: '0.25', events: 1 });
  });

  it("ends a session at the plan's maximum length and after the customer's idle minutes", async () => {
    const { service, customerId } = await desktop('limits@example.com');
    const plan = (await db.select().from(plans).where(eq(plans.id, service.planId)))[0]!;
    await db.update(plans).set({ moduleSettings: { ...(plan.moduleSettings as object), maxSessionMinutes: 60 } }).where(eq(plans.id, plan.id));
    try {
      await startKasmSession(db, { servicePublicId: service.publicId, customerId, actor: system, now: new Date(Date.now() - min(61)) });
      const r = await trackKasmSessions(db);
      expect(r.stopped.map((s) => s.reason)).toEqual(['max_length']);
      expect((await sessionsOf(service.id))[0]).toMatchObject({ status: 'stopped', endReason: 'max_length', billedMinutes: 75 });
    } finally {
      await db.update(plans).set({ moduleSettings: plan.moduleSettings }).where(eq(plans.id, plan.id));
    }

    await db.insert(kasmDesktopSettings).values({ serviceId: service.id, idleStopMinutes: 30 });
    await startKasmSession(db, { servicePublicId: service.publicId, customerId, actor: system });
    expect((await trackKasmSessions(db, { now: new Date(Date.now() + min(2)) })).stopped).toEqual([]);
    const idle = await trackKasmSessions(db, { now: new Date(Date.now() + min(31)) });
    expect(idle.stopped.map((s) => s.reason)).toEqual(['idle']);
  });

  it("refuses to start a suspended desktop, and answers 404 for another customer's or an unknown service", async () => {
    const a = await desktop('owner-a@example.com');
    const b = await desktop('owner-b@example.com');
    await expectAppError(startKasmSession(db, { servicePublicId: a.service.publicId, customerId: b.customerId, actor: system }), 'not_found');
    await expectAppError(stopKasmSession(db, { servicePublicId: a.service.publicId, customerId: b.customerId, actor: system }), 'not_found');
    await expectAppError(startKasmSession(db, { servicePublicId: 'svc_nope', actor: system }), 'not_found');
    await db.update(services).set({ status: 'suspended', suspensionReason: 'overdue' }).where(eq(services.id, a.service.id));
    await expectAppError(startKasmSession(db, { servicePublicId: a.service.publicId, customerId: a.customerId, actor: system }), 'conflict', /suspended/);
    expect(await db.select().from(kasmSessions).where(and(eq(kasmSessions.serviceId, a.service.id)))).toHaveLength(0);
  });

  it('lets a customer order a desktop only with $5 of credit (or the storefront minimum) or a saved payment method', async () => {
    const c = await createCustomer(db, { input: { email: 'buyer@example.com', name: 'Buyer', password: 'Correct-Horse-42', country: 'US', currency: 'USD' }, actor: system });
    await db.update(customers).set({ emailVerifiedAt: new Date() }).where(eq(customers.id, c.id));
    const actor = { type: 'customer' as const, id: c.id, label: 'buyer@example.com' };
    const order = async () =>
      placeOrder(db, { storefrontId: storefront.id, customerId: c.id, cart: { currency: 'USD', country: null, items: [{ id: 'a', item: await cartItemFor(db, 'kasm-developer-basic', {}, 'hourly') }], couponCodes: [] }, ip: null, actor, now: new Date() });
    await expectAppError(order(), 'conflict', /at least \$5\.00 of account credit \(you have \$0\.00\) or a saved payment method/);
    await adjustCredit(db, { customerId: c.id, currency: 'USD', amountMinor: 499, note: 'top-up', staffId: null, actor: system });
    await expectAppError(order(), 'conflict', /you have \$4\.99/);
    await saveUsageOrderMinimums(db, { USD: 400 });
    try {
      expect((await order()).invoicePublicId).toMatch(/^inv_/);
    } finally {
      await saveUsageOrderMinimums(db, {});
    }
    await adjustCredit(db, { customerId: c.id, currency: 'USD', amountMinor: 1, note: 'top-up', staffId: null, actor: system });
    expect((await order()).invoicePublicId).toMatch(/^inv_/);
  });

  it('warns at half and a fifth of credit left, once each, and at zero stops the running session with notice', async () => {
    const { service, customerId } = await desktop('guard@example.com', 100);
    // 4 × 45 min = 3 h × 15 = 45 cents of $1.00: 55 left, no notice yet.
    for (let i = 0; i < 4; i++) {
      await startKasmSession(db, { servicePublicId: service.publicId, customerId, actor: system, now: new Date(Date.now() - min(40)) });
      await stopKasmSession(db, { servicePublicId: service.publicId, customerId, actor: system });
    }
    expect((await trackKasmSessions(db)).credit.notices).toEqual([]);
    await startKasmSession(db, { servicePublicId: service.publicId, customerId, actor: system, now: new Date(Date.now() - min(40)) });
    await stopKasmSession(db, { servicePublicId: service.publicId, customerId, actor: system });
    // 3.75 h × 15 = 56.25 → 56: 44 left, under half.
    expect((await trackKasmSessions(db)).credit.notices).toEqual([{ customerId, level: 'half' }]);
    expect((await trackKasmSessions(db)).credit.notices).toEqual([]);
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.template, 'desktop-credit-low'));
    expect(mails).toHaveLength(1);
    expect((await getKasmDesktopView(db, { servicePublicId: service.publicId })).creditNotice).toMatch(/running low/);

    // A session of 5 h 55 min (billed 6 h, 90 cents so far) spends the credit, so the guard stops it.
    await startKasmSession(db, { servicePublicId: service.publicId, customerId, actor: system, now: new Date(Date.now() - min(355)) });
    const empty = await trackKasmSessions(db);
    expect(empty.credit).toEqual({ notices: [{ customerId, level: 'empty' }], stopped: [service.publicId] });
    const last = (await sessionsOf(service.id)).at(-1)!;
    expect(last).toMatchObject({ status: 'stopped', endReason: 'no_credit', billedMinutes: 360 });
    expect((await getKasmDesktopView(db, { servicePublicId: service.publicId })).creditNotice).toMatch(/used up/);
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.template, 'desktop-credit-low'))).toHaveLength(2);
    await expectAppError(startKasmSession(db, { servicePublicId: service.publicId, customerId, actor: system }), 'conflict', /credit is used up/);
  });

  it('still bills a session that a suspension ended, up to the suspension, and nothing recorded after it', async () => {
    const { service, customerId } = await desktop('suspended-run@example.com');
    await startKasmSession(db, { servicePublicId: service.publicId, customerId, actor: system, now: new Date(Date.now() - min(50)) });
    await db.update(services).set({ status: 'suspended', suspensionReason: 'overdue', suspendedAt: new Date(Date.now() - min(1)) }).where(eq(services.id, service.id));
    await stopKasmSession(db, { servicePublicId: service.publicId, actor: system, endReason: 'staff' });
    expect((await sessionsOf(service.id))[0]).toMatchObject({ billedMinutes: 60, billedAt: expect.any(Date) });
    expect(await kasmHours(service.publicId)).toMatchObject({ quantity: '1', events: 1 });
  });
});
