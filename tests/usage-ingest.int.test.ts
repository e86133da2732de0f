import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { services, usageCounters, usageEvents, type Service } from '@/db/schema/storefront';
import type { StorefrontDb } from '@/lib/db/connection';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { saveCommerceSettings } from '@/lib/settings/commerce-settings';
import { getLiveUsage } from '@/lib/usage/get-live-usage';
import { ingestUsage } from '@/lib/usage/ingest-usage';
import { recordUsage } from '@/lib/usage/record-usage';
import { p95Dropped } from '@/lib/usage/aggregations/p95';
import { parseQuantity, showQuantity } from '@/lib/usage/decimal';
import { bucketsIn } from '@/lib/usage/usage-period';
import { roundUpToIncrement } from '@/lib/usage/usage-rounding';
import { seedTestCatalog } from './factories/catalog';
import { setupShop } from './factories/shop';
import { meteredService, meterPlan } from './factories/usage';
import { expectAppError } from './helpers/expect-app-error';
import type { TestEnv } from './helpers/test-env';

let t: TestEnv;
let db: StorefrontDb;
let storefrontId: number;
let kasm: Service;
let other: Service;

// Every event of these tests falls in the period 2026-03-10 – 2026-04-09 of services started on 10 March.
const NOW = new Date('2026-04-01T12:00:00Z');
const at = (minutes: number) => new Date(Date.parse('2026-03-10T00:00:00Z') + minutes * 60_000);

beforeAll(async () => {
  ({ t, db, storefrontId } = await setupShop());
  await meterPlan(db, { planSlug: 'kasm-developer-basic', meter: 'kasm_hours', step: '0.25', price: '15' });
  await meterPlan(db, { planSlug: 'kasm-developer-basic', meter: 'active_users', price: '200' });
  await meterPlan(db, { planSlug: 'kasm-developer-basic', meter: 'bandwidth_mbps', aggregation: 'p95', price: '0.5' });
  await meterPlan(db, { planSlug: 'kasm-developer-basic', meter: 'bandwidth_gb', aggregation: 'max', step: '1', price: '2' });
  ({ service: kasm } = await meteredService(db, storefrontId, { email: 'kasm@example.com', planSlug: 'kasm-developer-basic', cycle: 'hourly', start: '2026-03-10' }));
  ({ service: other } = await meteredService(db, storefrontId, { email: 'other@example.com', planSlug: 'kasm-developer-basic', cycle: 'hourly', start: '2026-03-10' }));
});
afterAll(async () => {
  await t?.cleanup();
});

const hours = (svc: Service, id: string, quantity: string, minutes = 60) => ({ service: svc.publicId, meter: 'kasm_hours', quantity, at: at(minutes), transactionId: id });

async function counter(svc: Service, meter: string) {
  const [row] = await db.select().from(usageCounters).where(and(eq(usageCounters.serviceId, svc.id), eq(usageCounters.meterCode, meter)));
  return row;
}

describe('recording usage', () => {
  it('counts a transaction id once, however often and in however many batches it comes', async () => {
    const first = await recordUsage(db, { event: hours(kasm, 'sess-1', '1.1'), now: NOW });
    expect(first).toMatchObject({ recorded: true, quantity: '1.1', periodStart: '2026-03-10', periodEnd: '2026-04-09' });
    expect((await recordUsage(db, { event: hours(kasm, 'sess-1', '1.1'), now: NOW })).recorded).toBe(false);
    const batch = await ingestUsage(db, { events: [hours(kasm, 'sess-1', '9'), hours(kasm, 'sess-2', '2.4'), hours(kasm, 'sess-2', '2.4'), hours(kasm, 'sess-3', '3.5')], now: NOW });
    expect(batch).toMatchObject({ received: 4, recorded: 2, duplicates: 2, rejected: [] });
    // 1.25 + 2.5 + 3.5 hours in 15-minute increments.
    expect(await counter(kasm, 'kasm_hours')).toMatchObject({ value: '7.250000', events: 3, unbilled: true, billOn: '2026-04-10' });
  });

  it('counts each event once when two workers send the same batch at the same moment', async () => {
    const events = Array.from({ length: 2500 }, (_, i) => hours(other, `par-${i}`, '0.1', i));
    const [a, b] = await Promise.all([ingestUsage(db, { events, now: NOW }), ingestUsage(db, { events: [...events].reverse(), now: NOW })]);
    expect(a.recorded + b.recorded).toBe(2500);
    expect(a.duplicates + b.duplicates).toBe(2500);
    // Every 0.1 h session is billed as a quarter hour.
    expect(await counter(other, 'kasm_hours')).toMatchObject({ value: '625.000000', events: 2500 });
    const [n] = await db.select({ n: sql<number>`COUNT(*)` }).from(usageEvents).where(eq(usageEvents.serviceId, other.id));
    expect(Number(n!.n)).toBe(2500);
  });

  it('keeps live totals equal to a full recompute from the events, for every aggregation', async () => {
    const events: Record<string, unknown>[] = [];
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    for (let i = 0; i < 3000; i++) {
      const minutes = rand(60 * 24 * 20);
      const kind = i % 4;
      if (kind === 0) events.push({ service: kasm.publicId, meter: 'kasm_hours', quantity: `${rand(5)}.${rand(1000)}`, at: at(minutes), transactionId: `r-h-${i}` });
      if (kind === 1) events.push({ service: kasm.publicId, meter: 'active_users', quantity: '1', at: at(minutes), transactionId: `r-u-${i}`, uniqueKey: `user-${rand(40)}` });
      if (kind === 2) events.push({ service: kasm.publicId, meter: 'bandwidth_mbps', quantity: `${rand(900)}.${rand(100)}`, at: at(minutes), transactionId: `r-m-${i}` });
      if (kind === 3) events.push({ service: kasm.publicId, meter: 'bandwidth_gb', quantity: `${rand(80)}.${rand(10)}`, at: at(minutes), transactionId: `r-g-${i}` });
    }
    // In several batches, some events sent twice.
    for (let i = 0; i < events.length; i += 700) await ingestUsage(db, { events: events.slice(Math.max(0, i - 50), i + 700), now: NOW });
    const live = await getLiveUsage(db, { servicePublicId: kasm.publicId, at: NOW });
    const of = (meter: string) => live.meters.find((m) => m.meter === meter)!;

    const recompute = async (expr: string, meter: string) => {
      const [rows] = await db.execute(sql.raw(`SELECT ${expr} AS v FROM usage_events WHERE service_id = ${kasm.id} AND meter_code = '${meter}' AND period_start = '2026-03-10'`));
      return String((rows as unknown as { v: string | number }[])[0]!.v);
    };
    const exact = (v: string) => showQuantity(parseQuantity(v));
    expect(of('kasm_hours').quantity).toBe(exact(await recompute('SUM(counted_quantity)', 'kasm_hours')));
    expect(of('active_users').quantity).toBe(await recompute('COUNT(DISTINCT unique_key)', 'active_users'));
    // Maximum, rounded up to whole GB (the meter's increment).
    expect(of('bandwidth_gb').quantity).toBe(showQuantity(roundUpToIncrement(parseQuantity(await recompute('MAX(quantity)', 'bandwidth_gb')), parseQuantity('1'))));
    const [ranked] = await db.execute(
      sql.raw(`SELECT SUM(quantity) AS v FROM usage_events WHERE service_id = ${kasm.id} AND meter_code = 'bandwidth_mbps' GROUP BY FLOOR(UNIX_TIMESTAMP(occurred_at) / 300) ORDER BY v DESC`),
    );
    const samples = (ranked as unknown as { v: string }[]).map((r) => r.v);
    const billed = samples[p95Dropped(bucketsIn({ start: '2026-03-10', end: '2026-04-10' }))] ?? '0';
    expect(of('bandwidth_mbps').quantity).toBe(exact(billed));
    expect(Number(of('bandwidth_mbps').events)).toBeGreaterThan(0);
    expect(of('bandwidth_mbps').quantity).not.toBe('0');
    for (const m of live.meters) expect(m.events).toBe((await counter(kasm, m.meter))!.events);
  });
});

