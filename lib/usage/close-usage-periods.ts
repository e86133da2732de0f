import type { CurrencyBook } from '@/lib/money/currency-book';
import { and, asc, eq, gt, lte, or } from 'drizzle-orm';
import { usageCounters } from '@/db/schema/storefront';
import type { AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontDb } from '@/lib/db/connection';
import { withDeadlockRetry } from '@/lib/db/retry-transaction';
import { isDuplicateKeyError } from '@/lib/errors/app-error';
import { NumberingTurnTimeout, type NumberingTurn } from '@/lib/invoices/issue-invoice';
import type { PricingSettings } from '@/lib/pricing/types';
import type { CommerceSettings } from '@/lib/settings/commerce-settings';
import { planUsageClosing } from './plan-usage-closing';
import { writeUsageClosing } from './write-usage-closing';

/** Services per transaction: one invoice statement batch each, locks held briefly. */
const SERVICES_PER_TRANSACTION = 200;
/** Transactions writing at once: one numbers and commits while the next writes its rows. */
const WRITERS = 2;
/**
 * How long a transaction holding its counters' locks waits for its numbering turn before it rolls back, waits
 * without locks and starts again (another pass or an ingest may be waiting on those locks meanwhile).
 */
const TURN_PATIENCE_MS = 3_000;

/** What closing reads of the billing pass (lib/billing/run/context.ts's PassContext has all of it). */
export interface UsageCloseContext {
  db: StorefrontDb;
  at: Date;
  /** `at` as YYYY-MM-DD: counters billed on or before it close. */
  today: string;
  actor: AuditActor;
  commerce: CommerceSettings;
  pricing: PricingSettings;
  /** The storefront's currencies, read once per pass. */
  currencies: CurrencyBook;
  billing: { emails: { invoiceIssued: boolean } };
  /** Outbox rows to dispatch after their transactions committed. */
  mail: number[];
  accountUrl: (path: string) => Promise<string>;
}

export interface UsageCloseReport {
  /** Services with a closing written (an invoice, lines on a renewal, or nothing chargeable). */
  services: number;
  /** Usage invoices issued. */
  invoices: number;
  /** Renewal invoices that took usage lines. */
  attached: number;
  lines: number;
  /** Counters left open: their plan no longer bills the meter, or not in the service's currency. */
  unpriced: number;
}

/** Where a walk over due counters has got to, in the order of their index: closing date, then service. */
type Cursor = { billOn: string; serviceId: number } | null;

/**
 * The next services with due counters, walking the due index (unbilled, bill_on, service_id) in its own order, so
 * each page is a short range read however many counters are due. A service comes once per closing date; its chunk
 * then closes everything it has due.
 */
async function dueServices(ctx: UsageCloseContext, after: Cursor): Promise<{ ids: number[]; last: Cursor }> {
  const past = after ? or(gt(usageCounters.billOn, after.billOn), and(eq(usageCounters.billOn, after.billOn), gt(usageCounters.serviceId, after.serviceId))) : undefined;
  const rows = await ctx.db
    .select({ serviceId: usageCounters.serviceId, billOn: usageCounters.billOn })
    .from(usageCounters)
    .where(and(eq(usageCounters.unbilled, true), lte(usageCounters.billOn, ctx.today), past))
    .orderBy(asc(usageCounters.billOn), asc(usageCounters.serviceId))
    .limit(SERVICES_PER_TRANSACTION * 2);
  const ids = [...new Set(rows.map((r) => r.serviceId))].slice(0, SERVICES_PER_TRANSACTION);
  const lastId = ids[ids.length - 1];
  const last = [...rows].reverse().find((r) => r.serviceId === lastId);
  return { ids, last: last ? { billOn: last.billOn, serviceId: last.serviceId } : null };
}

