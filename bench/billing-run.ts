// The billing pass at scale, printed not asserted:
//  - seeds BENCH_SERVICES active services (default 100,000) over BENCH_CUSTOMERS customers (20,000), all due;
//  - runs one pass that issues their renewal invoices: invoices/s, SQL statements per invoice, peak RSS during it;
//  - measured in the same run, the ceiling: a raw mysql2 multi-row INSERT of the same invoice and line rows.
// Usage: npm run bench (or node --expose-gc --import tsx bench/billing-run.ts; BENCH_CPU_PROFILE=f.cpuprofile
// also writes a CPU profile of the pass). Own databases and Redis prefix, dropped afterwards. Invoice emails are off
// (they are queued in the outbox and sent by the worker, which is the email benchmark's subject).
import mysql from 'mysql2/promise';
import { benchEnv } from './bench-env';

const bench = benchEnv();
const SERVICES = Number(process.env.BENCH_SERVICES ?? 100_000);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 20_000);
const AT = new Date('2026-06-01T06:00:00Z');

const { migrateAll } = await import('@/lib/tenancy/migrate-all');
const { createStorefront } = await import('@/lib/tenancy/create-storefront');
const { openStorefrontDb } = await import('@/lib/tenancy/storefront-pools');
const { seedTestCatalog } = await import('@/tests/factories/catalog');
const { saveBillingSettings } = await import('@/lib/settings/billing-settings');
const { saveCommerceSettings } = await import('@/lib/settings/commerce-settings');
const { runBillingPass } = await import('@/lib/billing/run/run-billing-pass');
const { customers, plans, services } = await import('@/db/schema/storefront');
const { asc, inArray } = await import('drizzle-orm');


await migrateAll();
const sf = await createStorefront({ slug: 'bench', name: 'Bench Hosting', domain: 'bench.test' });
const db = openStorefrontDb(sf);
const sfDb = `${bench.name}_sf_bench`;
await seedTestCatalog(db);
await saveCommerceSettings(db, { sellerCountry: 'DE' });
await saveBillingSettings(db, { emails: { invoiceIssued: false, paymentReceipt: false, reminders: false, overdueNotices: false, suspension: false, termination: false } });
const planIds = (await db.select({ id: plans.id }).from(plans).where(inArray(plans.slug, ['vps-starter', 'vps-standard', 'web-starter', 'minecraft-4gb'])).orderBy(asc(plans.id))).map((p) => p.id);

let t0 = performance.now();
for (let start = 0; start < CUSTOMERS; start += 2000) {
  const n = Math.min(2000, CUSTOMERS - start);
  await db.insert(customers).values(Array.from({ length: n }, (_, k) => ({ publicId: `cus_b${start + k}`, email: `b${start + k}@example.com`, name: `Bench ${start + k}`, country: ['DE', 'FR', 'NL', 'US'][(start + k) % 4]!, currency: 'EUR' })));
}
const customerIds = (await db.select({ id: customers.id }).from(customers).orderBy(asc(customers.id))).map((c) => c.id);
for (let start = 0; start < SERVICES; start += 2000) {
  const n = Math.min(2000, SERVICES - start);
  await db.insert(services).values(
    Array.from({ length: n }, (_, k) => {
      const i = start + k;
      const due = `2026-06-0${1 + (i % 5)}`;
      return { publicId: `svc_b${i}`, customerId: customerIds[i % customerIds.length]!, planId: planIds[i % planIds.length]!, label: `Service ${i}`, cycle: 'monthly' as const, currency: 'EUR', recurringMinor: 500 + (i % 3000), status: 'active' as const, nextDueOn: due, anchorDay: Number(due.slice(8)) };
    }),
  );
}
const seedMs = performance.now() - t0;

const stats = await mysql.createConnection({ uri: 'mysql://root@127.0.0.1:3306/' });
const questions = async () => Number(((await stats.query<mysql.RowDataPacket[]>("SHOW GLOBAL STATUS LIKE 'Questions'"))[0] as mysql.RowDataPacket[])[0]!.Value);
const q0 = await questions();
// Seeding's garbage is not the pass's memory: collect it first when the runtime allows (npm run bench does).
(globalThis as { gc?: () => void }).gc?.();
const before = process.memoryUsage();
const profiler = process.env.BENCH_CPU_PROFILE ? await startProfiler() : null;
bench.resetPeak();
t0 = performance.now();
const report = await runBillingPass(db, { storefrontId: sf.id, at: AT, batchSize: 1000 });
const passMs = performance.now() - t0;
await profiler?.stop(process.env.BENCH_CPU_PROFILE!);
const passPeakMb = bench.peakRssMb();
const statements = (await questions()) - q0;

// The ceiling: the same invoice and line rows, copied out and bulk-inserted with raw multi-row INSERTs.
const [invRows] = await stats.query<mysql.RowDataPacket[]>(`SELECT * FROM \`${sfDb}\`.invoices`);
const [lineRows] = await stats.query<mysql.RowDataPacket[]>(`SELECT * FROM \`${sfDb}\`.invoice_lines`);
await stats.query(`CREATE TABLE \`${sfDb}\`.ceiling_invoices LIKE \`${sfDb}\`.invoices`);
await stats.query(`CREATE TABLE \`${sfDb}\`.ceiling_lines LIKE \`${sfDb}\`.invoice_lines`);
const bulk = async (table: string, rows: mysql.RowDataPacket[]) => {
  if (!rows.length) return;
  const cols = Object.keys(rows[0]!).filter((c) => c !== 'id');
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000).map((r) => cols.map((c) => (r[c] !== null && typeof r[c] === 'object' && !(r[c] instanceof Date) ? JSON.stringify(r[c]) : r[c])));
    await stats.query(`INSERT INTO \`${sfDb}\`.${table} (${cols.map((c) => `\`${c}\``).join(',')}) VALUES ?`, [chunk]);
  }
};
t0 = performance.now();
await bulk('ceiling_invoices', invRows);
await bulk('ceiling_lines', lineRows);
const ceilingMs = performance.now() - t0;
bench.stopSampling();

const perSec = report.renewals.invoices / (passMs / 1000);
const ceiling = invRows.length / (ceilingMs / 1000);
console.log(`seeded ${SERVICES.toLocaleString('en-US')} services over ${CUSTOMERS.toLocaleString('en-US')} customers in ${(seedMs / 1000).toFixed(1)} s`);
console.log(`renewal pass:                 ${report.renewals.invoices.toLocaleString('en-US')} invoices for ${report.renewals.services.toLocaleString('en-US')} services in ${(passMs / 1000).toFixed(1)} s`);
console.log(`invoices per second:          ${Math.round(perSec).toLocaleString('en-US')}`);
console.log(`SQL statements per invoice:   ${(statements / Math.max(1, report.renewals.invoices)).toFixed(1)} (server-wide Questions delta)`);
console.log(`ceiling (raw bulk INSERT):    ${Math.round(ceiling).toLocaleString('en-US')} invoices/s with their ${lineRows.length.toLocaleString('en-US')} lines`);
console.log(`pass / ceiling:               ${((perSec / ceiling) * 100).toFixed(1)} %`);
console.log(`time per step (ms):           ${Object.entries(report.stepMs).map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log(`peak RSS during the pass:     ${passPeakMb} MB (whole bench process, seeding and ceiling copy included: ${bench.peakRssMb()} MB)`);
console.log(`before the pass:              RSS ${mb(before.rss)} MB, heap ${mb(before.heapUsed)} of ${mb(before.heapTotal)} MB, external ${mb(before.external)} MB`);

await stats.end();
await bench.finish();

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
