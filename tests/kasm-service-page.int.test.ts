import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { kasmSessions, panels, services, sessions, teamMembers } from '@/db/schema/storefront';
import type { Storefront } from '@/db/schema/central';
import { createSession } from '@/lib/auth/sessions';
import type { StorefrontDb } from '@/lib/db/connection';
import { getKasmDesktopView, type KasmDesktopView } from '@/lib/kasm/get-kasm-desktop-view';
import { seedSandboxPanels } from '@/lib/setup/seed-panels';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { seedTestCatalog } from './factories/catalog';
import { setupShop } from './factories/shop';
import { createTestCustomer } from './factories/people';
import { meteredService } from './factories/usage';
import type { TestEnv } from './helpers/test-env';

// The desktop card's JSON route, called as Next calls it (only the Host header and session cookie stood in for):
// the running time and cost a customer's page polls, for the signed-in account's own desktop on its own storefront.

const request = vi.hoisted(() => ({ host: '', customerToken: '' }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ host: request.host, 'user-agent': 'vitest' }),
  cookies: async () => ({
    get: (name: string) => (name === 'ezs_account_session' && request.customerToken ? { name, value: request.customerToken } : undefined),
    set: () => undefined,
    delete: () => undefined,
  }),
}));
const { GET: desktopRoute } = await import('@/app/account/(shell)/services/[id]/desktop/route');

let t: TestEnv;
let db: StorefrontDb;
let storefront: Storefront;
const min = (n: number) => n * 60_000;

const call = async (host: string, token: string, id: string) => {
  request.host = host;
  request.customerToken = token;
  return desktopRoute(new Request(`http://${host}/services/${id}/desktop`), { params: Promise.resolve({ id }) });
};

beforeAll(async () => {
  ({ t, db, storefront } = await setupShop());
  await seedSandboxPanels(db, 'shop');
});
afterAll(async () => {
  await t?.cleanup();
});

describe("a desktop's live JSON", () => {
  it("shows 'running for 2 h 37 min' at the cost of 2.75 h, the month and the history, to its own account only", async () => {
    // A German customer (EUR): Developer Basic is €0.14 an hour.
    const start = new Date().toISOString().slice(0, 10);
    const { customer, service } = await meteredService(db, storefront.id, { email: 'own@example.com', planSlug: 'kasm-developer-basic', cycle: 'hourly', start });
    const [panel] = await db.select().from(panels).where(eq(panels.module, 'kasm'));
    await db.update(services).set({ panelId: panel!.id, panelRef: 'u1' }).where(eq(services.id, service.id));
    const now = Date.now();
    await db.insert(kasmSessions).values([
      { serviceId: service.id, panelId: panel!.id, kasmId: 'done1', status: 'stopped', source: 'app', startedAt: new Date(now - min(300)), stoppedAt: new Date(now - min(263)), billedMinutes: 45, billedAt: new Date() },
      { serviceId: service.id, panelId: panel!.id, kasmId: 'live1', status: 'running', source: 'app', startedAt: new Date(now - min(157) - 20_000) },
    ]);

    const own = (await createSession(db, { principalType: 'customer', principalId: customer.id })).token;
    const res = await call('account.shop.test', own, service.publicId);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const view = (await res.json()) as KasmDesktopView;
    // 2 h 37 min rounds up to 2.75 h × 14 = 38.5 → 39 cents.
    expect(view.running).toMatchObject({ status: 'running', runningFor: '2 h 37 min', billedMinutes: 165, costMinor: 39, hasLink: false });
    // 45 minutes × €0.14 = 10.5 → 11 cents; the session's link never travels in the polled JSON.
    expect(view.sessions).toMatchObject([{ stoppedAt: null }, { billedMinutes: 45, cost: expect.stringMatching(/0[.,]11/) }]);
    expect(JSON.stringify(view)).not.toContain('kasm_url');
    expect(view.rule).toMatch(/15-minute increments, rounded up/);
    expect(view.month).toMatchObject({ hours: '0', amountMinor: 0 });

    // Another customer of the shop: the same 404 as no such service.
    const stranger = await createTestCustomer(db, 'stranger@example.com', 'Stranger');
    const strangerToken = (await createSession(db, { principalType: 'customer', principalId: stranger.id })).token;
    expect((await call('account.shop.test', strangerToken, service.publicId)).status).toBe(404);
    expect((await call('account.shop.test', own, 'svc_nothere')).status).toBe(404);
    expect((await call('account.shop.test', '', service.publicId)).status).toBe(401);

    // A team member acting for the owner without services.view: 403.
    const member = await createTestCustomer(db, 'member@example.com', 'Member');
    await db.insert(teamMembers).values({ ownerId: customer.id, memberId: member.id, permissions: ['billing.view'] });
    const memberToken = (await createSession(db, { principalType: 'customer', principalId: member.id })).token;
    await db.update(sessions).set({ actingForCustomerId: customer.id }).where(and(eq(sessions.principalType, 'customer'), eq(sessions.principalId, member.id)));
    expect((await call('account.shop.test', memberToken, service.publicId)).status).toBe(403);

    // Another storefront's customer asking for this shop's service id on their own host: their database has no such service.
    const otherSf = await createStorefront({ slug: 'other', name: 'Other', domain: 'other.test' });
    const other = { db: openStorefrontDb(otherSf) };
    await seedTestCatalog(other.db);
    const theirs = await createTestCustomer(other.db, 'them@example.com', 'Them');
    const theirToken = (await createSession(other.db, { principalType: 'customer', principalId: theirs.id })).token;
    expect((await call('account.other.test', theirToken, service.publicId)).status).toBe(404);
    await expect(getKasmDesktopView(other.db, { servicePublicId: service.publicId })).rejects.toMatchObject({ code: 'not_found' });
  });
});
