import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { invoices, panels, plans, provisioningLog, provisioningRequests, services } from '@/db/schema/storefront';
import type { Storefront } from '@/db/schema/central';
import { staffServiceAction } from '@/lib/billing/staff-service-action';
import type { StorefrontDb } from '@/lib/db/connection';
import { loadPlanSettingChoices } from '@/lib/provisioning/admin/plan-setting-choices';
import { testPanel } from '@/lib/provisioning/panels';
import { runProvisioningRequest } from '@/lib/provisioning/run-request';
import { SANDBOX_KASM_IMAGE_IDS as IMAGES } from '@/lib/setup/sandbox-kasm-images';
import { seedSandboxPanels } from '@/lib/setup/seed-panels';
import type { SandboxHandle } from '@/sandbox/server';
import { createCustomer } from '@/lib/customers/create-customer';
import { placeOrder } from '@/lib/orders/place-order';
import { cartItemFor } from './factories/catalog';
import { setupShop } from './factories/shop';
import { startTestSandbox } from './helpers/sandbox';
import type { TestEnv } from './helpers/test-env';

// The demo's cloud desktop plans on the sandbox's Kasm stand-in: the seeded panel and plans, the plan form's image
// picker, and a desktop service through the provisioning pipeline from order to termination.

let sandbox: SandboxHandle;
let t: TestEnv;
let db: StorefrontDb;
let storefront: Storefront;
const staff = { type: 'staff' as const, id: 1, label: 'boss@example.com' };
const KEY = 'sandbox-kasm-shop';

interface KasmState {
  panels: { users: { userId: string; username: string; disabled: boolean }[]; sessions: { kasmId: string; username: string | null }[] }[];
}
const kasmState = async () => (await (await fetch(`${sandbox.url}/kasm/_control/state`)).json()) as KasmState;
const kasmUser = async (username: string) => (await kasmState()).panels.flatMap((p) => p.users).find((u) => u.username === username);
const kasmSessions = async (username: string) => (await kasmState()).panels.flatMap((p) => p.sessions).filter((s) => s.username === username);

