import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { services } from '@/db/schema/storefront';
import type { CartItem } from '@/lib/cart/schemas';
import { createCustomer } from '@/lib/customers/create-customer';
import type { StorefrontDb } from '@/lib/db/connection';
import { placeOrder } from '@/lib/orders/place-order';
import { encryptSecret } from '@/lib/security/secret-box';
import { getCustomerServicePage } from '@/lib/provisioning/get-customer-service-page';
import { listSettingUpServiceIds } from '@/lib/provisioning/list-setting-up-service-ids';
import { planOrThrow, vpsOptions } from './factories/catalog';
import { setupShop } from './factories/shop';
import type { TestEnv } from './helpers/test-env';

let t: TestEnv;
let db: StorefrontDb;
let storefrontId: number;
const system = { type: 'system' as const, label: 'test' };

let n = 0;
/** A customer with one (unpaid) VPS order: enough for the page's queries, which do not care how it got there. */
async function customerWithVps() {
  n += 1;
  const c = await createCustomer(db, { input: { email: `svc${n}@example.com`, name: `Svc ${n}`, password: 'Correct-Horse-42', country: 'DE', currency: 'EUR' }, actor: system });
  const plan = await planOrThrow(db, 'vps-starter');
  const os = vpsOptions(plan).os;
  const item: CartItem = { planSlug: 'vps-starter', cycle: 'monthly', locationId: plan.locations[0]!.id, options: [{ optionId: os.id, valueId: os.values[0]!.id, quantity: 1 }], fields: { hostname: `vm${n}.example.com` } };
  await placeOrder(db, { storefrontId, customerId: c.id, cart: { currency: 'EUR', country: null, items: [{ id: 'a', item }], couponCodes: [] }, ip: null, actor: system, now: new Date() });
  const [svc] = await db.select().from(services).where(eq(services.customerId, c.id));
  return { customerId: c.id, service: svc! };
}

beforeAll(async () => {
  ({ t, db, storefrontId } = await setupShop());
});
afterAll(async () => {
  await t?.cleanup();
});

describe('account service page data', () => {
  it('finds a service only for its own account, with the plan, the module controls and no credentials', async () => {
    const a = await customerWithVps();
    const b = await customerWithVps();
    const page = await getCustomerServicePage(db, { publicId: a.service.publicId, customerId: a.customerId });
    expect(page).toMatchObject({ id: a.service.id, planName: 'VPS Starter', serviceType: 'vps', hasCredentials: false, panelAccess: 'sso' });
    expect(page!.powerActions).toEqual(['boot', 'shutdown', 'restart', 'poweroff']);
    expect(page).not.toHaveProperty('credentials');
    expect(await getCustomerServicePage(db, { publicId: a.service.publicId, customerId: b.customerId })).toBeNull();
    expect(await getCustomerServicePage(db, { publicId: 'svc_doesnotexist', customerId: a.customerId })).toBeNull();
  });

  it('tells whether a login is stored without reading it', async () => {
    const a = await customerWithVps();
    await db
      .update(services)
      .set({ status: 'active', provisioningStatus: 'active', details: { ips: ['192.0.2.10'], hostname: 'vm.example.com' }, credentials: encryptSecret(JSON.stringify({ username: 'root', password: 's3cret' })) })
      .where(eq(services.id, a.service.id));
    const page = await getCustomerServicePage(db, { publicId: a.service.publicId, customerId: a.customerId });
    expect(page).toMatchObject({ status: 'active', provisioningStatus: 'active', hasCredentials: true, details: { ips: ['192.0.2.10'], hostname: 'vm.example.com' } });
    expect(JSON.stringify(page)).not.toContain('s3cret');
  });

  it('lists the services still being set up, a failed or hardware-waiting one included', async () => {
    const a = await customerWithVps();
    const second = await customerWithVps();
    // Move the second customer's service over so one account holds several states.
    await db.update(services).set({ customerId: a.customerId, provisioningStatus: 'failed' }).where(eq(services.id, second.service.id));
    await db.update(services).set({ provisioningStatus: 'building' }).where(eq(services.id, a.service.id));
    expect([...(await listSettingUpServiceIds(db, { customerId: a.customerId }))].sort()).toEqual([a.service.id, second.service.id].sort());
    await db.update(services).set({ provisioningStatus: 'active' }).where(eq(services.id, a.service.id));
    await db.update(services).set({ provisioningStatus: 'awaiting_hardware' }).where(eq(services.id, second.service.id));
    expect([...(await listSettingUpServiceIds(db, { customerId: a.customerId }))]).toEqual([second.service.id]);
  });

});
