import { spawn, execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, count, eq, sql } from 'drizzle-orm';
import { creditLedger, customers, invoices, plans, serviceBillingPeriods, services } from '@/db/schema/storefront';
import type { StorefrontDb } from '@/lib/db/connection';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { saveCommerceSettings } from '@/lib/settings/commerce-settings';
import { saveBillingSettings } from '@/lib/settings/billing-settings';
import { runBillingPass } from '@/lib/billing/run/run-billing-pass';
import { seedTestCatalog } from './factories/catalog';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

const CUSTOMERS = 3000;
const AT = '2026-03-10T06:00:00Z';
let t: TestEnv;

/** The same few thousand due services (and some credit) in a storefront, written in bulk. */
async function seedDueServices(db: StorefrontDb): Promise<void> {
  await seedTestCatalog(db);
  await saveCommerceSettings(db, { sellerCountry: 'DE' });
  await saveBillingSettings(db, { emails: { invoiceIssued: false, paymentReceipt: false, reminders: false, overdueNotices: false, suspension: false, termination: false } });
  const planRows = await db.select({ id: plans.id, slug: plans.slug }).from(plans).where(sql`${plans.slug} IN ('vps-starter', 'web-starter', 'minecraft-4gb')`).orderBy(asc(plans.slug));
  for (let start = 0; start < CUSTOMERS; start += 500) {
    const batch = Array.from({ length: Math.min(500, CUSTOMERS - start) }, (_, k) => start + k);
    await db.insert(customers).values(batch.map((i) => ({ publicId: `cus_crash${i}`, email: `c${i}@example.com`, name: `C ${i}`, country: ['DE', 'FR', 'US'][i % 3]!, currency: 'EUR' })));
    const ids = await db.select({ id: customers.id, email: customers.email }).from(customers).where(sql`${customers.publicId} LIKE 'cus_crash%'`).orderBy(asc(customers.id));
    const byEmail = new Map(ids.map((r) => [r.email, r.id]));
    const rows = batch.flatMap((i) => {
      const customerId = byEmail.get(`c${i}@example.com`)!;
      const n = 1 + (i % 2);
      return Array.from({ length: n }, (_, k) => {
        const plan = planRows[(i + k) % planRows.length]!;
        const due = `2026-03-${String(10 + ((i + k) % 7)).padStart(2, '0')}`;
        return { publicId: `svc_crash${i}_${k}`, customerId, planId: plan.id, label: `${plan.slug} ${i}/${k}`, cycle: 'monthly' as const, currency: 'EUR', recurringMinor: 500 + ((i * 37 + k * 11) % 4000), status: 'active' as const, nextDueOn: due, anchorDay: Number(due.slice(8)) };
      });
    });
    await db.insert(services).values(rows);
    const credited = batch.filter((i) => i % 5 === 0).map((i) => ({ customerId: byEmail.get(`c${i}@example.com`)!, currency: 'EUR', amountMinor: 2500, kind: 'staff_adjustment' as const, note: 'seed' }));
    if (credited.length) await db.insert(creditLedger).values(credited);
  }
}

async function snapshot(db: StorefrontDb) {
  const inv = await db
    .select({ number: invoices.number, email: customers.email, total: invoices.totalMinor, paid: invoices.paidMinor, status: invoices.status, dueOn: invoices.dueOn })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .orderBy(asc(invoices.number));
  const credit = await db
    .select({ email: customers.email, balance: sql<string>`SUM(${creditLedger.amountMinor})` })
    .from(creditLedger)
    .innerJoin(customers, eq(customers.id, creditLedger.customerId))
    .groupBy(customers.email)
    .orderBy(asc(customers.email));
  const [periods] = await db.select({ n: count() }).from(serviceBillingPeriods);
  return { inv, credit: credit.map((c) => [c.email, Number(c.balance)]), periods: periods!.n };
}

function passCommand(slug: string) {
  return { cmd: 'bin/ezscale', args: ['billing:run', '--storefront', slug, '--at', AT, '--json'], env: { ...process.env, DATABASE_URL: t.centralUrl, REDIS_PREFIX: t.redisPrefix } };
}

