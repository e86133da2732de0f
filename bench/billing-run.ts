// The billing pass at scale, printed not asserted, in two scenarios measured the same way:
//  - grouped: BENCH_SERVICES active services (default 100,000) over BENCH_CUSTOMERS customers (20,000), all due,
//    one invoice per customer and due day (the default grouping), so five services share an invoice;
//  - one invoice per service: BENCH_SINGLE_SERVICES (20,000) at the same services per customer, with the
//    storefront's invoice grouping set to per_service.
// For each: one pass issuing the renewal invoices (services/s and invoices/s, SQL statements per invoice from the
// session counters of the storefront pool's connections, peak RSS during it) and, in the same run, the ceiling: the
// rows that pass wrote (invoices, lines, billing periods, audit rows) copied out and written again with raw mysql2
// multi-row INSERTs.
// Usage: npm run bench (or node --expose-gc --import tsx bench/billing-run.ts; BENCH_CPU_PROFILE=f.cpuprofile
// also writes a CPU profile of the grouped pass). Own databases and Redis prefix, dropped afterwards. Invoice emails
// are off (they are queued in the outbox and sent by the worker, which is the email benchmark's subject).
import mysql from 'mysql2/promise';
import { benchEnv } from './bench-env';
import { sessionStatements } from './session-statements';

const bench = benchEnv();
const SERVICES = Number(process.env.BENCH_SERVICES ?? 100_000);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 20_000);
const SINGLE_SERVICES = Number(process.env.BENCH_SINGLE_SERVICES ?? 20_000);
const AT = new Date('2026-06-01T06:00:00Z');

const { migrateAll } = await import('@/lib/tenancy/migrate-all');
const { createStorefront } = await import('@/lib/tenancy/create-storefront');
const { openStorefrontDb } = await import('@/lib/tenancy/storefront-pools');
const { storefrontDatabaseName } = await import('@/lib/tenancy/storefront-location');
const { driverOf } = await import('@/lib/db/connection');
const { seedTestCatalog } = await import('@/tests/factories/catalog');
const { saveBillingSettings } = await import('@/lib/settings/billing-settings');
const { saveCommerceSettings } = await import('@/lib/settings/commerce-settings');
const { runBillingPass } = await import('@/lib/billing/run/run-billing-pass');
const { customers, plans, services } = await import('@/db/schema/storefront');
const { asc, inArray } = await import('drizzle-orm');

type Grouping = 'per_customer_day' | 'per_service';
const stats = await mysql.createConnection({ uri: 'mysql://root@127.0.0.1:3306/', dateStrings: true, timezone: 'Z' });
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

await migrateAll();
const grouped = await scenario('grouped', 'per_customer_day', SERVICES, CUSTOMERS, Boolean(process.env.BENCH_CPU_PROFILE));
const single = await scenario('single', 'per_service', SINGLE_SERVICES, Math.max(1, Math.round((SINGLE_SERVICES * CUSTOMERS) / SERVICES)), false);
bench.stopSampling();
printScenario(`Grouped: one invoice per customer and due day`, grouped);
printScenario(`One invoice per service (invoiceGrouping per_service)`, single);
console.log(`peak RSS, whole bench process (seeding and ceiling copies included): ${bench.peakRssMb()} MB`);

await stats.end();
await bench.finish();