/** One transaction for a chunk; a pass that closed one of its periods first makes this one read it again. */
async function closeChunk(ctx: UsageCloseContext, serviceIds: number[], turn: NumberingTurn, attempt = 1): Promise<UsageCloseReport> {
  try {
    const done = await withDeadlockRetry(() =>
      ctx.db.transaction(
        async (tx) => {
          const planned = await planUsageClosing(tx, { serviceIds, today: ctx.today, at: ctx.at, pricing: ctx.pricing, taxInclusive: ctx.commerce.taxInclusive, currencies: ctx.currencies });
          const written = await writeUsageClosing(tx, { at: ctx.at, actor: ctx.actor, commerce: ctx.commerce, mailInvoices: ctx.billing.emails.invoiceIssued, accountUrl: ctx.accountUrl, turn, currencies: ctx.currencies }, planned.closings);
          return { ...written, services: new Set(planned.closings.map((c) => c.service.id)).size, unpriced: planned.unpriced };
        },
        // Row locks only, no gap locks: chunks side by side (and another pass) lock just their own services'
        // counters. Nothing here relies on a repeatable snapshot: the counters are read locked, the closings'
        // primary key refuses a second closing.
        { isolationLevel: 'read committed' },
      ),
    );
    // Only after the commit: mail queued by a rolled-back attempt must not be dispatched.
    ctx.mail.push(...done.mail);
    return { services: done.services, invoices: done.invoices, attached: done.attached, lines: done.lines, unpriced: done.unpriced };
  } catch (err) {
    if (err instanceof NumberingTurnTimeout) {
      await turn.wait;
      return closeChunk(ctx, serviceIds, turn, attempt);
    }
    if (isDuplicateKeyError(err) && attempt < 3) return closeChunk(ctx, serviceIds, turn, attempt + 1);
    throw err;
  }
}

/**
 * Billing pass step: closes every usage period due by `today` (its end reached, or late usage waiting for this
 * closing date), a chunk of services per transaction, walking the due counters. It selects by state (unbilled
 * counters due), not by "since the last run", so a pass after downtime closes every missed period, each on its own
 * date; and every write sits in the transaction of the invoice under the closings' primary key, so passes may
 * overlap or be killed and re-run: a period is billed once. Two chunks are written at once, each taking its invoice
 * numbers only after the one before it (NumberingTurn), so numbers follow the walk however the two interleave.
 */
export async function closeUsagePeriods(ctx: UsageCloseContext): Promise<UsageCloseReport> {
  const out: UsageCloseReport = { services: 0, invoices: 0, attached: 0, lines: 0, unpriced: 0 };
  const add = (r: UsageCloseReport) => {
    for (const k of Object.keys(out) as (keyof UsageCloseReport)[]) out[k] += r[k];
  };
  // A promise awaited later than created gets a no-op handler, so a failure surfaces where it is awaited only.
  const handled = <T>(p: Promise<T>): Promise<T> => {
    p.catch(() => undefined);
    return p;
  };
  const writing: Promise<UsageCloseReport>[] = [];
  let previousTaken: Promise<void> = Promise.resolve();
  let after: Cursor = null;
  let failure: { reason: unknown } | null = null;
  try {
    for (;;) {
      const { ids, last } = await dueServices(ctx, after);
      if (!ids.length) break;
      after = last;
      let taken!: () => void;
      const turn: NumberingTurn = { wait: previousTaken, taken: () => taken(), patienceMs: TURN_PATIENCE_MS };
      previousTaken = new Promise<void>((resolve) => (taken = resolve));
      // A chunk that ends without numbering (nothing chargeable, or a failure) must not hold up the next one.
      writing.push(handled(closeChunk(ctx, ids, turn).finally(() => taken())));
      if (writing.length >= WRITERS) add(await writing.shift()!);
    }
  } catch (reason) {
    failure = { reason };
  }
  // Never leave a chunk's transaction running behind a failure: the rest finish (or fail) before this returns.
  for (const r of await Promise.allSettled(writing)) {
    if (r.status === 'fulfilled') add(r.value);
    else failure ??= { reason: r.reason };
  }
  if (failure) throw failure.reason;
  return out;
}