/**
 * Starts a pass in its own process and SIGKILLs it as soon as it has invoiced `killAt` periods in all. Resolves with
 * how the process ended, so the caller can check it really died mid-way rather than finishing first.
 */
function killedPass(slug: string, db: StorefrontDb, killAt: number): Promise<{ signal: NodeJS.Signals | null; periodsAtKill: number | null }> {
  const { cmd, args, env } = passCommand(slug);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: 'ignore' });
    let exited = false;
    let periodsAtKill: number | null = null;
    const poll = async () => {
      while (!exited) {
        const [row] = await db.select({ n: count() }).from(serviceBillingPeriods);
        if (row!.n >= killAt) {
          periodsAtKill = row!.n;
          child.kill('SIGKILL');
          return;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    child.on('exit', (_code, signal) => {
      exited = true;
      resolve({ signal, periodsAtKill });
    });
    void poll();
  });
}

let crashed: StorefrontDb;
let clean: StorefrontDb;
let twin: StorefrontDb;
let twinId: number;
/** What one uninterrupted pass leaves: the reference both tests compare against. */
let reference: Awaited<ReturnType<typeof snapshot>>;
const TOTAL = Math.floor(CUSTOMERS * 1.5);

beforeAll(async () => {
  t = await setupTestEnv();
  crashed = openStorefrontDb(await createStorefront({ slug: 'crashed', name: 'Crashed', domain: 'crashed.test' }));
  clean = openStorefrontDb(await createStorefront({ slug: 'clean', name: 'Clean', domain: 'clean.test' }));
  const twinSf = await createStorefront({ slug: 'twin', name: 'Twin', domain: 'twin.test' });
  twin = openStorefrontDb(twinSf);
  twinId = twinSf.id;
  await seedDueServices(crashed);
  await seedDueServices(clean);
  await seedDueServices(twin);
  const { cmd, args, env } = passCommand('clean');
  const report = JSON.parse(execFileSync(cmd, args, { env, encoding: 'utf8' })) as { renewals: { invoices: number; services: number } };
  expect(report.renewals.services).toBe(TOTAL);
  reference = await snapshot(clean);
}, 300_000);
afterAll(async () => {
  await t.cleanup();
});

describe('a billing pass killed with SIGKILL', () => {
  it('killed at 20 %, 40 % and 60 % of the work and re-run to the end, leaves exactly what one uninterrupted pass leaves', async () => {
    // Each kill lands in the middle of the work: the process died by the signal, past its mark and before the end.
    for (const f of [0.2, 0.4, 0.6]) {
      const killAt = Math.floor(TOTAL * f);
      const ended = await killedPass('crashed', crashed, killAt);
      expect(ended.signal, `the pass killed at ${f * 100} % died by SIGKILL`).toBe('SIGKILL');
      expect(ended.periodsAtKill).toBeGreaterThanOrEqual(killAt);
      const partial = await snapshot(crashed);
      expect(partial.periods, `periods invoiced when killed at ${f * 100} %`).toBeGreaterThanOrEqual(killAt);
      expect(partial.periods, `the pass killed at ${f * 100} % had not finished`).toBeLessThan(TOTAL);
    }
    const finish = passCommand('crashed');
    execFileSync(finish.cmd, finish.args, { env: finish.env });

    const a = await snapshot(crashed);
    expect(a.periods).toBe(reference.periods);
    expect(a.credit).toEqual(reference.credit);
    expect(a.inv).toEqual(reference.inv);
  }, 300_000);

  it('two passes at once never bill a period twice', async () => {
    const [a, b] = await Promise.all([runBillingPass(twin, { storefrontId: twinId, at: new Date(AT) }), runBillingPass(twin, { storefrontId: twinId, at: new Date(AT) })]);
    expect(a.renewals.services + b.renewals.services).toBe(TOTAL);
    const s = await snapshot(twin);
    expect(s.periods).toBe(TOTAL);
    // Each service is on exactly one invoice, and the numbers still have no gaps.
    const seqs = s.inv.map((i) => Number(i.number!.slice(-6)));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(s.credit).toEqual(reference.credit);
  }, 300_000);
});
