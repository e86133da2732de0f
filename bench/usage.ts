// The usage engine at scale, printed not asserted:
//  - ingest: BENCH_USAGE_EVENTS events (default 1,000,000) over BENCH_USAGE_SERVICES Kasm services (10,000) through
//    the batch path workers use (ingestUsage, BENCH_USAGE_BATCH events a call, default 10,000), on
//    BENCH_USAGE_WORKERS connections at once (default 1); events/s;
//  - the ceiling, in the same run: the same rows written with plain multi-row INSERTs (1,000 rows a statement) into
//    a bare copy of usage_events (same columns, no unique key, no counters), on as many connections;
//  - closing: one billing pass on the anchor day, which closes every service's period (one usage invoice each);
//    the usage step's time and the whole pass's.
// Usage: npx tsx bench/usage.ts (BENCH_USAGE_EVENTS=100000 for a quick run). Own databases and Redis prefix,
// dropped afterwards. Invoice emails are off (the outbox is the email benchmark's subject).
import mysql from 'mysql2/promise';
import { benchEnv } from './bench-env';

const bench = benchEnv();
const EVENTS = Number(process.env.BENCH_USAGE_EVENTS ?? 1_000_000);
const SERVICES = Number(process.env.BENCH_USAGE_SERVICES ?? 10_000);
const BATCH = Number(process.env.BENCH_USAGE_BATCH ?? 10_000);
const WORKERS = Math.max(1, Number(process.env.BENCH_USAGE_WORKERS ?? 1));
const NOW = new Date('2026-04-09T12:00:00Z');
const CLOSE_AT = new Date('2026-04-10T06:00:00Z');

const { migrateAll } = await import('@/lib/tenancy/migrate-all');
const { createStorefront } = await import('@/lib/tenancy/create-storefront');
const { openStorefrontDb } = await import('@/lib/tenancy/storefront-pools');
const { storefrontDatabaseName } = await import('@/lib/tenancy/storefront-location');
const { seedTestCatalog } = await import('@/tests/factories/catalog');
const { meterPlan } = await import('@/tests/factories/usage');
const { saveBillingSettings } = await import('@/lib/settings/billing-settings');
const { saveCommerceSettings } = await import('@/lib/settings/commerce-settings');
const { ingestUsage } = await import('@/lib/usage/ingest-usage');
const { runBillingPass } = await import('@/lib/billing/run/run-billing-pass');
const { customers, plans, services } = await import('@/db/schema/storefront');
const { asc, eq } = await import('drizzle-orm');

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
await migrateAll();
const sf = await createStorefront({ slug: 'usage', name: 'Bench usage', domain: 'usage.bench.test' });
const db = openStorefrontDb(sf);
const sfDb = storefrontDatabaseName('usage');
await seedTestCatalog(db);
await saveCommerceSettings(db, { sellerCountry: 'DE' });
await saveBillingSettings(db, { emails: { invoiceIssued: false, paymentReceipt: false, reminders: false, overdueNotices: false, suspension: false, termination: false } });
await meterPlan(db, { planSlug: 'kasm-developer-basic', meter: 'kasm_hours', step: '0.25', price: '15' });
const [plan] = await db.select({ id: plans.id }).from(plans).where(eq(plans.slug, 'kasm-developer-basic'));

let t0 = performance.now();
for (let start = 0; start < SERVICES; start += 2000) {
  const n = Math.min(2000, SERVICES - start);
  await db.insert(customers).values(Array.from({ length: n }, (_, k) => ({ publicId: `cus_u${start + k}`, email: `u${start + k}@example.com`, name: `Bench ${start + k}`, country: ['DE', 'FR', 'NL', 'US'][(start + k) % 4]!, currency: 'EUR' })));
}
const customerIds = (await db.select({ id: customers.id }).from(customers).orderBy(asc(customers.id))).map((c) => c.id);
for (let start = 0; start < SERVICES; start += 2000) {
  const n = Math.min(2000, SERVICES - start);
  await db.insert(services).values(
    Array.from({ length: n }, (_, k) => ({ publicId: `svc_u${start + k}`, customerId: customerIds[start + k]!, planId: plan!.id, label: `Desktop ${start + k}`, cycle: 'hourly' as const, currency: 'EUR', recurringMinor: 0, status: 'active' as const, anchorDay: 10 })),
  );
}
const seedMs = performance.now() - t0;

