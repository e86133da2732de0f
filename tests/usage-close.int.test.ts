import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { invoiceLines, invoices, serviceBillingPeriods, services, usageCounters, usagePeriodClosings, type Service } from '@/db/schema/storefront';
import { runBillingPass } from '@/lib/billing/run/run-billing-pass';
import { adjustCredit } from '@/lib/credit/adjust-credit';
import { recordInvoicePayment } from '@/lib/invoices/record-invoice-payment';
import type { StorefrontDb } from '@/lib/db/connection';
import { saveBillingSettings } from '@/lib/settings/billing-settings';
import { ingestUsage } from '@/lib/usage/ingest-usage';
import { setupShop } from './factories/shop';
import { meteredService, meterPlan } from './factories/usage';
import type { TestEnv } from './helpers/test-env';

let t: TestEnv;
let db: StorefrontDb;
let storefrontId: number;
const svc: Record<'dev' | 'pro' | 'bw' | 'users' | 'vps' | 'paid', Service> = {} as never;

const NOW = new Date('2026-04-01T12:00:00Z');
const march = (day: number, hour = 9, minute = 0) => new Date(Date.UTC(2026, 2, day, hour, minute));
const event = (s: Service, meter: string, id: string, quantity: string, at: Date, uniqueKey?: string) => ({ service: s.publicId, meter, quantity, at, transactionId: id, ...(uniqueKey ? { uniqueKey } : {}) });
const pass = (iso: string) => runBillingPass(db, { storefrontId, at: new Date(iso) });

async function usageInvoicesOf(s: Service) {
  const rows = await db.selectDistinct({ id: usagePeriodClosings.invoiceId }).from(usagePeriodClosings).where(eq(usagePeriodClosings.serviceId, s.id));
  const ids = rows.map((r) => r.id).filter((id): id is number => id !== null);
  if (!ids.length) return [];
  const list = await db.select().from(invoices).where(inArray(invoices.id, ids)).orderBy(asc(invoices.id));
  const lines = await db.select().from(invoiceLines).where(inArray(invoiceLines.invoiceId, ids)).orderBy(asc(invoiceLines.sortOrder));
  return list.map((inv) => ({ ...inv, lines: lines.filter((l) => l.invoiceId === inv.id) }));
}

async function snapshot() {
  return {
    invoices: await db.select().from(invoices).orderBy(asc(invoices.id)),
    lines: await db.select().from(invoiceLines).orderBy(asc(invoiceLines.id)),
    closings: await db.select().from(usagePeriodClosings).orderBy(asc(usagePeriodClosings.serviceId), asc(usagePeriodClosings.periodStart), asc(usagePeriodClosings.closedOn)),
  };
}

beforeAll(async () => {
  ({ t, db, storefrontId } = await setupShop());
  await saveBillingSettings(db, { emails: { invoiceIssued: false, paymentReceipt: false, reminders: false, overdueNotices: false, suspension: false, termination: false } });
  await meterPlan(db, { planSlug: 'kasm-developer-basic', meter: 'kasm_hours', step: '0.25', price: '15' });
  await meterPlan(db, { planSlug: 'kasm-developer-pro', meter: 'kasm_hours', step: '0.25', included: '5', price: '30' });
  await meterPlan(db, { planSlug: 'kasm-business-basic', meter: 'bandwidth_mbps', aggregation: 'p95', step: '1', price: '150' });
  await meterPlan(db, { planSlug: 'kasm-business-pro', meter: 'active_users', included: '1', price: '250' });
  await meterPlan(db, { planSlug: 'vps-starter', meter: 'bandwidth_gb', included: '100', price: '50' });
  const make = (email: string, planSlug: string, cycle: 'hourly' | 'monthly' = 'hourly') => meteredService(db, storefrontId, { email, planSlug, cycle, start: '2026-03-10' }).then((r) => r.service);
  svc.dev = await make('dev@example.com', 'kasm-developer-basic');
  svc.pro = await make('pro@example.com', 'kasm-developer-pro');
  svc.bw = await make('bw@example.com', 'kasm-business-basic');
  svc.users = await make('users@example.com', 'kasm-business-pro');
  svc.vps = await make('vps@example.com', 'vps-starter', 'monthly');
  svc.paid = await make('paid@example.com', 'kasm-developer-basic');
  await adjustCredit(db, { customerId: svc.paid.customerId, currency: 'EUR', amountMinor: 1000, note: 'test', staffId: null, actor: { type: 'system', label: 'test' } });
});
afterAll(async () => {
  await t?.cleanup();
});