/** Seeds a storefront with all-due services, runs one pass over it, then the raw-insert ceiling of what it wrote. */
async function scenario(slug: string, grouping: Grouping, serviceCount: number, customerCount: number, profile: boolean) {
  const sf = await createStorefront({ slug, name: `Bench ${slug}`, domain: `${slug}.bench.test` });
  const db = openStorefrontDb(sf);
  const sfDb = storefrontDatabaseName(slug);
  await seedTestCatalog(db);
  await saveCommerceSettings(db, { sellerCountry: 'DE' });
  await saveBillingSettings(db, { invoiceGrouping: grouping, emails: { invoiceIssued: false, paymentReceipt: false, reminders: false, overdueNotices: false, suspension: false, termination: false } });
  const planIds = (await db.select({ id: plans.id }).from(plans).where(inArray(plans.slug, ['vps-starter', 'vps-standard', 'web-starter', 'minecraft-4gb'])).orderBy(asc(plans.id))).map((p) => p.id);

  let t0 = performance.now();
  for (let start = 0; start < customerCount; start += 2000) {
    const n = Math.min(2000, customerCount - start);
    await db.insert(customers).values(Array.from({ length: n }, (_, k) => ({ publicId: `cus_b${start + k}`, email: `b${start + k}@example.com`, name: `Bench ${start + k}`, country: ['DE', 'FR', 'NL', 'US'][(start + k) % 4]!, currency: 'EUR' })));
  }
  const customerIds = (await db.select({ id: customers.id }).from(customers).orderBy(asc(customers.id))).map((c) => c.id);
  for (let start = 0; start < serviceCount; start += 2000) {
    const n = Math.min(2000, serviceCount - start);
    await db.insert(services).values(
      Array.from({ length: n }, (_, k) => {
        const i = start + k;
        const due = `2026-06-0${1 + (i % 5)}`;
        return { publicId: `svc_b${i}`, customerId: customerIds[i % customerIds.length]!, planId: planIds[i % planIds.length]!, label: `Service ${i}`, cycle: 'monthly' as const, currency: 'EUR', recurringMinor: 500 + (i % 3000), status: 'active' as const, nextDueOn: due, anchorDay: Number(due.slice(8)) };
      }),
    );
  }
  const seedMs = performance.now() - t0;

  const lastAuditId = await maxId(`\`${sfDb}\`.audit_log`);
  const counter = sessionStatements(driverOf(db) as mysql.Pool);
  await counter.start();
  // Seeding's garbage is not the pass's memory: collect it first when the runtime allows (npm run bench does).
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  const profiler = profile ? await startProfiler() : null;
  bench.resetPeak();
  t0 = performance.now();
  const report = await runBillingPass(db, { storefrontId: sf.id, at: AT, batchSize: 1000 });
  const passMs = performance.now() - t0;
  await profiler?.stop(process.env.BENCH_CPU_PROFILE!);
  const passPeakMb = bench.peakRssMb();
  const sql = await counter.stop();

  // The ceiling: every row the pass wrote, copied out and bulk-inserted again into empty copies of their tables.
  const tables = {
    invoices: (await stats.query<mysql.RowDataPacket[]>(`SELECT * FROM \`${sfDb}\`.invoices`))[0],
    invoice_lines: (await stats.query<mysql.RowDataPacket[]>(`SELECT * FROM \`${sfDb}\`.invoice_lines`))[0],
    service_billing_periods: (await stats.query<mysql.RowDataPacket[]>(`SELECT * FROM \`${sfDb}\`.service_billing_periods`))[0],
    audit_log: (await stats.query<mysql.RowDataPacket[]>(`SELECT * FROM \`${sfDb}\`.audit_log WHERE id > ?`, [lastAuditId]))[0],
  };
  for (const table of Object.keys(tables)) await stats.query(`CREATE TABLE \`${sfDb}\`.\`ceiling_${table}\` LIKE \`${sfDb}\`.\`${table}\``);
  t0 = performance.now();
  for (const [table, rows] of Object.entries(tables)) await bulk(`\`${sfDb}\`.\`ceiling_${table}\``, rows);
  const ceilingMs = performance.now() - t0;

  return { serviceCount, customerCount, seedMs, passMs, report, sql, passPeakMb, before, ceilingMs, rows: Object.fromEntries(Object.entries(tables).map(([t, r]) => [t, r.length])) };
}

function printScenario(title: string, s: Awaited<ReturnType<typeof scenario>>) {
  const { invoices, services: billed } = s.report.renewals;
  const passSec = s.passMs / 1000;
  const ceilingSec = s.ceilingMs / 1000;
  const ceilingInvoices = s.rows.invoices! / ceilingSec;
  console.log(`\n${title}`);
  console.log(`  seeded ${fmt(s.serviceCount)} services over ${fmt(s.customerCount)} customers in ${(s.seedMs / 1000).toFixed(1)} s`);
  console.log(`  renewal pass:                 ${fmt(invoices)} invoices for ${fmt(billed)} services in ${passSec.toFixed(1)} s`);
  console.log(`  services / invoices per second: ${fmt(billed / passSec)} services/s, ${fmt(invoices / passSec)} invoices/s`);
  console.log(`  SQL statements per invoice (session counters): ${(s.sql.statements / Math.max(1, invoices)).toFixed(2)} (${fmt(s.sql.statements)} statements on ${s.sql.connections} pooled connections)`);
  console.log(`  ceiling (raw bulk INSERT):    ${fmt(billed / ceilingSec)} services/s, ${fmt(ceilingInvoices)} invoices/s, writing the same ${fmt(s.rows.invoices!)} invoices, ${fmt(s.rows.invoice_lines!)} lines, ${fmt(s.rows.service_billing_periods!)} billing periods and ${fmt(s.rows.audit_log!)} audit rows`);
  console.log(`  pass / ceiling:               ${((invoices / passSec / ceilingInvoices) * 100).toFixed(1)} %`);
  console.log(`  time per step (ms):           ${Object.entries(s.report.stepMs).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`  peak RSS during the pass:     ${s.passPeakMb} MB`);
  console.log(`  before the pass:              RSS ${mb(s.before.rss)} MB, heap ${mb(s.before.heapUsed)} of ${mb(s.before.heapTotal)} MB, external ${mb(s.before.external)} MB`);
}

async function maxId(table: string): Promise<number> {
  const [rows] = await stats.query<mysql.RowDataPacket[]>(`SELECT COALESCE(MAX(id), 0) AS n FROM ${table}`);
  return Number(rows[0]!.n);
}

/** Multi-row INSERTs of 1,000 rows, new ids where the table has them, JSON columns as their text. */
async function bulk(table: string, rows: mysql.RowDataPacket[]) {
  if (!rows.length) return;
  const cols = Object.keys(rows[0]!).filter((c) => c !== 'id');
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000).map((r) => cols.map((c) => (r[c] !== null && typeof r[c] === 'object' && !(r[c] instanceof Date) ? JSON.stringify(r[c]) : r[c])));
    await stats.query(`INSERT INTO ${table} (${cols.map((c) => `\`${c}\``).join(',')}) VALUES ?`, [chunk]);
  }
}

function mb(bytes: number): number {
  return Math.round(bytes / 1048576);
}

/** BENCH_CPU_PROFILE=file.cpuprofile: a V8 CPU profile of the pass alone (open it in Chrome's DevTools). */
async function startProfiler() {
  const { Session } = await import('node:inspector/promises');
  const { writeFile } = await import('node:fs/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(file: string) {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}
