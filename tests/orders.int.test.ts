import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { auditLog, couponRedemptions, coupons, customers, emailOutbox, invoiceLines, invoices, orders, plans, services } from '@/db/schema/storefront';
import type { StorefrontDb } from '@/lib/db/connection';
import type { Cart, CartItem } from '@/lib/cart/schemas';
import { createCustomer } from '@/lib/customers/create-customer';
import { AppError } from '@/lib/errors/app-error';
import { placeOrder } from '@/lib/orders/place-order';
import { adjustCredit } from '@/lib/credit/adjust-credit';
import { getCreditBalance } from '@/lib/credit/credit-balance';
import { payInvoiceWithCredit } from '@/lib/invoices/pay-invoice-with-credit';
import { priceCart } from '@/lib/orders/price-cart';
import { cancelOrder } from '@/lib/orders/change-order-status';
import { saveCommerceSettings } from '@/lib/settings/commerce-settings';
import { planOrThrow, vpsOptions } from './factories/catalog';
import { setupShop } from './factories/shop';
import { expectAppError } from './helpers/expect-app-error';
import type { TestEnv } from './helpers/test-env';

let t: TestEnv;
let db: StorefrontDb;
let storefrontId: number;
const system = { type: 'system' as const, label: 'test' };

let n = 0;
async function customer(country: string, extra: { company?: string; taxId?: string } = {}) {
  n += 1;
  // Verified: customers ordering for themselves must be.
  const c = await createCustomer(db, { input: { email: `c${n}@example.com`, name: `Customer ${n}`, password: 'Correct-Horse-42', country, currency: 'EUR', emailVerified: true, ...extra }, actor: system });
  const [row] = await db.select().from(customers).where(eq(customers.id, c.id));
  return row!;
}

async function vpsItem(overrides: Partial<CartItem> = {}): Promise<CartItem> {
  const plan = await planOrThrow(db, 'vps-standard');
  const o = vpsOptions(plan);
  const windows = o.os.values.find((v) => v.code === 'windows-2022')!;
  return {
    planSlug: 'vps-standard',
    cycle: 'annual',
    locationId: plan.locations[0]!.id,
    options: [
      { optionId: o.os.id, valueId: windows.id, quantity: 1 },
      { optionId: o.ipv4.id, valueId: null, quantity: 2 },
    ],
    fields: { hostname: 'web1.example.com' },
    ...overrides,
  };
}

const cartOf = (items: CartItem[], couponCodes: string[] = [], currency = 'EUR'): Cart => ({ currency, country: null, items: items.map((item, i) => ({ id: `i${i}`, item })), couponCodes });

const counts = async () => {
  const [o] = await db.select({ n: count() }).from(orders);
  const [i] = await db.select({ n: count() }).from(invoices);
  const [s] = await db.select({ n: count() }).from(services);
  return { orders: o!.n, invoices: i!.n, services: s!.n };
};

beforeAll(async () => {
  ({ t, db, storefrontId } = await setupShop());
});
afterAll(async () => {
  await t.cleanup();
});

