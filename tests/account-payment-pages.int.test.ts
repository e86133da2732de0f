import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { invoices, paymentTransactions, plans, services } from '@/db/schema/storefront';
import type { Storefront } from '@/db/schema/central';
import type { Cart } from '@/lib/cart/schemas';
import type { StorefrontDb } from '@/lib/db/connection';
import { recordBankPayment } from '@/lib/invoices/record-bank-payment';
import { placeOrder } from '@/lib/orders/place-order';
import { listPaymentMethods, removePaymentMethod, setServicePaymentMethod } from '@/lib/payments/payment-methods';
import { startInvoicePayment } from '@/lib/payments/start-invoice-payment';
import { createTransaction, upsertSavedMethod } from '@/lib/payments/transactions';
import { assertTeamAllows, teamAllows } from '@/lib/teams/permissions';
import { attemptNotice } from '@/app/account/(shell)/invoices/[id]/payment-attempts';
import { findInvoiceAttempt } from '@/lib/payments/find-invoice-attempt';
import { listInvoiceAttempts } from '@/lib/payments/list-invoice-attempts';
import { listServiceRenewalMethods } from '@/lib/payments/list-service-renewal-methods';
import { cartItemFor } from './factories/catalog';
import { createTestCustomer } from './factories/people';
import { setupShop } from './factories/shop';
import { expectAppError } from './helpers/expect-app-error';
import type { TestEnv } from './helpers/test-env';

// What the account's payment pages and their actions run, without a browser: the server actions themselves need a
// Next request (cookies, Host), so these call the same domain functions and page queries with the same inputs.

let t: TestEnv;
let db: StorefrontDb;
let storefrontId: number;
let storefront: Storefront;
const system = { type: 'system' as const, label: 'test' };

let n = 0;
async function customer() {
  n += 1;
  return createTestCustomer(db, `p${n}@example.com`, `Payer ${n}`);
}

const dedicatedItem = () => cartItemFor(db, 'ded-epyc-7443p', { hostname: 'db1.example.com' });

/** A customer with one unpaid order invoice and the service it created. */
async function customerWithInvoice() {
  const c = await customer();
  const cart: Cart = { currency: 'EUR', country: null, items: [{ id: 'i0', item: await dedicatedItem() }], couponCodes: [] };
  const placed = await placeOrder(db, { storefrontId, customerId: c.id, cart, ip: null, actor: system });
  const [inv] = await db.select().from(invoices).where(eq(invoices.publicId, placed.invoicePublicId));
  const [svc] = await db.select().from(services).where(eq(services.customerId, c.id));
  return { c, inv: inv!, svc: svc! };
}

const card = (id: string, last4: string) => ({ gatewayMethodId: id, kind: 'card' as const, brand: 'visa', last4, expMonth: 12, expYear: 2030, label: null });

beforeAll(async () => {
  ({ t, db, storefrontId, storefront } = await setupShop());
  await db.update(plans).set({ stockQuantity: 100 }).where(eq(plans.slug, 'ded-epyc-7443p'));
});
afterAll(async () => {
  await t.cleanup();
});

describe('who may pay and manage methods', () => {
  it('a member who may only view billing is refused paying and managing methods', () => {
    const viewer = { permissions: ['billing.view'] };
    expect(teamAllows(viewer.permissions, 'billing.view')).toBe(true);
    expect(() => assertTeamAllows(viewer, 'billing.pay')).toThrow(/does not allow/);
    expect(() => assertTeamAllows(viewer, 'payment_methods.manage')).toThrow(/does not allow/);
    // Managing methods lets them see the payment methods page (billing.view), not pay invoices.
    expect(teamAllows(['payment_methods.manage'], 'billing.view')).toBe(true);
    expect(teamAllows(['payment_methods.manage'], 'billing.pay')).toBe(false);
  });
});