async function control(what: string, body: unknown) {
  const res = await fetch(`${sandbox.url}/kasm/_control/${what}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBeLessThan(300);
}

const planBySlug = async (slug: string) => (await db.select().from(plans).where(eq(plans.slug, slug)))[0]!;
/** An hourly desktop is ordered with nothing to pay up front (its time is billed as it runs): the service starts at once. */
async function orderDesktop(email: string, slug: string) {
  const system = { type: 'system' as const, label: 'test' };
  const c = await createCustomer(db, { input: { email, name: 'Desk Owner', password: 'Correct-Horse-42', country: 'DE', currency: 'EUR' }, actor: system });
  const item = await cartItemFor(db, slug, {}, 'hourly');
  const placed = await placeOrder(db, { storefrontId: storefront.id, customerId: c.id, cart: { currency: 'EUR', country: null, items: [{ id: 'a', item }], couponCodes: [] }, ip: null, actor: system, now: new Date() });
  const [inv] = await db.select().from(invoices).where(eq(invoices.publicId, placed.invoicePublicId));
  expect(inv!.status).toBe('paid');
  const [service] = await db.select().from(services).where(eq(services.customerId, c.id));
  return { service: service!, requestId: (await latestRequest(service!.id)).id };
}

const latestRequest = async (serviceId: number) => (await db.select().from(provisioningRequests).where(eq(provisioningRequests.serviceId, serviceId)).orderBy(desc(provisioningRequests.id)).limit(1))[0]!;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  ({ t, db, storefront } = await setupShop());
  await seedSandboxPanels(db, 'shop');
  await control('config', { startMs: 100 });
});
afterAll(async () => {
  await t?.cleanup();
  await sandbox?.close();
});

describe('the demo cloud desktops on the Kasm stand-in', () => {
  it('seeds a Kasm panel that connects, and six desktop plans on the kasm module with an image it has', async () => {
    const [panel] = await db.select().from(panels).where(eq(panels.module, 'kasm'));
    expect(panel).toMatchObject({ name: 'Sandbox Kasm Workspaces', url: `${sandbox.url}/kasm` });
    expect(await testPanel(db, panel!.publicId)).toMatchObject({ ok: true, message: expect.stringMatching(/^Connected to Kasm Workspaces: 8 workspace images/) });

    const desktops = (await db.select().from(plans)).filter((p) => p.serviceType === 'cloud_desktop');
    expect(desktops.map((p) => p.name)).toEqual(['Developer Basic', 'Developer Pro', 'Developer Enterprise', 'Business Basic', 'Business Pro', 'Business Enterprise']);
    const enabled = Object.entries(IMAGES).filter(([name]) => name !== 'ubuntuFocalDesktop').map(([, id]) => id);
    for (const p of desktops) {
      expect(p.provisioningModule).toBe('kasm');
      expect(enabled).toContain((p.moduleSettings as { imageId: string }).imageId);
    }
  });

  it("gives the plan form the panel's images to pick from, and says why when it cannot", async () => {
    const plan = await planBySlug('kasm-developer-basic');
    const picker = await loadPlanSettingChoices(db, plan);
    expect(picker).toMatchObject({ module: 'kasm', panelName: 'Sandbox Kasm Workspaces', error: null });
    expect(picker!.fields).toHaveLength(1);
    expect(picker!.fields[0]).toMatchObject({ key: 'imageId', current: IMAGES.vsCode });
    expect(picker!.fields[0]!.options).toContainEqual({ value: IMAGES.chrome, label: 'Chrome (kasmweb/chrome:1.16.0)' });

    expect(await loadPlanSettingChoices(db, await planBySlug('vps-starter'))).toBeNull();
    expect(await loadPlanSettingChoices(db, { provisioningModule: null, moduleSettings: {} })).toBeNull();

    await control('faults', { failNext: 1, failStatus: 503 });
    const down = await loadPlanSettingChoices(db, plan);
    expect(down).toMatchObject({ fields: [], error: expect.stringMatching(/^Sandbox Kasm Workspaces did not give its list: .*503/) });

    await db.update(panels).set({ enabled: false }).where(eq(panels.module, 'kasm'));
    try {
      expect((await loadPlanSettingChoices(db, plan))?.error).toMatch(/No enabled Kasm Workspaces panel/);
    } finally {
      await db.update(panels).set({ enabled: true }).where(eq(panels.module, 'kasm'));
    }
  });

  it('provisions an ordered desktop as a Kasm user, suspends it (ending its sessions) and terminates it', async () => {
    const o = await orderDesktop('desk@example.com', 'kasm-developer-basic');
    await control('faults', { failNext: 1, failStatus: 500 });
    await expect(runProvisioningRequest(db, storefront.id, o.requestId, { attempt: 1, finalAttempt: false })).rejects.toThrow(/500/);
    expect(await runProvisioningRequest(db, storefront.id, o.requestId, { attempt: 2, finalAttempt: false })).toBe('done');

    const user = await kasmUser(o.service.publicId);
    expect(user).toMatchObject({ disabled: false });
    const [svc] = await db.select().from(services).where(eq(services.id, o.service.id));
    expect(svc).toMatchObject({ provisioningStatus: 'active', panelRef: user!.userId, credentials: null });
    expect(svc!.details).toMatchObject({ kasmUserId: user!.userId, kasmUsername: o.service.publicId, workspace: 'Visual Studio Code' });
    const log = JSON.stringify(await db.select().from(provisioningLog).where(eq(provisioningLog.serviceId, o.service.id)));
    expect(log).toContain('/kasm/api/public/create_user');
    expect(log).not.toContain('sandbox-secret-shop');

    // The customer (or anyone on Kasm's dashboard) has a desktop running when staff suspend the service.
    await control('sessions', { apiKey: KEY, username: o.service.publicId, imageId: IMAGES.vsCode });
    expect(await kasmSessions(o.service.publicId)).toHaveLength(1);
    await staffServiceAction(db, { input: { serviceId: o.service.id, action: 'suspend', reason: 'abuse', note: 'Crypto mining' }, actor: staff });
    const suspend = await latestRequest(o.service.id);
    expect(suspend.action).toBe('suspend');
    expect(await runProvisioningRequest(db, storefront.id, suspend.id, { attempt: 1, finalAttempt: false })).toBe('done');
    expect(await kasmUser(o.service.publicId)).toMatchObject({ disabled: true });
    expect(await kasmSessions(o.service.publicId)).toHaveLength(0);

    await staffServiceAction(db, { input: { serviceId: o.service.id, action: 'terminate', note: 'Done' }, actor: staff });
    const terminate = await latestRequest(o.service.id);
    expect(terminate.action).toBe('terminate');
    expect(await runProvisioningRequest(db, storefront.id, terminate.id, { attempt: 1, finalAttempt: false })).toBe('done');
    expect(await kasmUser(o.service.publicId)).toBeUndefined();
  });
});
