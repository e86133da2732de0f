// Measures two hot paths of the foundation and prints figures (no assertions):
//  1. host resolution, which runs on every request in proxy.ts: resolutions/s from the in-process cache;
//  2. the email pipeline end to end: outbox rows → BullMQ email.send jobs → SMTP (the sandbox) → rows 'sent'.
// Usage: npm run bench   (BENCH_EMAILS=2000 by default). Uses its own databases and Redis prefix, dropped afterwards.
import { count, eq } from 'drizzle-orm';
import { benchEnv } from './bench-env';

const bench = benchEnv();
process.env.WORKER_CONCURRENCY_DEFAULT ??= '20';
const EMAILS = Number(process.env.BENCH_EMAILS ?? 2000);

const { migrateAll } = await import('@/lib/tenancy/migrate-all');
const { createStorefront } = await import('@/lib/tenancy/create-storefront');
const { resolveHost } = await import('@/lib/tenancy/host-resolver');
const { openStorefrontDb } = await import('@/lib/tenancy/storefront-pools');
const { queueEmail, dispatchEmail } = await import('@/lib/email/enqueue-email');
const { startSandbox } = await import('@/sandbox/server');
const { createWorkers } = await import('@/jobs/worker');
const { allJobs } = await import('@/jobs/all-jobs');
const { emailOutbox } = await import('@/db/schema/storefront');


await migrateAll();
const sf = await createStorefront({ slug: 'bench', name: 'Bench Hosting', domain: 'bench.test' });
for (let i = 0; i < 20; i++) await createStorefront({ slug: `reseller-${i}`, name: `Reseller ${i}`, domain: `r${i}.test` });

// 1. Host resolution.
const hosts = ['bench.test', 'account.bench.test', 'admin.r7.test', 'unknown.test'];
await resolveHost(hosts[0]);
const N = 200_000;
let t0 = performance.now();
for (let i = 0; i < N; i++) await resolveHost(hosts[i % hosts.length]);
const resolvePerSec = N / ((performance.now() - t0) / 1000);

// 2. Email pipeline.
const sandbox = await startSandbox({ host: '127.0.0.1', httpPort: 0, smtpPort: 0 });
process.env.SANDBOX_SMTP_PORT = String(sandbox.smtpPort);
const { resetEnvCache } = await import('@/lib/config/env');
resetEnvCache();
const db = openStorefrontDb(sf);
t0 = performance.now();
const ids: number[] = [];
for (let i = 0; i < EMAILS; i++) {
  ids.push((await queueEmail(db, { to: `customer${i}@example.com`, template: 'test-message', props: { note: `message ${i}` } })).id);
}
for (const id of ids) await dispatchEmail(sf.id, id);
const queuedMs = performance.now() - t0;

t0 = performance.now();
const workers = await createWorkers({ jobs: allJobs, queues: ['default'] });
for (;;) {
  const [row] = await db.select({ n: count() }).from(emailOutbox).where(eq(emailOutbox.status, 'sent'));
  if (Number(row?.n) >= EMAILS) break;
  await new Promise((r) => setTimeout(r, 100));
}
const sendMs = performance.now() - t0;
await workers.close();
await sandbox.close();
bench.stopSampling();

console.log(`host resolutions/s (cached):        ${Math.round(resolvePerSec).toLocaleString('en-US')}`);
console.log(`emails queued + dispatched/s:       ${Math.round(EMAILS / (queuedMs / 1000)).toLocaleString('en-US')}`);
console.log(`emails rendered + sent via SMTP/s:  ${Math.round(EMAILS / (sendMs / 1000)).toLocaleString('en-US')} (${EMAILS} emails, concurrency ${process.env.WORKER_CONCURRENCY_DEFAULT})`);
console.log(`peak RSS:                           ${bench.peakRssMb()} MB`);

await bench.finish();