describe('closing a usage period', () => {
  it('waits for the anchor day', async () => {
    const samples = [
      // 95th percentile of 31 days of 5-minute buckets (8,928): the top 446 are dropped, the 447th is billed.
      ...Array.from({ length: 446 }, (_, i) => event(svc.bw, 'bandwidth_mbps', `bw-top-${i}`, '900', new Date(Date.UTC(2026, 2, 11) + i * 300_000))),
      // Two events in one bucket add up: 100 + 20.5 = 120.5 Mbps, rounded up to 121 by the meter's whole-Mbps step.
      event(svc.bw, 'bandwidth_mbps', 'bw-447-a', '100', march(20, 12, 1)),
      event(svc.bw, 'bandwidth_mbps', 'bw-447-b', '20.5', march(20, 12, 4)),
      ...Array.from({ length: 50 }, (_, i) => event(svc.bw, 'bandwidth_mbps', `bw-low-${i}`, '10', new Date(Date.UTC(2026, 2, 25) + i * 300_000))),
    ];
    const result = await ingestUsage(db, {
      now: NOW,
      events: [
        // 1.1 h → 1.25, 2.4 h → 2.5, 3.5 h: 7.25 h.
        event(svc.dev, 'kasm_hours', 'dev-1', '1.1', march(11)),
        event(svc.dev, 'kasm_hours', 'dev-2', '2.4', march(15)),
        event(svc.dev, 'kasm_hours', 'dev-3', '3.5', march(31)),
        // 4 + 4.25 + 4 = 12.25 h, 5 included.
        event(svc.pro, 'kasm_hours', 'pro-1', '4', march(12)),
        event(svc.pro, 'kasm_hours', 'pro-2', '4.1', march(13)),
        event(svc.pro, 'kasm_hours', 'pro-3', '4', march(14)),
        ...samples,
        // Four distinct users, one included.
        ...['ann', 'bob', 'ann', 'cy', 'dee', 'bob', 'ann'].map((u, i) => event(svc.users, 'active_users', `u-${i}`, '1', march(12 + i), u)),
        // 150.5 GB, 100 included.
        event(svc.vps, 'bandwidth_gb', 'vps-1', '100', march(20)),
        event(svc.vps, 'bandwidth_gb', 'vps-2', '50.5', march(28)),
        event(svc.paid, 'kasm_hours', 'paid-1', '2', march(20)),
      ],
    });
    expect(result.rejected).toEqual([]);
    const report = await pass('2026-04-03T06:00:00Z');
    expect(report.renewals.invoices).toBe(1);
    expect(report.usage).toEqual({ services: 0, invoices: 0, attached: 0, lines: 0, unpriced: 0 });
  });

  it('bills each meter once on the anchor day, with hand-computed amounts', async () => {
    const report = await pass('2026-04-10T06:00:00Z');
    expect(report.usage).toEqual({ services: 6, invoices: 5, attached: 1, lines: 6, unpriced: 0 });
    const only = async (s: Service) => {
      const list = await usageInvoicesOf(s);
      expect(list).toHaveLength(1);
      return list[0]!;
    };
    const dev = await only(svc.dev);
    // 7.25 h × €0.15 = 108.75 → 109; German VAT 19 % on it: 20.71 → 21.
    expect(dev).toMatchObject({ status: 'unpaid', dueOn: '2026-04-10', subtotalMinor: 109, taxMinor: 21, totalMinor: 130 });
    expect(dev.lines).toHaveLength(1);
    expect(dev.lines[0]).toMatchObject({
      kind: 'usage',
      serviceId: svc.dev.id,
      quantity: 1,
      quantityPrecise: '7.250000',
      unitPricePrecise: '15.0000000000',
      amountMinor: 109,
      taxMinor: 21,
      periodStart: '2026-03-10',
      periodEnd: '2026-04-09',
    });
    expect(dev.lines[0]!.description).toMatch(/^Desktop time: 7\.25 hours × €0\.15 per hour – /);
    expect(dev.number).toMatch(/^INV-2026-\d{6}$/);

    // 12.25 h − 5 included = 7.25 h × €0.30 = 217.5 → 218; VAT 41.42 → 41.
    expect(await only(svc.pro)).toMatchObject({ subtotalMinor: 218, taxMinor: 41, totalMinor: 259 });
    expect((await only(svc.pro)).lines[0]!.description).toMatch(/7\.25 hours × €0\.30 per hour \(12\.25 used, 5 included\)/);
    // p95 120.5 Mbps → 121 × €1.50 = 181.50; VAT 34.485 → 34.49.
    expect(await only(svc.bw)).toMatchObject({ subtotalMinor: 18150, taxMinor: 3449, totalMinor: 21599 });
    // 4 users − 1 included = 3 × €2.50; VAT 142.5 → 143.
    expect(await only(svc.users)).toMatchObject({ subtotalMinor: 750, taxMinor: 143, totalMinor: 893 });
    // Credit pays a usage invoice like any other in the same pass: 2 h × €0.15 = 30, VAT 5.7 → 6.
    expect(await only(svc.paid)).toMatchObject({ totalMinor: 36, paidMinor: 36, status: 'paid' });
  });

  it('puts a monthly service’s usage on the renewal invoice of the day it closes', async () => {
    const [period] = await db.select().from(serviceBillingPeriods).where(and(eq(serviceBillingPeriods.serviceId, svc.vps.id), eq(serviceBillingPeriods.periodStart, '2026-04-10')));
    const renewal = (await usageInvoicesOf(svc.vps))[0]!;
    expect(renewal.id).toBe(period!.invoiceId);
    const usage = renewal.lines.filter((l) => l.kind === 'usage');
    const own = renewal.lines.filter((l) => l.kind !== 'usage');
    // 50.5 GB over the 100 included × €0.50 = 25.25; VAT 4.7975 → 4.80.
    expect(usage).toHaveLength(1);
    expect(usage[0]).toMatchObject({ amountMinor: 2525, taxMinor: 480, quantityPrecise: '50.500000', periodStart: '2026-03-10', periodEnd: '2026-04-09' });
    expect(usage[0]!.sortOrder).toBeGreaterThan(Math.max(...own.map((l) => l.sortOrder)));
    expect(renewal.subtotalMinor).toBe(renewal.lines.reduce((s, l) => s + l.amountMinor, 0));
    expect(renewal.taxMinor).toBe(renewal.lines.reduce((s, l) => s + l.taxMinor, 0));
    expect(renewal.totalMinor).toBe(renewal.subtotalMinor + renewal.taxMinor);
  });

  it('changes nothing when the pass runs again', async () => {
    const before = await snapshot();
    for (const at of ['2026-04-10T06:00:00Z', '2026-04-10T18:00:00Z', '2026-04-12T06:00:00Z']) expect((await pass(at)).usage.services).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it('bills usage that arrives after its period closed on the next invoice, naming its period', async () => {
    const first = (await usageInvoicesOf(svc.dev))[0]!;
    const late = new Date('2026-04-20T10:00:00Z');
    // 0.6 h on 5 April (the March period) reported on 20 April, and 2 h in the April period.
    await ingestUsage(db, { now: late, events: [event(svc.dev, 'kasm_hours', 'dev-late', '0.6', new Date('2026-04-05T10:00:00Z')), event(svc.dev, 'kasm_hours', 'dev-apr', '2', new Date('2026-04-15T10:00:00Z'))] });
    const [reopened] = await db.select().from(usageCounters).where(and(eq(usageCounters.serviceId, svc.dev.id), eq(usageCounters.periodStart, '2026-03-10')));
    expect(reopened).toMatchObject({ unbilled: true, closed: true, billOn: '2026-05-10', value: '8.000000' });
    expect((await pass('2026-04-21T06:00:00Z')).usage.services).toBe(0);

    expect((await pass('2026-05-10T06:00:00Z')).usage).toMatchObject({ services: 1, invoices: 1, lines: 2 });
    const [unchanged, next] = await usageInvoicesOf(svc.dev);
    expect(unchanged).toEqual({ ...first, updatedAt: unchanged!.updatedAt });
    expect(next!.lines.map((l) => [l.periodStart, l.periodEnd, l.quantityPrecise, l.amountMinor])).toEqual([
      ['2026-03-10', '2026-04-09', '0.750000', 11],
      ['2026-04-10', '2026-05-09', '2.000000', 30],
    ]);
    // 8 h billed in all: 120 = 109 on the first invoice + 11 on this one.
    expect(next!.lines[0]!.description).toMatch(/^Late usage 10 Mar 2026 – 9 Apr 2026: Desktop time: 0\.75 hours × €0\.15 per hour/);
    const closings = await db.select().from(usagePeriodClosings).where(eq(usagePeriodClosings.serviceId, svc.dev.id)).orderBy(asc(usagePeriodClosings.closedOn), asc(usagePeriodClosings.periodStart));
    expect(closings.map((c) => [c.periodStart, c.closedOn, c.late, c.chargedQuantity, c.amountMinor, c.invoiceId])).toEqual([
      ['2026-03-10', '2026-04-10', false, '7.250000', 109, first.id],
      ['2026-03-10', '2026-05-10', true, '0.750000', 11, next!.id],
      ['2026-04-10', '2026-05-10', false, '2.000000', 30, next!.id],
    ]);
  });

  it('suspends a service whose usage invoice is overdue, as an unpaid renewal does, and payment lifts it', async () => {
    // The passes of 21 April and 10 May found the 10 April usage invoice more than 3 days overdue.
    const status = async () => (await db.select({ status: services.status, reason: services.suspensionReason }).from(services).where(eq(services.id, svc.users.id)))[0];
    expect(await status()).toEqual({ status: 'suspended', reason: 'overdue' });
    const inv = (await usageInvoicesOf(svc.users))[0]!;
    await db.transaction((tx) => recordInvoicePayment(tx, { invoiceId: inv.id, method: 'bank_transfer', currency: 'EUR', amountMinor: inv.totalMinor, reference: 'usage', actor: { type: 'system', label: 'test' }, now: new Date('2026-05-11T09:00:00Z') }));
    expect(await status()).toEqual({ status: 'active', reason: null });
  });
});
