import { spawn, execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, count, eq, sql } from 'drizzle-orm';
import { customers, invoiceLines, invoices, plans, usageCounters, usagePeriodClosings, services } from '@/db/schema/storefront';
import type { StorefrontDb } from '@/lib/db/connection';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { saveCommerceSettings } from '@/lib/settings/commerce-settings';
import { saveBillingSettings } from '@/lib/settings/billing-settings';
import { runBillingPass } from '@/lib/billing/run/run-billing-pass';
import { ingestUsage } from '@/lib/usage/ingest-usage';
import { seedTestCatalog } from './factories/catalog';
import { meterPlan } from './factories/usage';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

const SERVICES = 1500;
const AT = '2026-04-10T06:00:00Z';
let t: TestEnv;

/** The same Kasm services with the same sessions in a storefront: every one closes on 10 April. */
async function seedUsage(db: StorefrontDb): Promise<void> {
  await seedTestCatalog(db);
  await saveCommerceSettings(db, { sellerCountry: 'DE' });
  await saveBillingSettings(db, { emails: { invoiceIssued: false, paymentReceipt: false, reminders: false, overdueNotices: false, suspension: false, termination: false } });
  await meterPlan(db, { planSlug: 'kasm-developer-basic', meter: 'kasm_hours', step: '0.25', price: '15' });
  const [plan] = await db.select({ id: plans.id }).from(plans).where(eq(plans.slug, 'kasm-developer-basic'));
  for (let start = 0; start < SERVICES; start += 500) {
    const batch = Array.from({ length: Math.min(500, SERVICES - start) }, (_, k) => start + k);
    await db.insert(customers).values(batch.map((i) => ({ publicId: `cus_u${i}`, email: `u${i}@example.com`, name: `U ${i}`, country: ['DE', 'FR', 'US'][i % 3]!, currency: 'EUR' })));
    const ids = new Map((await db.select({ id: customers.id, email: customers.email }).from(customers)).map((r) => [r.email, r.id]));
    await db.insert(services).values(batch.map((i) => ({ publicId: `svc_u${i}`, customerId: ids.get(`u${i}@example.com`)!, planId: plan!.id, label: `Desktop ${i}`, cycle: 'hourly' as const, currency: 'EUR', recurringMinor: 0, status: 'active' as const, anchorDay: 10 })));
  }
  const events = Array.from({ length: SERVICES * 3 }, (_, n) => {
    const i = Math.floor(n / 3);
    return { service: `svc_u${i}`, meter: 'kasm_hours', quantity: `${(i % 7) + 1}.${(n * 37) % 100}`, at: new Date(Date.UTC(2026, 2, 11 + (n % 20), 9)), transactionId: `s${n}` };
  });
  const r = await ingestUsage(db, { events, now: new Date('2026-04-01T00:00:00Z') });
  expect(r.recorded).toBe(SERVICES * 3);
}

async function snapshot(db: StorefrontDb) {
  const inv = await db
    .select({ number: invoices.number, email: customers.email, total: invoices.totalMinor, status: invoices.status, dueOn: invoices.dueOn })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .orderBy(asc(invoices.number));
  const lines = await db
    .select({ number: invoices.number, description: invoiceLines.description, amount: invoiceLines.amountMinor, tax: invoiceLines.taxMinor, quantity: invoiceLines.quantityPrecise })
    .from(invoiceLines)
    .innerJoin(invoices, eq(invoices.id, invoiceLines.invoiceId))
    .orderBy(asc(invoices.number), asc(invoiceLines.sortOrder));
  const [closings] = await db.select({ n: count() }).from(usagePeriodClosings);
  const [open] = await db.select({ n: count() }).from(usageCounters).where(eq(usageCounters.unbilled, true));
  return { inv, lines, closings: closings!.n, open: open!.n };
}

function passCommand(slug: string) {
  return { cmd: 'bin/ezscale', args: ['billing:run', '--storefront', slug, '--at', AT, '--json'], env: { ...process.env, DATABASE_URL: t.centralUrl, REDIS_PREFIX: t.redisPrefix } };
}

/** Starts a pass in its own process and SIGKILLs it as soon as it has closed `killAt` periods in all. */
function killedPass(slug: string, db: StorefrontDb, killAt: number): Promise<void> {
  const { cmd, args, env } = passCommand(slug);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: 'ignore' });
    let exited = false;
    const poll = async () => {
      while (!exited) {
        const [row] = await db.select({ n: count() }).from(usagePeriodClosings);
        if (row!.n >= killAt) {
          child.kill('SIGKILL');
          return;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    child.on('exit', () => {
      exited = true;
      resolve();
    });
    void poll();
  });
}

let crashed: StorefrontDb;
let clean: StorefrontDb;
let twin: StorefrontDb;
let twinId: number;

beforeAll(async () => {
  t = await setupTestEnv();
  crashed = openStorefrontDb(await createStorefront({ slug: 'crashed', name: 'Crashed', domain: 'crashed.test' }));
  clean = openStorefrontDb(await createStorefront({ slug: 'clean', name: 'Clean', domain: 'clean.test' }));
  const twinSf = await createStorefront({ slug: 'twin', name: 'Twin', domain: 'twin.test' });
  twin = openStorefrontDb(twinSf);
  twinId = twinSf.id;
  for (const db of [crashed, clean, twin]) await seedUsage(db);
}, 300_000);
afterAll(async () => {
  await t.cleanup();
});

describe('closing usage in a billing pass killed with SIGKILL', () => {
  it('re-run to the end leaves exactly what one uninterrupted pass leaves', async () => {
    const { cmd, args, env } = passCommand('clean');
    const report = JSON.parse(execFileSync(cmd, args, { env, encoding: 'utf8' })) as { usage: { invoices: number; services: number } };
    expect(report.usage).toMatchObject({ invoices: SERVICES, services: SERVICES });

    // Killed a fifth, two fifths and three fifths of the way: always in the middle of the closing step.
    await killedPass('crashed', crashed, SERVICES * 0.2);
    const partial = await snapshot(crashed);
    expect(partial.closings).toBeGreaterThan(0);
    expect(partial.closings).toBeLessThan(SERVICES);
    for (const f of [0.4, 0.6]) await killedPass('crashed', crashed, SERVICES * f);
    const finish = passCommand('crashed');
    execFileSync(finish.cmd, finish.args, { env: finish.env });

    const a = await snapshot(crashed);
    const b = await snapshot(clean);
    expect(a.closings).toBe(SERVICES);
    expect(a.open).toBe(0);
    expect(a).toEqual(b);
  }, 300_000);

  it('two passes at once close each period once, numbers without gaps', async () => {
    const [a, b] = await Promise.all([runBillingPass(twin, { storefrontId: twinId, at: new Date(AT) }), runBillingPass(twin, { storefrontId: twinId, at: new Date(AT) })]);
    expect(a.usage.invoices + b.usage.invoices).toBe(SERVICES);
    const s = await snapshot(twin);
    expect(s.closings).toBe(SERVICES);
    const seqs = s.inv.map((i) => Number(i.number!.slice(-6)));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(s).toEqual(await snapshot(clean));
    const [perService] = await twin.select({ n: sql<number>`MAX(c)` }).from(sql`(SELECT COUNT(*) AS c FROM usage_period_closings GROUP BY service_id) AS x`);
    expect(Number(perService!.n)).toBe(1);
  }, 300_000);
});