/** Event n: a session of up to five hours on a service, somewhere in the March period. */
function eventOf(n: number) {
  return { service: `svc_u${n % SERVICES}`, meter: 'kasm_hours', quantity: `${n % 5}.${String(n % 1000).padStart(3, '0')}`, at: new Date(Date.UTC(2026, 2, 10) + (n % 29) * 86_400_000 + (n % 1440) * 60_000), transactionId: `k${n}` };
}

/** Runs `work(batchStart)` over every batch, WORKERS at a time. */
async function inBatches(work: (start: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      for (;;) {
        const start = next;
        next += BATCH;
        if (start >= EVENTS) return;
        await work(start);
      }
    }),
  );
  return performance.now() - started;
}

let recorded = 0;
bench.resetPeak();
const ingestMs = await inBatches(async (start) => {
  const events = Array.from({ length: Math.min(BATCH, EVENTS - start) }, (_, k) => eventOf(start + k));
  const r = await ingestUsage(db, { events, now: NOW });
  if (r.rejected.length) throw new Error(`rejected: ${r.rejected[0]!.message}`);
  recorded += r.recorded;
});
const ingestPeakMb = bench.peakRssMb();

// The ceiling: the same rows, as the ingest wrote them, into a table with nothing but a primary key.
const raw = await mysql.createPool({ uri: `mysql://root@127.0.0.1:3306/${sfDb}`, connectionLimit: WORKERS, timezone: 'Z' });
await raw.query('CREATE TABLE ceiling_usage_events LIKE usage_events');
await raw.query('ALTER TABLE ceiling_usage_events DROP INDEX usage_events_transaction_uq');
const ids = new Map((await db.select({ id: services.id, publicId: services.publicId }).from(services)).map((s) => [s.publicId, s.id]));
const ceilingMs = await inBatches(async (start) => {
  const rows = Array.from({ length: Math.min(BATCH, EVENTS - start) }, (_, k) => {
    const e = eventOf(start + k);
    return [ids.get(e.service)!, e.meter, e.transactionId, e.quantity, e.quantity, null, e.at, '2026-03-10', 1];
  });
  for (let i = 0; i < rows.length; i += 1000) {
    await raw.query('INSERT INTO ceiling_usage_events (service_id, meter_code, transaction_id, quantity, counted_quantity, unique_key, occurred_at, period_start, ingest_token) VALUES ?', [rows.slice(i, i + 1000)]);
  }
});
await raw.end();

bench.resetPeak();
t0 = performance.now();
const report = await runBillingPass(db, { storefrontId: sf.id, at: CLOSE_AT, batchSize: 1000 });
const passMs = performance.now() - t0;
const closePeakMb = bench.peakRssMb();
bench.stopSampling();

const eps = recorded / (ingestMs / 1000);
const ceiling = EVENTS / (ceilingMs / 1000);
console.log(`\nUsage engine: ${fmt(EVENTS)} events over ${fmt(SERVICES)} services, batches of ${fmt(BATCH)}, ${WORKERS} worker(s)`);
console.log(`  seeded ${fmt(SERVICES)} services in ${(seedMs / 1000).toFixed(1)} s`);
console.log(`  ingest (ingestUsage):         ${fmt(recorded)} events in ${(ingestMs / 1000).toFixed(1)} s = ${fmt(eps)} events/s (peak RSS ${ingestPeakMb} MB)`);
console.log(`  ceiling (raw multi-row INSERT into a bare table): ${fmt(ceiling)} events/s`);
console.log(`  ingest / ceiling:             ${((eps / ceiling) * 100).toFixed(1)} %`);
console.log(`  closing (usage step):         ${fmt(report.usage.services)} services, ${fmt(report.usage.invoices)} usage invoices in ${(report.stepMs.usage! / 1000).toFixed(2)} s`);
console.log(`  whole billing pass:           ${(passMs / 1000).toFixed(2)} s (${Object.entries(report.stepMs).map(([k, v]) => `${k} ${v}`).join(', ')} ms; peak RSS ${closePeakMb} MB)`);
await bench.finish();
