import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, desc, eq, gt, like, max } from 'drizzle-orm';
import { auditLog, invoices, paymentTransactions, storefrontSettings } from '@/db/schema/storefront';
import { createCustomer } from '@/lib/customers/create-customer';
import { listTransactionPage, parseTransactionFilter, transactionFilterQuery } from '@/lib/payments/admin/transaction-filter';
import { updatePaymentSettings } from '@/lib/payments/admin/update-payment-settings';
import { listTransactions, refundableByCharge } from '@/lib/payments/list-transactions';
import { decryptSecret } from '@/lib/security/secret-box';
import { getPaymentSettings } from '@/lib/settings/payment-settings';
import { setupShop, type Shop } from './factories/shop';
import { appErrorFields } from './helpers/expect-app-error';

let shop: Shop;
const system = { type: 'system' as const, label: 'test' };
const staff = { type: 'staff' as const, id: 7, label: 'boss@example.com' };
const customerIds: Record<string, number> = {};
const invoiceIds: Record<string, number> = {};
const party = { name: 'X', company: null, email: null, addressLines: [], country: 'DE', taxId: null };

async function customer(key: string, email: string, name: string) {
  customerIds[key] = (await createCustomer(shop.db, { input: { email, name, password: 'Correct-Horse-42', country: 'DE', currency: 'EUR' }, actor: system })).id;
}

async function invoice(publicId: string, customerKey: string) {
  const [res] = await shop.db.insert(invoices).values({
    publicId,
    customerId: customerIds[customerKey]!,
    number: publicId.toUpperCase(),
    status: 'paid',
    currency: 'EUR',
    taxInclusive: false,
    subtotalMinor: 1_000,
    taxMinor: 0,
    totalMinor: 1_000,
    paidMinor: 1_000,
    buyer: party,
    seller: party,
    issuedAt: new Date('2026-01-01T00:00:00Z'),
    dueOn: '2026-01-15',
  });
  invoiceIds[publicId] = res.insertId;
}

type TxnSeed = Partial<typeof paymentTransactions.$inferInsert> & { publicId: string; customer: string; invoice?: string; at: string };

async function txn(t: TxnSeed) {
  const { customer: c, invoice: inv, at, ...rest } = t;
  const [res] = await shop.db.insert(paymentTransactions).values({
    gateway: 'stripe',
    kind: 'charge',
    flow: 'hosted',
    status: 'succeeded',
    currency: 'EUR',
    amountMinor: 1_000,
    idempotencyKey: t.publicId,
    ...rest,
    customerId: customerIds[c]!,
    invoiceId: inv ? invoiceIds[inv]! : null,
    createdAt: new Date(at),
  });
  return res.insertId;
}

const list = async (params: Record<string, string | string[] | undefined>, pageSize?: number) => {
  const { filter, problems } = parseTransactionFilter(params);
  const page = await listTransactionPage(shop.db, filter, pageSize);
  return { ...page, ids: page.rows.map((r) => r.publicId), problems, filter };
};

beforeAll(async () => {
  shop = await setupShop();
  await customer('ann', 'ann.alpha@example.com', 'Ann Alpha');
  await customer('bob', 'bob@example.org', 'Robert 100%_Builder');
  await invoice('inv_a1', 'ann');
  await invoice('inv_b1', 'bob');
  const a1 = await txn({ publicId: 'txn_a1', customer: 'ann', invoice: 'inv_a1', at: '2026-01-05T08:00:00Z', gatewayPaymentId: 'pi_a1', feeMinor: 45 });
  await txn({ publicId: 'txn_a2', customer: 'ann', invoice: 'inv_a1', at: '2026-01-06T23:59:59Z', kind: 'refund', flow: 'staff', amountMinor: 300, parentId: a1, gatewayPaymentId: 're_a2' });
  await txn({ publicId: 'txn_b1', customer: 'bob', invoice: 'inv_b1', at: '2026-01-07T00:00:00Z', gateway: 'paypal', status: 'failed', failureReason: 'INSTRUMENT_DECLINED' });
  await txn({ publicId: 'txn_b2', customer: 'bob', at: '2026-02-01T12:00:00Z', kind: 'save_method', flow: 'hosted', status: 'pending', amountMinor: 0 });
});
afterAll(async () => {
  await shop.t.cleanup();
});

