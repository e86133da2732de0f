import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { creditLedger, customers, emailOutbox, invoiceLines, invoiceNotices, invoicePayments, invoices, serviceBillingPeriods, services } from '@/db/schema/storefront';
import { requestPlanChange } from '@/lib/billing/change-service-plan';
import { addDays } from '@/lib/dates/calendar-days';
import { runBillingPass } from '@/lib/billing/run/run-billing-pass';
import type { CartItem } from '@/lib/cart/schemas';
import { getCreditBalance } from '@/lib/credit/credit-balance';
import { createCustomer } from '@/lib/customers/create-customer';
import type { StorefrontDb } from '@/lib/db/connection';
import { recordInvoicePayment } from '@/lib/invoices/record-invoice-payment';
import { placeOrder } from '@/lib/orders/place-order';
import { planOrThrow, vpsOptions } from './factories/catalog';
import { setupShop } from './factories/shop';
import type { TestEnv } from './helpers/test-env';

let t: TestEnv;
let db: StorefrontDb;
let storefrontId: number;
const system = { type: 'system' as const, label: 'test' };
const at = (day: string) => new Date(`${day}T06:00:00Z`);

async function payInFull(invoiceId: number, day: string) {
  await db.transaction(async (tx) => {
    const [inv] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId));
    await recordInvoicePayment(tx, { invoiceId, method: 'bank_transfer', currency: inv!.currency, amountMinor: inv!.totalMinor - inv!.paidMinor, reference: `test ${day}`, actor: system, now: at(day) });
  });
}

async function order(customerId: number, item: CartItem, couponCodes: string[], day: string) {
  const placed = await placeOrder(db, { storefrontId, customerId, cart: { currency: 'EUR', country: null, items: [{ id: 'a', item }], couponCodes }, ip: null, actor: system, now: at(day) });
  const [inv] = await db.select().from(invoices).where(eq(invoices.publicId, placed.invoicePublicId));
  await payInFull(inv!.id, day);
  return (await db.select().from(services).where(eq(services.customerId, customerId)).orderBy(asc(services.id))).at(-1)!;
}

async function renewalsOf(serviceId: number) {
  return db
    .select({ invoice: invoices, periodStart: serviceBillingPeriods.periodStart, periodEnd: serviceBillingPeriods.periodEnd })
    .from(serviceBillingPeriods)
    .innerJoin(invoices, eq(invoices.id, serviceBillingPeriods.invoiceId))
    .where(eq(serviceBillingPeriods.serviceId, serviceId))
    .orderBy(asc(serviceBillingPeriods.periodStart));
}

const serviceOf = async (id: number) => (await db.select().from(services).where(eq(services.id, id)))[0]!;
const invoiceOf = async (publicId: string) => (await db.select().from(invoices).where(eq(invoices.publicId, publicId)))[0]!;
const renewalDue = async (serviceId: number, dueOn: string) => (await renewalsOf(serviceId)).find((r) => r.invoice.dueOn === dueOn)!.invoice;
const linesOf = (invoiceId: number) => db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId)).orderBy(asc(invoiceLines.sortOrder));

beforeAll(async () => {
  ({ t, db, storefrontId } = await setupShop({ commerce: { sellerCountry: 'DE' } }));
});
afterAll(async () => {
  await t.cleanup();
});