describe('placing an order', () => {
  it('creates the order, pending services and an unpaid invoice whose lines are the pricing engine’s', async () => {
    const c = await customer('DE');
    const cart = cartOf([await vpsItem()], ['WELCOME10']);
    const now = new Date();
    const preview = await priceCart(db, { cart, customer: c, now });
    const placed = await placeOrder(db, { storefrontId, customerId: c.id, cart, ip: '203.0.113.9', actor: { type: 'customer', id: c.id }, now });

    const [inv] = await db.select().from(invoices).where(eq(invoices.publicId, placed.invoicePublicId));
    expect(inv).toMatchObject({ status: 'unpaid', currency: 'EUR', totalMinor: preview.pricing.totalMinor, taxMinor: preview.pricing.taxMinor, subtotalMinor: preview.pricing.subtotalMinor });
    expect(inv!.number).toMatch(/^INV-\d{4}-\d{6}$/);
    expect(inv!.seller.name).toBe('Shop GmbH');
    const lines = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, inv!.id)).orderBy(invoiceLines.sortOrder);
    expect(lines.map((l) => [l.kind, l.amountMinor, l.taxMinor])).toEqual(preview.pricing.lines.map((l) => [l.kind, l.amountMinor, l.taxMinor]));
    expect(lines.some((l) => l.kind === 'discount' && l.amountMinor < 0)).toBe(true);
    expect(lines[0]!.tax).toMatchObject({ basis: 'standard', country: 'DE', rateMilliPercent: 19000 });

    const [svc] = await db.select().from(services).where(eq(services.customerId, c.id));
    expect(svc).toMatchObject({ status: 'pending', cycle: 'annual', currency: 'EUR', label: 'VPS Standard – web1.example.com' });
    const [o] = await db.select().from(orders).where(eq(orders.publicId, placed.orderPublicId));
    expect(o).toMatchObject({ status: 'pending', invoiceId: inv!.id, couponCodes: ['WELCOME10'], ip: '203.0.113.9' });
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'order.placed'), eq(auditLog.targetId, placed.orderPublicId)));
    expect(audit).toBeDefined();
    const [mail] = await db.select().from(emailOutbox).where(and(eq(emailOutbox.template, 'order-confirmation'), eq(emailOutbox.toAddress, c.email)));
    expect(mail).toBeDefined();
  });

  it('charges EU VAT by where the customer is, with reverse charge for EU businesses abroad', async () => {
    const cases = [
      { c: await customer('DE'), basis: 'standard', rate: 19000 },
      { c: await customer('FR'), basis: 'standard', rate: 20000 },
      { c: await customer('FR', { company: 'Acme SARL', taxId: 'FR40303265045' }), basis: 'reverse_charge', rate: 0 },
      { c: await customer('DE', { company: 'Heim GmbH', taxId: 'DE136695976' }), basis: 'standard', rate: 19000 },
      { c: await customer('US'), basis: 'none', rate: 0 },
    ];
    const plan = await planOrThrow(db, 'vps-standard');
    const os = vpsOptions(plan).os;
    const ubuntu = [{ optionId: os.id, valueId: os.values[0]!.id, quantity: 1 }];
    for (const { c, basis, rate } of cases) {
      const placed = await placeOrder(db, { storefrontId, customerId: c.id, cart: cartOf([await vpsItem({ options: ubuntu })]), ip: null, actor: system });
      const [inv] = await db.select().from(invoices).where(eq(invoices.publicId, placed.invoicePublicId));
      const [line] = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, inv!.id));
      expect(line!.tax, `${c.country} ${c.taxId ?? ''}`).toMatchObject({ basis, rateMilliPercent: rate });
      expect(inv!.reverseCharge).toBe(basis === 'reverse_charge');
      if (rate === 0) expect(inv!.taxMinor).toBe(0);
      else expect(inv!.taxMinor).toBeGreaterThan(0);
    }
  });

  it('with VIES checks on, prices a business as a consumer unless VIES confirmed its number', async () => {
    const c = await customer('FR', { company: 'Acme SARL', taxId: 'FR40303265045' });
    const cart = cartOf([await vpsItem()]);
    const withStanding = (vatStanding: 'confirmed' | 'rejected', vatCheckedNumber = 'FR40303265045') => ({ ...c, vatStanding, vatCheckedNumber, vatCheckedAt: new Date() });
    expect((await priceCart(db, { cart, customer: c, now: new Date() })).pricing.reverseCharge).toBe(true);
    await saveCommerceSettings(db, { viesEnabled: true });
    try {
      expect((await priceCart(db, { cart, customer: withStanding('confirmed'), now: new Date() })).pricing.reverseCharge).toBe(true);
      const rejected = await priceCart(db, { cart, customer: withStanding('rejected'), now: new Date() });
      expect(rejected.pricing.reverseCharge).toBe(false);
      expect(rejected.pricing.lines[0]!.tax).toMatchObject({ basis: 'standard', country: 'FR', rateMilliPercent: 20000 });
      // Never checked, or confirmed for a number the customer no longer gives: VAT.
      expect((await priceCart(db, { cart, customer: c, now: new Date() })).pricing.reverseCharge).toBe(false);
      expect((await priceCart(db, { cart, customer: withStanding('confirmed', 'FR11111111111'), now: new Date() })).pricing.reverseCharge).toBe(false);
    } finally {
      await saveCommerceSettings(db, { viesEnabled: false });
    }
  });

  it('keeps catalog prices as the total when prices include tax', async () => {
    const c = await customer('DE');
    const plan = await planOrThrow(db, 'vps-starter');
    const gross = plan.prices.find((p) => p.currency === 'EUR' && p.cycle === 'monthly')!.amountMinor;
    await saveCommerceSettings(db, { taxInclusive: true });
    try {
      const placed = await placeOrder(db, { storefrontId, customerId: c.id, cart: cartOf([{ planSlug: 'vps-starter', cycle: 'monthly', locationId: plan.locations[0]!.id, options: [{ optionId: vpsOptions(plan).os.id, valueId: vpsOptions(plan).os.values[0]!.id, quantity: 1 }], fields: { hostname: 'a.example.com' } }]), ip: null, actor: system });
      const [inv] = await db.select().from(invoices).where(eq(invoices.publicId, placed.invoicePublicId));
      expect(inv!.totalMinor).toBe(gross);
      expect(inv!.taxMinor).toBe(Math.round((gross * 19) / 119));
      expect(inv!.taxInclusive).toBe(true);
    } finally {
      await saveCommerceSettings(db, { taxInclusive: false });
    }
  });

  it('combines stackable coupons and refuses an exclusive one next to another', async () => {
    const c = await customer('DE');
    await db.insert(coupons).values({ code: 'STACK3', type: 'percent', percentBp: 300, planIds: [], groupIds: [], cycles: [], countries: [], stackable: true });
    const both = await priceCart(db, { cart: cartOf([await vpsItem()], ['SAVE5', 'STACK3']), customer: c, now: new Date() });
    expect(both.pricing.appliedCoupons.map((a) => a.code)).toEqual(['SAVE5', 'STACK3']);
    await expectAppError(placeOrder(db, { storefrontId, customerId: c.id, cart: cartOf([await vpsItem()], ['SAVE5', 'WELCOME10']), ip: null, actor: system }), 'bad_request', /WELCOME10.*combined/);
  });

  it('holds a per-customer limit', async () => {
    const c = await customer('DE');
    await db.insert(coupons).values({ code: 'ONCEEACH', type: 'percent', percentBp: 1000, planIds: [], groupIds: [], cycles: [], countries: [], maxUsesPerCustomer: 1 });
    await placeOrder(db, { storefrontId, customerId: c.id, cart: cartOf([await vpsItem()], ['ONCEEACH']), ip: null, actor: system });
    await expectAppError(placeOrder(db, { storefrontId, customerId: c.id, cart: cartOf([await vpsItem()], ['ONCEEACH']), ip: null, actor: system }), 'bad_request', /ONCEEACH/);
    const other = await customer('DE');
    await placeOrder(db, { storefrontId, customerId: other.id, cart: cartOf([await vpsItem()], ['ONCEEACH']), ip: null, actor: system });
  });

  it('never exceeds a coupon’s overall maximum, even with 50 simultaneous checkouts', async () => {
    await db.insert(coupons).values({ code: 'FIRST5', type: 'percent', percentBp: 2500, planIds: [], groupIds: [], cycles: [], countries: [], maxUses: 5 });
    const buyers = [];
    for (let i = 0; i < 50; i++) buyers.push(await customer('NL'));
    const item = await vpsItem();
    const results = await Promise.allSettled(buyers.map((b) => placeOrder(db, { storefrontId, customerId: b.id, cart: cartOf([item], ['FIRST5']), ip: null, actor: system })));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(5);
    for (const f of failed) expect(f.reason).toBeInstanceOf(AppError);
    const [coupon] = await db.select().from(coupons).where(eq(coupons.code, 'FIRST5'));
    expect(coupon!.usesCount).toBe(5);
    const [red] = await db.select({ n: count() }).from(couponRedemptions).where(eq(couponRedemptions.couponId, coupon!.id));
    expect(red!.n).toBe(5);
  });

  it('takes stock atomically, refuses an empty shelf and gives stock back on cancel', async () => {
    const c = await customer('DE');
    const plan = await planOrThrow(db, 'ded-epyc-7443p');
    const ram = plan.optionGroups.flatMap((g) => g.options).find((o) => o.code === 'ram')!;
    const item: CartItem = { planSlug: plan.slug, cycle: 'monthly', locationId: plan.locations[0]!.id, options: [{ optionId: ram.id, valueId: ram.values[0]!.id, quantity: 1 }], fields: { hostname: 'db1.example.com' } };
    const stock = async () => (await db.select({ s: plans.stockQuantity }).from(plans).where(eq(plans.id, plan.id)))[0]!.s;
    const before = await stock();
    const placed = await placeOrder(db, { storefrontId, customerId: c.id, cart: cartOf([item]), ip: null, actor: system });
    expect(await stock()).toBe(before! - 1);
    await cancelOrder(db, { orderPublicId: placed.orderPublicId, reason: 'changed my mind', actor: system });
    expect(await stock()).toBe(before);
    const [inv] = await db.select({ status: invoices.status }).from(invoices).where(eq(invoices.publicId, placed.invoicePublicId));
    expect(inv!.status).toBe('void');

    await db.update(plans).set({ stockQuantity: 1 }).where(eq(plans.id, plan.id));
    const racers = await Promise.all([customer('DE'), customer('DE'), customer('DE')]);
    const results = await Promise.allSettled(racers.map((r) => placeOrder(db, { storefrontId, customerId: r.id, cart: cartOf([item]), ip: null, actor: system })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await stock()).toBe(0);
    await expectAppError(placeOrder(db, { storefrontId, customerId: c.id, cart: cartOf([item]), ip: null, actor: system }), 'conflict', /out of stock/);
  });

  it('refuses archived plans and tampered carts with a 400 and writes nothing', async () => {
    const c = await customer('DE');
    const before = await counts();
    const plan = await planOrThrow(db, 'vps-standard');
    const o = vpsOptions(plan);
    const dedicated = await planOrThrow(db, 'ded-xeon-e3');
    const foreignValue = dedicated.optionGroups.flatMap((g) => g.options)[0]!.values[1]!.id;
    const tampered: [string, CartItem | Cart][] = [
      ['unknown plan', await vpsItem({ planSlug: 'no-such-plan' })],
      ['unknown option', await vpsItem({ options: [{ optionId: 999999, valueId: 1, quantity: 1 }] })],
      ['value of another option', await vpsItem({ options: [{ optionId: o.os.id, valueId: foreignValue, quantity: 1 }] })],
      ['quantity too high', await vpsItem({ options: [{ optionId: o.ipv4.id, valueId: null, quantity: 9 }] })],
      ['cycle not offered', await vpsItem({ cycle: 'triennial' })],
      ['bad hostname', await vpsItem({ fields: { hostname: 'not a host!' } })],
      ['wrong location', await vpsItem({ locationId: 999999 })],
      ['currency not offered', cartOf([await vpsItem()], [], 'JPY')],
    ];
    await db.update(plans).set({ status: 'archived' }).where(eq(plans.slug, 'vps-pro'));
    tampered.push(['archived plan', await vpsItem({ planSlug: 'vps-pro', locationId: null })]);
    for (const [why, x] of tampered) {
      const cart = 'items' in x ? x : cartOf([x]);
      const err = await placeOrder(db, { storefrontId, customerId: c.id, cart, ip: null, actor: system }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, why).toBeInstanceOf(AppError);
      expect((err as AppError).status, why).toBe(400);
    }
    expect(await counts()).toEqual(before);
  });

  it('pays from account credit, partly then fully, and activates the order and its services', async () => {
    const c = await customer('DE');
    const placed = await placeOrder(db, { storefrontId, customerId: c.id, cart: cartOf([await vpsItem()]), ip: null, actor: system });
    await expectAppError(payInvoiceWithCredit(db, { customerId: c.id, invoicePublicId: placed.invoicePublicId, actor: system }), 'bad_request', /no account credit/);
    await adjustCredit(db, { customerId: c.id, currency: 'EUR', amountMinor: 1000, note: 'goodwill', staffId: null, actor: system });
    const part = await payInvoiceWithCredit(db, { customerId: c.id, invoicePublicId: placed.invoicePublicId, actor: system });
    expect(part).toMatchObject({ appliedMinor: 1000, paid: false, balanceMinor: placed.totalMinor - 1000 });
    await adjustCredit(db, { customerId: c.id, currency: 'EUR', amountMinor: placed.totalMinor + 500, note: 'top-up', staffId: null, actor: system });
    const other = await customer('DE');
    await expectAppError(payInvoiceWithCredit(db, { customerId: other.id, invoicePublicId: placed.invoicePublicId, actor: system }), 'not_found');
    const full = await payInvoiceWithCredit(db, { customerId: c.id, invoicePublicId: placed.invoicePublicId, actor: system, receiptFor: { storefrontId } });
    expect(full).toMatchObject({ appliedMinor: placed.totalMinor - 1000, paid: true, balanceMinor: 0 });
    const receipts = await db.select().from(emailOutbox).where(and(eq(emailOutbox.template, 'payment-receipt'), eq(emailOutbox.toAddress, c.email)));
    expect(receipts).toHaveLength(1);
    expect(await getCreditBalance(db, c.id, 'EUR')).toBe(1500);
    const [o] = await db.select({ status: orders.status }).from(orders).where(eq(orders.publicId, placed.orderPublicId));
    expect(o!.status).toBe('active');
    const [svc] = await db.select().from(services).where(eq(services.customerId, c.id));
    expect(svc!.status).toBe('active');
    expect(svc!.nextDueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await expectAppError(payInvoiceWithCredit(db, { customerId: c.id, invoicePublicId: placed.invoicePublicId, actor: system }), 'conflict');
    await expectAppError(cancelOrder(db, { orderPublicId: placed.orderPublicId, reason: 'too late', actor: system }), 'conflict');
  });

  it('numbers invoices without gaps, rolled-back checkouts included', async () => {
    // Ten simultaneous checkouts race for a coupon with three uses: seven roll back after pricing, taking no number.
    await db.insert(coupons).values({ code: 'GAPLESS3', type: 'percent', percentBp: 1000, planIds: [], groupIds: [], cycles: [], countries: [], maxUses: 3 });
    const buyers = [];
    for (let i = 0; i < 10; i++) buyers.push(await customer('DE'));
    const item = await vpsItem();
    const results = await Promise.allSettled(buyers.map((b) => placeOrder(db, { storefrontId, customerId: b.id, cart: cartOf([item], ['GAPLESS3']), ip: null, actor: system })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    // Numbers are taken last in an invoice's transaction, so concurrent checkouts may number out of id order.
    const rows = await db.select({ number: invoices.number }).from(invoices);
    const seqs = rows.map((r) => Number(r.number!.slice(-6))).sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });
});