describe('payment transactions ledger', () => {
  it('lists everything newest first with the customer email and invoice number', async () => {
    const res = await list({});
    expect(res.ids).toEqual(['txn_b2', 'txn_b1', 'txn_a2', 'txn_a1']);
    expect(res.problems).toEqual([]);
    expect(res.rows[3]).toMatchObject({ customerEmail: 'ann.alpha@example.com', invoicePublicId: 'inv_a1', invoiceNumber: 'INV_A1', feeMinor: 45, gatewayPaymentId: 'pi_a1' });
    expect(res.rows[0]).toMatchObject({ invoicePublicId: null, invoiceNumber: null });
  });

  it('filters by status, gateway, kind and invoice', async () => {
    expect((await list({ status: 'failed' })).ids).toEqual(['txn_b1']);
    expect((await list({ gateway: 'paypal' })).ids).toEqual(['txn_b1']);
    expect((await list({ kind: 'refund' })).ids).toEqual(['txn_a2']);
    expect((await list({ invoice: 'inv_a1' })).ids).toEqual(['txn_a2', 'txn_a1']);
    expect((await list({ invoice: ' INV_B1 ' })).ids).toEqual(['txn_b1']);
    expect((await list({ gateway: 'stripe', kind: 'charge', status: 'succeeded' })).ids).toEqual(['txn_a1']);
  });

  it('finds customers by part of their email or name, taking % and _ literally', async () => {
    expect((await list({ customer: 'alpha@' })).ids).toEqual(['txn_a2', 'txn_a1']);
    expect((await list({ customer: 'ROBERT' })).ids).toEqual(['txn_b2', 'txn_b1']);
    expect((await list({ customer: '100%_b' })).ids).toEqual(['txn_b2', 'txn_b1']);
    expect((await list({ customer: '%' })).ids).toEqual(['txn_b2', 'txn_b1']);
    expect((await list({ customer: 'a_n' })).ids).toEqual([]);
  });

  it('filters by created days inclusively (UTC)', async () => {
    expect((await list({ from: '2026-01-06', to: '2026-01-06' })).ids).toEqual(['txn_a2']);
    expect((await list({ from: '2026-01-07' })).ids).toEqual(['txn_b2', 'txn_b1']);
    expect((await list({ to: '2026-01-06' })).ids).toEqual(['txn_a2', 'txn_a1']);
  });

  it('ignores bad values with a notice instead of failing', async () => {
    const res = await list({ status: 'paid', gateway: 'bitcoin', kind: 'charge', from: '2026-13-01', invoice: 'x; drop', page: '-1', customer: ['ann', 'bob'] });
    expect(res.ids).toEqual(['txn_a1']);
    expect(res.problems).toEqual([
      'Status "paid" ignored: must be one of the listed statuses.',
      'Gateway "bitcoin" ignored: must be Stripe or PayPal.',
      'From "2026-13-01" ignored: must be a date (YYYY-MM-DD).',
      'Invoice "x; drop" ignored: must be an invoice id like inv_….',
      'Page "-1" ignored: must be a page number.',
    ]);
    const swapped = await list({ from: '2026-02-01', to: '2026-01-01' });
    expect(swapped.ids).toHaveLength(4);
    expect(swapped.problems).toEqual(['From is after to: that range is ignored.']);
  });

  it('pages with one row read ahead, keeping the filters in the links', async () => {
    const first = await list({}, 3);
    expect(first).toMatchObject({ ids: ['txn_b2', 'txn_b1', 'txn_a2'], page: 1, hasNext: true });
    expect(transactionFilterQuery(first.filter, { page: 2 })).toBe('?page=2');
    const second = await list({ page: '2' }, 3);
    expect(second).toMatchObject({ ids: ['txn_a1'], page: 2, hasNext: false });
    const filtered = await list({ customer: 'ann', gateway: 'stripe' }, 1);
    expect(transactionFilterQuery(filtered.filter, { page: 2 })).toBe('?gateway=stripe&customer=ann&page=2');
  });

  it("tells what is left to refund of an invoice's charges", async () => {
    const rows = await listTransactions(shop.db, { invoiceId: invoiceIds.inv_a1!, limit: null });
    const charge = rows.find((r) => r.publicId === 'txn_a1')!;
    expect(refundableByCharge(rows).get(charge.id)).toBe(700);
  });
});

const form = {
  stripeEnabled: true,
  stripePublishableKey: 'pk_test_abc123',
  stripeSecretKey: '',
  stripeSecretKeyClear: false,
  stripeWebhookSecret: '',
  stripeWebhookSecretClear: false,
  paypalEnabled: true,
  paypalEnvironment: 'sandbox' as const,
  paypalClientId: '',
  paypalClientSecret: '',
  paypalClientSecretClear: false,
  paypalWebhookId: '',
  bankTransferEnabled: false,
  bankTransferInstructions: '',
  retryDays: '1, 3, 5, 7',
};

/** Audit rows written since this test began: each settings test starts from the defaults and counts only its own rows. */
let auditedBefore = 0;
const audits = () =>
  shop.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'settings.payments.updated'), eq(auditLog.targetId, 'payments'), gt(auditLog.id, auditedBefore)))
    .orderBy(desc(auditLog.id));
const storedRow = async (key: string) => (await shop.db.select().from(storefrontSettings).where(eq(storefrontSettings.key, key)))[0]?.value;