describe('paying an invoice on a gateway', () => {
  it('refuses another customer’s invoice and one that is already paid, before any gateway is called', async () => {
    const { inv } = await customerWithInvoice();
    const other = await customer();
    const actor = { type: 'customer' as const, id: other.id };
    await expectAppError(startInvoicePayment(db, { storefront, customerId: other.id, input: { invoicePublicId: inv.publicId, gateway: 'stripe', savePaymentMethod: true }, actor }), 'not_found');
    await recordBankPayment(db, { invoicePublicId: inv.publicId, amountMinor: inv.totalMinor, reference: 'TX-PAID', actor: system });
    await expectAppError(startInvoicePayment(db, { storefront, customerId: inv.customerId, input: { invoicePublicId: inv.publicId, gateway: 'stripe', savePaymentMethod: false }, actor }), 'conflict');
  });

  it('lists the invoice’s attempts newest first and shows a decline with its reason', async () => {
    const { c, inv } = await customerWithInvoice();
    const first = await createTransaction(db, { customerId: c.id, invoiceId: inv.id, gateway: 'stripe', kind: 'charge', flow: 'hosted', currency: inv.currency, amountMinor: inv.totalMinor });
    await db.update(paymentTransactions).set({ status: 'failed', failureReason: 'Your card was declined.' }).where(eq(paymentTransactions.id, first.id));
    const second = await createTransaction(db, { customerId: c.id, invoiceId: inv.id, gateway: 'paypal', kind: 'charge', flow: 'hosted', currency: inv.currency, amountMinor: inv.totalMinor });
    // A card saved on its own is no attempt on the invoice.
    await createTransaction(db, { customerId: c.id, invoiceId: null, gateway: 'stripe', kind: 'save_method', flow: 'hosted', currency: 'EUR', amountMinor: 0 });

    const rows = await listInvoiceAttempts(db, { invoiceId: inv.id });
    expect(rows.map((r) => [r.publicId, r.status])).toEqual([
      [second.publicId, 'pending'],
      [first.publicId, 'failed'],
    ]);
    const failed = await findInvoiceAttempt(db, { attemptId: first.publicId, invoiceId: inv.id, customerId: c.id });
    expect(attemptNotice(failed!)).toEqual({ tone: 'error', text: expect.stringContaining('The payment did not go through: Your card was declined.') });
    expect(attemptNotice(second).tone).toBe('info');
    expect(attemptNotice({ status: 'succeeded', failureReason: null }).text).toBe('Payment received. Thank you!');
    expect(attemptNotice({ status: 'requires_action', failureReason: null }).text).toMatch(/confirm/);
  });

  it('finds a returned attempt only on its own invoice and customer', async () => {
    const a = await customerWithInvoice();
    const b = await customerWithInvoice();
    const attempt = await createTransaction(db, { customerId: a.c.id, invoiceId: a.inv.id, gateway: 'stripe', kind: 'charge', flow: 'hosted', currency: 'EUR', amountMinor: a.inv.totalMinor });
    expect(await findInvoiceAttempt(db, { attemptId: attempt.publicId, invoiceId: a.inv.id, customerId: a.c.id })).toMatchObject({ id: attempt.id });
    expect(await findInvoiceAttempt(db, { attemptId: attempt.publicId, invoiceId: b.inv.id, customerId: b.c.id })).toBeNull();
    expect(await findInvoiceAttempt(db, { attemptId: attempt.publicId, invoiceId: a.inv.id, customerId: b.c.id })).toBeNull();
    expect(await findInvoiceAttempt(db, { attemptId: 'not-an-id', invoiceId: a.inv.id, customerId: a.c.id })).toBeNull();
    expect(await findInvoiceAttempt(db, { attemptId: undefined, invoiceId: a.inv.id, customerId: a.c.id })).toBeNull();
  });
});

describe('renewal methods per service', () => {
  it('picks a saved method for one service, falls back to the default, and refuses someone else’s method', async () => {
    const { c, svc } = await customerWithInvoice();
    const stranger = await customer();
    const actor = { type: 'customer' as const, id: c.id };
    await db.transaction(async (tx) => {
      await upsertSavedMethod(tx, c.id, 'stripe', card(`pm_sim_${c.id}_a`, '4242'));
      await upsertSavedMethod(tx, c.id, 'stripe', card(`pm_sim_${c.id}_b`, '1881'));
      await upsertSavedMethod(tx, stranger.id, 'stripe', card(`pm_sim_${stranger.id}_x`, '0005'));
    });
    const [first, second] = await listPaymentMethods(db, c.id);
    expect(first!.isDefault).toBe(true);
    const [theirs] = await listPaymentMethods(db, stranger.id);

    expect(await listServiceRenewalMethods(db, { customerId: c.id })).toEqual(new Map());
    await setServicePaymentMethod(db, { customerId: c.id, servicePublicId: svc.publicId, methodPublicId: second!.publicId, actor });
    expect(await listServiceRenewalMethods(db, { customerId: c.id })).toEqual(new Map([[svc.id, second!.publicId]]));
    await expectAppError(setServicePaymentMethod(db, { customerId: c.id, servicePublicId: svc.publicId, methodPublicId: theirs!.publicId, actor }), 'not_found');
    await expectAppError(setServicePaymentMethod(db, { customerId: stranger.id, servicePublicId: svc.publicId, methodPublicId: null, actor }), 'not_found');

    // Removing the chosen method puts the service back on the account default.
    await removePaymentMethod(db, { storefront, customerId: c.id, methodPublicId: second!.publicId, actor });
    expect(await listServiceRenewalMethods(db, { customerId: c.id })).toEqual(new Map());
    await setServicePaymentMethod(db, { customerId: c.id, servicePublicId: svc.publicId, methodPublicId: null, actor });
  });
});