describe('a customer’s year, one billing pass a day', () => {
  it('renews on anchored dates, carries a coupon for three cycles, changes plan up and down mid-period, suspends and lifts, terminates, reaches a loyalty tier', async () => {
    const c = await createCustomer(db, { input: { email: 'year@example.com', name: 'Yara Year', password: 'Correct-Horse-42', country: 'DE', currency: 'EUR' }, actor: system });
    const [customer] = await db.select().from(customers).where(eq(customers.id, c.id));
    const vpsPlan = await planOrThrow(db, 'vps-starter');
    const os = vpsOptions(vpsPlan).os;
    const vpsOptionsOrdered = [{ optionId: os.id, valueId: os.values[0]!.id, quantity: 1 }];
    const performancePlan = await planOrThrow(db, 'vps-performance');
    const eurMonthly = (p: typeof vpsPlan) => p.prices.find((x) => x.currency === 'EUR' && x.cycle === 'monthly')!.amountMinor;
    // The amounts below are worked out by hand from these catalog prices (the default OS is free).
    expect([eurMonthly(vpsPlan), eurMonthly(performancePlan)]).toEqual([600, 2200]);
    const vps = await order(
      customer!.id,
      { planSlug: 'vps-starter', cycle: 'monthly', locationId: vpsPlan.locations[0]!.id, options: vpsOptionsOrdered, fields: { hostname: 'year.example.com' } },
      ['SAVE5'],
      '2026-01-31',
    );
    const web = await order(customer!.id, { planSlug: 'web-starter', cycle: 'annual', locationId: (await planOrThrow(db, 'web-starter')).locations[0]?.id ?? null, options: [], fields: { domain: 'year-example.com' } }, [], '2026-01-31');
    const mc = await planOrThrow(db, 'minecraft-4gb');
    const game = await order(customer!.id, { planSlug: 'minecraft-4gb', cycle: 'monthly', locationId: mc.locations[0]?.id ?? null, options: [], fields: { serverName: 'Yara Craft' } }, [], '2026-01-15');
    expect([vps.nextDueOn, vps.anchorDay, web.nextDueOn, game.nextDueOn]).toEqual(['2026-02-28', 31, '2027-01-31', '2026-02-15']);
    expect(vps.coupons.map((c) => c.cyclesRemaining)).toEqual([2]);

    // Every day at 06:00: a pass, then the customer pays what is open — except the VPS invoice due 31 May (paid
    // 5 June, late) and the game server from its April invoice on (never paid). The VPS moves up to Performance on
    // 10 April and back down to Starter on 10 September.
    for (let day = '2026-01-16'; day <= '2027-02-28'; day = addDays(day, 1)) {
      await runBillingPass(db, { storefrontId, at: at(day) });
      const open = await db
        .select({ id: invoices.id, dueOn: invoices.dueOn, serviceId: serviceBillingPeriods.serviceId })
        .from(invoices)
        .innerJoin(serviceBillingPeriods, eq(serviceBillingPeriods.invoiceId, invoices.id))
        .where(and(eq(invoices.customerId, customer!.id), eq(invoices.status, 'unpaid')));
      const paid = new Set<number>();
      for (const inv of open) {
        if (paid.has(inv.id)) continue;
        paid.add(inv.id);
        if (inv.serviceId === game.id && inv.dueOn! >= '2026-04-15') continue;
        if (inv.serviceId === vps.id && inv.dueOn === '2026-05-31' && day < '2026-06-05') continue;
        await payInFull(inv.id, day);
      }
      if (day === '2026-06-04') {
        const [s] = await db.select().from(services).where(eq(services.id, vps.id));
        expect([s!.status, s!.suspensionReason]).toEqual(['suspended', 'overdue']);
      }
      if (day === '2026-06-05') {
        const [s] = await db.select().from(services).where(eq(services.id, vps.id));
        expect([s!.status, s!.suspensionReason, s!.nextDueOn]).toEqual(['active', null, '2026-06-30']);
      }
      if (day === '2026-04-10') {
        // Period [31 Mar, 30 Apr) is 30 days, 20 of them from 10 April on:
        // (2200 − 600) × 20 / 30 = 1066.67 → 1067 net; VAT 19 % × 1067 = 202.73 → 203; 1270 in all.
        const up = await requestPlanChange(db, { serviceId: vps.id, customerId: customer!.id, planSlug: 'vps-performance', options: vpsOptionsOrdered, at: at(day), actor: system, storefrontId });
        expect(up).toMatchObject({ status: 'pending', creditedMinor: 0 });
        expect(up.preview).toMatchObject({ kind: 'upgrade', amountMinor: 1067, taxMinor: 203, totalMinor: 1270, remainingDays: 20, totalDays: 30, newRecurringMinor: 2200, periodStart: '2026-03-31', periodEnd: '2026-04-30' });
        const inv = await invoiceOf(up.invoicePublicId!);
        expect(inv).toMatchObject({ status: 'unpaid', currency: 'EUR', subtotalMinor: 1067, taxMinor: 203, totalMinor: 1270 });
        const lines = await linesOf(inv.id);
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatchObject({ kind: 'adjustment', description: 'Upgrade to VPS Performance (20 of 30 days)', serviceId: vps.id, quantity: 1, amountMinor: 1067, taxMinor: 203, periodStart: '2026-04-10', periodEnd: '2026-04-29' });
        expect(lines[0]!.tax.rateMilliPercent).toBe(19000);
        // Nothing moves until the difference is paid; then the plan and price do, the due date doesn't.
        expect(await serviceOf(vps.id)).toMatchObject({ planId: vpsPlan.id, recurringMinor: 600, nextDueOn: '2026-04-30' });
        await payInFull(inv.id, day);
        expect(await serviceOf(vps.id)).toMatchObject({ planId: performancePlan.id, recurringMinor: 2200, nextDueOn: '2026-04-30', status: 'active' });
      }
      if (day === '2026-09-10') {
        // Period [31 Aug, 30 Sep) is 30 days, 20 of them unused: (600 − 2200) × 20 / 30 = −1066.67 → −1067 net;
        // VAT −203; 1270 credited with its tax — exactly what the mirror-image upgrade cost.
        const down = await requestPlanChange(db, { serviceId: vps.id, customerId: customer!.id, planSlug: 'vps-starter', options: vpsOptionsOrdered, at: at(day), actor: system, storefrontId });
        expect(down).toMatchObject({ status: 'applied', invoicePublicId: null, creditedMinor: 1270 });
        expect(down.preview).toMatchObject({ kind: 'downgrade', amountMinor: -1067, taxMinor: -203, totalMinor: -1270, remainingDays: 20, totalDays: 30, newRecurringMinor: 600, periodStart: '2026-08-31', periodEnd: '2026-09-30' });
        expect(await serviceOf(vps.id)).toMatchObject({ planId: vpsPlan.id, recurringMinor: 600, nextDueOn: '2026-09-30', status: 'active' });
        expect(await getCreditBalance(db, customer!.id, 'EUR')).toBe(1270);
      }
      if (day === '2026-09-23') {
        // The pass issues the 30 Sep renewal at Starter (600 + 114 VAT = 714) and pays it from the credit at once.
        const inv = await renewalDue(vps.id, '2026-09-30');
        expect(inv).toMatchObject({ status: 'paid', subtotalMinor: 600, taxMinor: 114, totalMinor: 714, paidMinor: 714 });
        expect(await getCreditBalance(db, customer!.id, 'EUR')).toBe(1270 - 714);
      }
      if (day === '2026-10-24') {
        // The 556 left covers part of the 31 Oct renewal; the customer paid the other 714 − 556 = 158.
        const inv = await renewalDue(vps.id, '2026-10-31');
        expect(inv).toMatchObject({ status: 'paid', totalMinor: 714, paidMinor: 714 });
        const paidBy = await db.select({ method: invoicePayments.method, amountMinor: invoicePayments.amountMinor }).from(invoicePayments).where(eq(invoicePayments.invoiceId, inv.id)).orderBy(asc(invoicePayments.id));
        expect(paidBy).toEqual([{ method: 'credit', amountMinor: 556 }, { method: 'bank_transfer', amountMinor: 158 }]);
        expect(await getCreditBalance(db, customer!.id, 'EUR')).toBe(0);
      }
    }

    const vpsRenewals = await renewalsOf(vps.id);
    expect(vpsRenewals.map((r) => r.invoice.dueOn)).toEqual([
      '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30', '2026-07-31', '2026-08-31',
      '2026-09-30', '2026-10-31', '2026-11-30', '2026-12-31', '2027-01-31', '2027-02-28',
    ]);
    // Issued seven days ahead, each exactly once.
    expect(vpsRenewals[0]!.invoice.issuedAt!.toISOString().slice(0, 10)).toBe('2026-02-21');
    // Starter until the upgrade, Performance for the five renewals it was in force (30 Apr – 31 Aug), Starter again.
    const priceDue = (dueOn: string) => (dueOn >= '2026-04-30' && dueOn <= '2026-08-31' ? 2200 : 600);
    for (const [i, r] of vpsRenewals.entries()) {
      const monthly = priceDue(r.invoice.dueOn!);
      const lines = await linesOf(r.invoice.id);
      const kinds = lines.map((l) => l.kind);
      // The coupon: first invoice, then two renewals (three cycles in all).
      expect(kinds.includes('discount'), `renewal ${i}`).toBe(i < 2);
      // The loyalty tier (12 months → 5 %) counts from the first paid invoice (15 Jan 2026): reached by the
      // invoice issued 24 Jan 2027.
      expect(kinds.includes('loyalty'), `renewal ${i}`).toBe(r.invoice.dueOn! >= '2027-01-31');
      expect(lines[0]).toMatchObject({ kind: 'plan', amountMinor: monthly, periodStart: r.periodStart, periodEnd: addDays(r.periodEnd, -1) });
      const net = lines.reduce((s, l) => s + l.amountMinor, 0);
      const tax = lines.reduce((s, l) => s + l.taxMinor, 0);
      expect(r.invoice).toMatchObject({ subtotalMinor: net, taxMinor: tax, totalMinor: net + tax });
      expect(lines.every((l) => l.tax.rateMilliPercent === 19000)).toBe(true);
      if (i < 2) expect(lines.find((l) => l.kind === 'discount')!.amountMinor).toBe(-500);
      if (r.invoice.dueOn! >= '2027-01-31') expect(lines.find((l) => l.kind === 'loyalty')!.amountMinor).toBe(-Math.round((monthly * 5) / 100));
    }
    // The VPS alone on its invoice, at the new price: 2200 + 19 % (418) after the upgrade, 600 + 114 after the downgrade.
    for (const [dueOn, net, tax] of [['2026-04-30', 2200, 418], ['2026-08-31', 2200, 418], ['2026-09-30', 600, 114], ['2026-12-31', 600, 114]] as const) {
      expect(await renewalDue(vps.id, dueOn), dueOn).toMatchObject({ status: 'paid', subtotalMinor: net, taxMinor: tax, totalMinor: net + tax });
    }
    // One credit in, spent on the next two renewals, oldest first.
    const ledger = await db.select().from(creditLedger).where(eq(creditLedger.customerId, customer!.id)).orderBy(asc(creditLedger.id));
    expect(ledger.map((e) => [e.kind, e.amountMinor, e.invoiceId])).toEqual([
      ['overpayment', 1270, null],
      ['invoice_payment', -714, (await renewalDue(vps.id, '2026-09-30')).id],
      ['invoice_payment', -556, (await renewalDue(vps.id, '2026-10-31')).id],
    ]);
    const [vpsNow] = await db.select().from(services).where(eq(services.id, vps.id));
    expect([vpsNow!.status, vpsNow!.coupons.map((c) => c.cyclesRemaining)]).toEqual(['active', [0]]);

    // The annual web hosting renewed once, on its anniversary.
    expect((await renewalsOf(web.id)).map((r) => r.invoice.dueOn)).toEqual(['2027-01-31']);

    // The game server: suspended 19 April (three days overdue), terminated 16 May (thirty), its open invoice voided.
    const [gameNow] = await db.select().from(services).where(eq(services.id, game.id));
    expect(gameNow!.status).toBe('terminated');
    expect(gameNow!.suspendedAt!.toISOString().slice(0, 10)).toBe('2026-04-19');
    expect(gameNow!.terminatedAt!.toISOString().slice(0, 10)).toBe('2026-05-16');
    const gameRenewals = await renewalsOf(game.id);
    expect(gameRenewals.map((r) => [r.invoice.dueOn, r.invoice.status])).toEqual([
      ['2026-02-15', 'paid'],
      ['2026-03-15', 'paid'],
      ['2026-04-15', 'void'],
    ]);
    const notices = await db.select().from(invoiceNotices).where(eq(invoiceNotices.invoiceId, gameRenewals[2]!.invoice.id));
    expect(notices.filter((n) => n.sent).map((n) => n.kind).sort()).toEqual(['due', 'overdue_1', 'overdue_2', 'overdue_3', 'reminder']);
    const mails = await db.select({ template: emailOutbox.template, n: count() }).from(emailOutbox).groupBy(emailOutbox.template);
    const sentOf = (tpl: string) => mails.find((m) => m.template === tpl)?.n ?? 0;
    // One email per renewal invoice: the VPS and the web hosting both fall due on 31 Jan 2027 and share one.
    const jan = vpsRenewals.find((r) => r.invoice.dueOn === '2027-01-31')!.invoice.id;
    expect((await renewalsOf(web.id))[0]!.invoice.id).toBe(jan);
    expect(sentOf('invoice-issued')).toBe(vpsRenewals.length + 3);
    expect(sentOf('service-suspended')).toBe(2);
    expect(sentOf('service-terminated')).toBe(1);
    // Paid invoices get none: the late VPS invoice four (reminder, due, two overdue), the abandoned one five.
    expect(sentOf('invoice-reminder')).toBe(9);

    // Numbers have no gaps, and a second pass at the same moment changes nothing.
    const bySeries = new Map<string, number[]>();
    for (const { n } of await db.select({ n: invoices.number }).from(invoices).orderBy(asc(invoices.id))) {
      const series = n!.slice(0, -6);
      bySeries.set(series, [...(bySeries.get(series) ?? []), Number(n!.slice(-6))]);
    }
    expect([...bySeries.keys()]).toEqual(['INV-2026-', 'INV-2027-']);
    for (const seqs of bySeries.values()) expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const again = await runBillingPass(db, { storefrontId, at: at('2027-02-28') });
    expect(again.renewals).toEqual({ invoices: 0, services: 0 });
    expect(Object.values(again.notices).every((n) => n === 0)).toBe(true);
    const vpsIds = vpsRenewals.map((r) => r.invoice.id);
    expect((await db.select({ id: invoices.id }).from(invoices).where(inArray(invoices.id, vpsIds))).length).toBe(vpsIds.length);
  }, 180_000);
});
