import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { auditLog, currencies, invoices, plans, services, sessions } from '@/db/schema/storefront';
import type { Cart } from '@/lib/cart/schemas';
import type { StorefrontDb } from '@/lib/db/connection';
import { revokeOtherSessions } from '@/lib/auth/revoke-other-sessions';
import { createSession } from '@/lib/auth/sessions';
import { findCurrency } from '@/lib/catalog/find-currency';
import { listCreditCurrencies } from '@/lib/credit/list-credit-currencies';
import { getCustomerSummary } from '@/lib/customers/get-customer-summary';
import { findInvoiceCurrency } from '@/lib/invoices/find-invoice-currency';
import { placeOrder } from '@/lib/orders/place-order';
import { findInvoiceCharge } from '@/lib/payments/admin/find-invoice-charge';
import { createTransaction } from '@/lib/payments/transactions';
import { findServiceId } from '@/lib/provisioning/admin/find-service-id';
import { listStorefronts } from '@/lib/tenancy/list-storefronts';
import { cartItemFor } from './factories/catalog';
import { createTestCustomer } from './factories/people';
import { setupShop } from './factories/shop';
import type { TestEnv } from './helpers/test-env';

// The lookups pages and server actions used to run inline, now lib functions over ctx.db.

let t: TestEnv;
let db: StorefrontDb;
let storefrontId: number;
const system = { type: 'system' as const, label: 'test' };

let n = 0;
async function customerWithInvoice() {
  n += 1;
  const c = await createTestCustomer(db, `l${n}@example.com`, `Lookup ${n}`);
  const cart: Cart = { currency: 'EUR', country: null, items: [{ id: 'i0', item: await cartItemFor(db, 'ded-epyc-7443p', { hostname: 'db1.example.com' }) }], couponCodes: [] };
  const placed = await placeOrder(db, { storefrontId, customerId: c.id, cart, ip: null, actor: system });
  const [inv] = await db.select().from(invoices).where(eq(invoices.publicId, placed.invoicePublicId));
  const [svc] = await db.select().from(services).where(eq(services.customerId, c.id));
  return { c, inv: inv!, svc: svc! };
}

beforeAll(async () => {
  ({ t, db, storefrontId } = await setupShop());
  await db.update(plans).set({ stockQuantity: 100 }).where(eq(plans.slug, 'ded-epyc-7443p'));
});
afterAll(async () => {
  await t.cleanup();
});

describe('currency lookups', () => {
  it('finds a currency by code, enabled or not, and nothing for an unknown code', async () => {
    expect(await findCurrency(db, { code: 'EUR' })).toMatchObject({ code: 'EUR', minorDigits: 2, locale: 'de-DE' });
    await db.update(currencies).set({ enabled: false }).where(eq(currencies.code, 'GBP'));
    expect(await findCurrency(db, { code: 'GBP' })).toMatchObject({ code: 'GBP', enabled: false });
    await db.update(currencies).set({ enabled: true }).where(eq(currencies.code, 'GBP'));
    expect(await findCurrency(db, { code: 'XYZ' })).toBeNull();
  });

  it('lists enabled credit currencies plus the held ones, in sort order', async () => {
    await db.update(currencies).set({ enabled: false }).where(eq(currencies.code, 'GBP'));
    expect((await listCreditCurrencies(db, { held: [] })).map((c) => c.code)).toEqual(['USD', 'EUR']);
    expect((await listCreditCurrencies(db, { held: ['GBP'] })).map((c) => c.code)).toEqual(['USD', 'EUR', 'GBP']);
    await db.update(currencies).set({ enabled: true }).where(eq(currencies.code, 'GBP'));
  });

  it("gives an invoice's currency with its digits and locale", async () => {
    const { inv } = await customerWithInvoice();
    expect(await findInvoiceCurrency(db, { invoicePublicId: inv.publicId })).toEqual({ code: 'EUR', minorDigits: 2, locale: 'de-DE' });
    expect(await findInvoiceCurrency(db, { invoicePublicId: 'inv_doesnotexist' })).toBeNull();
  });
});

describe('lookups by public id', () => {
  it('finds a charge only on its own invoice', async () => {
    const a = await customerWithInvoice();
    const b = await customerWithInvoice();
    const charge = await createTransaction(db, { customerId: a.c.id, invoiceId: a.inv.id, gateway: 'stripe', kind: 'charge', flow: 'hosted', currency: 'EUR', amountMinor: a.inv.totalMinor });
    expect(await findInvoiceCharge(db, { invoicePublicId: a.inv.publicId, paymentPublicId: charge.publicId })).toEqual({ currency: 'EUR', minorDigits: 2 });
    expect(await findInvoiceCharge(db, { invoicePublicId: b.inv.publicId, paymentPublicId: charge.publicId })).toBeNull();
  });

  it("finds a service's id and a customer's summary", async () => {
    const { c, svc } = await customerWithInvoice();
    expect(await findServiceId(db, { publicId: svc.publicId })).toBe(svc.id);
    expect(await findServiceId(db, { publicId: 'svc_doesnotexist' })).toBeNull();
    expect(await getCustomerSummary(db, { customerId: c.id })).toMatchObject({ id: c.id, email: c.email, currency: 'EUR', taxExempt: false });
    expect(await getCustomerSummary(db, { customerId: 999_999 })).toBeNull();
  });

  it('lists the storefronts with their hostnames from the central database', async () => {
    const { storefronts, hostnames } = await listStorefronts();
    const shop = storefronts.find((s) => s.id === storefrontId);
    expect(shop).toMatchObject({ slug: 'shop' });
    expect(hostnames.filter((h) => h.storefrontId === storefrontId).map((h) => h.hostname)).toContain('shop.test');
  });
});

describe('sign out everywhere else', () => {
  it('ends every other session of the customer and audits the count in the same transaction', async () => {
    const { c } = await customerWithInvoice();
    for (let i = 0; i < 3; i += 1) await createSession(db, { principalType: 'customer', principalId: c.id });
    const [keep] = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.principalId, c.id)).limit(1);
    const revoked = await revokeOtherSessions(db, { customerId: c.id, keepSessionId: keep!.id, actor: { type: 'customer', id: c.id, label: c.email } });
    expect(revoked).toBe(2);
    const live = await db.select({ id: sessions.id }).from(sessions).where(and(eq(sessions.principalType, 'customer'), eq(sessions.principalId, c.id), isNull(sessions.revokedAt)));
    expect(live).toEqual([{ id: keep!.id }]);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.other_sessions_revoked'), eq(auditLog.targetId, String(c.id))));
    expect(audit).toMatchObject({ actorType: 'customer', targetType: 'customer', after: { sessionsRevoked: 2 } });
  });
});