describe('payment settings', () => {
  const secretKey = 'sk_test_51SuperSecretValue9876';
  const paypalSecret = 'EPaypalClientSecretXYZ1234';

  beforeEach(async () => {
    await shop.db.delete(storefrontSettings).where(like(storefrontSettings.key, 'payments.%'));
    auditedBefore = Number((await shop.db.select({ id: max(auditLog.id) }).from(auditLog))[0]?.id ?? 0);
  });

  /** Both gateways on with their keys typed in: the Stripe secret, the PayPal client id and secret. */
  const saveKeys = () =>
    updatePaymentSettings(shop.db, {
      input: { ...form, stripeSecretKey: secretKey, paypalClientId: 'AbcClientId', paypalClientSecret: paypalSecret, retryDays: '7, 2,2' },
      actor: staff,
    });

  it('seals secrets, and audits which fields changed without their values', async () => {
    const res = await saveKeys();
    expect(res.changed.sort()).toEqual(['paypal.clientId', 'paypal.clientSecret', 'retryDays', 'stripe.publishableKey', 'stripe.secretKey']);
    const stripe = (await storedRow('payments.stripe')) as { secretKey: string };
    expect(stripe.secretKey).not.toBe(secretKey);
    expect(JSON.stringify(stripe)).not.toContain(secretKey);
    expect(decryptSecret(stripe.secretKey)).toBe(secretKey);
    const settings = await getPaymentSettings(shop.db);
    expect(decryptSecret(settings.paypal.clientSecret)).toBe(paypalSecret);
    expect(settings.retryDays).toEqual([2, 7]);

    const all = await audits();
    expect(all).toHaveLength(1);
    const [audit] = all;
    expect(audit).toMatchObject({ actorType: 'staff', actorId: 7 });
    expect(audit!.after).toMatchObject({ 'stripe.secretKey': 'new value', 'paypal.clientSecret': 'new value', 'paypal.clientId': 'AbcClientId', retryDays: [2, 7] });
    expect(audit!.before).toMatchObject({ 'stripe.secretKey': 'not set', retryDays: [1, 3, 5, 7] });
    const text = JSON.stringify([audit!.before, audit!.after]);
    for (const secret of [secretKey, paypalSecret, stripe.secretKey, 'SuperSecret', '9876']) expect(text).not.toContain(secret);
  });

  it('keeps a stored secret when its field is left blank or typed again unchanged', async () => {
    await saveKeys();
    const before = (await getPaymentSettings(shop.db)).stripe.secretKey;
    expect(decryptSecret(before)).toBe(secretKey);
    const count = (await audits()).length;
    expect(await updatePaymentSettings(shop.db, { input: { ...form, paypalClientId: 'AbcClientId', retryDays: '2,7' }, actor: staff })).toEqual({ changed: [] });
    expect(await updatePaymentSettings(shop.db, { input: { ...form, stripeSecretKey: secretKey, paypalClientId: 'AbcClientId', retryDays: '2,7' }, actor: staff })).toEqual({ changed: [] });
    expect((await getPaymentSettings(shop.db)).stripe.secretKey).toBe(before);
    expect(await audits()).toHaveLength(count);

    await updatePaymentSettings(shop.db, { input: { ...form, stripeEnabled: false, paypalClientId: 'AbcClientId', retryDays: '2,7' }, actor: staff });
    const after = await getPaymentSettings(shop.db);
    expect(after.stripe).toMatchObject({ enabled: false, secretKey: before });
  });

  it('clears a secret with its box', async () => {
    await saveKeys();
    await updatePaymentSettings(shop.db, { input: { ...form, stripeEnabled: false, paypalClientId: 'AbcClientId', retryDays: '2,7' }, actor: staff });
    const res = await updatePaymentSettings(shop.db, { input: { ...form, paypalClientId: 'AbcClientId', paypalClientSecretClear: true, retryDays: '2,7' }, actor: staff });
    expect(res.changed.sort()).toEqual(['paypal.clientSecret', 'stripe.enabled']);
    expect((await getPaymentSettings(shop.db)).paypal.clientSecret).toBe('');
    const [audit] = await audits();
    expect(audit!.before).toEqual({ 'paypal.clientSecret': 'set', 'stripe.enabled': false });
    expect(audit!.after).toEqual({ 'paypal.clientSecret': 'not set', 'stripe.enabled': true });
  });

  it('refuses bad input with field errors and writes nothing', async () => {
    const count = (await audits()).length;
    const errors = await appErrorFields(
      updatePaymentSettings(shop.db, {
        input: {
          ...form,
          stripePublishableKey: 'sk_test_oops',
          stripeSecretKey: 'not a key',
          stripeWebhookSecret: 'whsec_abc',
          stripeWebhookSecretClear: true,
          bankTransferEnabled: true,
          retryDays: '1, 90',
          paypalEnvironment: 'live' as 'sandbox',
        },
        actor: staff,
      }),
    );
    expect(Object.keys(errors).sort()).toEqual(['bankTransferInstructions', 'paypalEnvironment', 'retryDays', 'stripePublishableKey', 'stripeSecretKey', 'stripeWebhookSecret']);
    expect(errors.retryDays).toEqual(['must be whole numbers of days from 1 to 60, separated by commas']);
    expect((await appErrorFields(updatePaymentSettings(shop.db, { input: { ...form, retryDays: '1,2,3,4,5,6,7,8,9' }, actor: staff }))).retryDays).toEqual(['must list at most 8 days']);
    expect(await audits()).toHaveLength(count);
  });
});