describe('bad usage events', () => {
  it('get one clear message each', async () => {
    const rec = (event: Record<string, unknown>) => recordUsage(db, { event: { ...hours(kasm, 'bad', '1'), ...event } as never, now: NOW });
    await expectAppError(rec({ quantity: '-1' }), 'bad_request', /^quantity cannot be negative$/);
    await expectAppError(rec({ quantity: 'lots' }), 'bad_request', /^quantity must be a decimal number/);
    await expectAppError(rec({ quantity: '1.0000001' }), 'bad_request', /^quantity can have at most 6 decimals$/);
    await expectAppError(rec({ meter: 'cpu_seconds' }), 'bad_request', /^Unknown meter "cpu_seconds"; meters are kasm_hours/);
    await expectAppError(rec({ meter: 'api_calls' }), 'bad_request', /plan does not bill api_calls \(it bills kasm_hours, active_users, bandwidth_mbps, bandwidth_gb\)/);
    await expectAppError(rec({ meter: 'active_users' }), 'bad_request', /needs a uniqueKey/);
    await expectAppError(rec({ at: new Date('2026-04-01T13:00:00Z') }), 'bad_request', /is in the future/);
    await expectAppError(rec({ service: 'svc_nosuchservice' }), 'not_found', /^No service svc_nosuchservice on this storefront\.$/);
  });

  it('refuses a service of another storefront as not found', async () => {
    const sf = await createStorefront({ slug: 'elsewhere', name: 'Elsewhere', domain: 'elsewhere.test' });
    const elsewhere = openStorefrontDb(sf);
    await seedTestCatalog(elsewhere);
    await saveCommerceSettings(elsewhere, { sellerCountry: 'DE' });
    await meterPlan(elsewhere, { planSlug: 'kasm-developer-basic', meter: 'kasm_hours', price: '15' });
    const { service: theirs } = await meteredService(elsewhere, sf.id, { email: 'theirs@example.com', planSlug: 'kasm-developer-basic', cycle: 'hourly', start: '2026-03-10' });
    await expectAppError(recordUsage(db, { event: hours(theirs, 'x-1', '1'), now: NOW }), 'not_found', /No service svc_/);
    expect((await recordUsage(elsewhere, { event: hours(theirs, 'x-1', '1'), now: NOW })).recorded).toBe(true);
  });

  it('refuses usage on suspended and terminated services', async () => {
    const { service } = await meteredService(db, storefrontId, { email: 'stopped@example.com', planSlug: 'kasm-developer-basic', cycle: 'hourly', start: '2026-03-10' });
    for (const status of ['suspended', 'terminated'] as const) {
      await db.update(services).set({ status }).where(eq(services.id, service.id));
      await expectAppError(recordUsage(db, { event: hours(service, `s-${status}`, '1'), now: NOW }), 'conflict', new RegExp(`is ${status}: usage is recorded only for active services`));
    }
    const batch = await ingestUsage(db, { events: [hours(service, 'b-1', '1'), hours(kasm, 'b-2', 'x')], now: NOW });
    expect(batch.recorded).toBe(0);
    expect(batch.rejected.map((r) => [r.index, r.code])).toEqual([
      [0, 'conflict'],
      [1, 'bad_request'],
    ]);
  });
});
