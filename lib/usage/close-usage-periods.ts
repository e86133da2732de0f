import { and, asc, eq, gt, lte } from 'drizzle-orm';
import { usageCounters } from '@/db/schema/storefront';
import type { AuditActor } from '@/lib/audit/record-audit';
import type { StorefrontDb } from '@/lib/db/connection';
import { withDeadlockRetry } from '@/lib/db/retry-transaction';
import { isDuplicateKeyError } from '@/lib/errors/app-error';
import type { PricingSettings } from '@/lib/pricing/types';
import type { CommerceSettings } from '@/lib/settings/commerce-settings';
import { planUsageClosing } from './plan-usage-closing';
import { writeUsageClosing } from './write-usage-closing';

/** Services per transaction: one invoice statement batch each, locks held briefly. */
const SERVICES_PER_TRANSACTION = 200;

/** What closing reads of the billing pass (lib/billing/run/context.ts's PassContext has all of it). */
export interface UsageCloseContext {
  db: StorefrontDb;
  at: Date;
  /** `at` as YYYY-MM-DD: counters billed on or before it close. */
  today: string;
  actor: AuditActor;
  commerce: CommerceSettings;
  pricing: PricingSettings;
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

async function dueServiceIds(ctx: UsageCloseContext, after: number): Promise<number[]> {
  const rows = await ctx.db
    .selectDistinct({ id: usageCounters.serviceId })
    .from(usageCounters)
    .where(and(eq(usageCounters.unbilled, true), lte(usageCounters.billOn, ctx.today), gt(usageCounters.serviceId, after)))
    .orderBy(asc(usageCounters.serviceId))
    .limit(SERVICES_PER_TRANSACTION);
  return rows.map((r) => r.id);
}

/** One transaction for a chunk; a pass that closed one of its periods first makes this one read it again. */
async function closeChunk(ctx: UsageCloseContext, serviceIds: number[], attempt = 1): Promise<UsageCloseReport> {
  try {
    const done = await withDeadlockRetry(() =>
      ctx.db.transaction(async (tx) => {
        const planned = await planUsageClosing(tx, { serviceIds, today: ctx.today, at: ctx.at, pricing: ctx.pricing, taxInclusive: ctx.commerce.taxInclusive });
        const written = await writeUsageClosing(tx, { at: ctx.at, actor: ctx.actor, commerce: ctx.commerce, mailInvoices: ctx.billing.emails.invoiceIssued, accountUrl: ctx.accountUrl }, planned.closings);
        return { ...written, services: new Set(planned.closings.map((c) => c.service.id)).size, unpriced: planned.unpriced };
      }),
    );
    // Only after the commit: mail queued by a rolled-back attempt must not be dispatched.
    ctx.mail.push(...done.mail);
    return { services: done.services, invoices: done.invoices, attached: done.attached, lines: done.lines, unpriced: done.unpriced };
  } catch (err) {
    if (isDuplicateKeyError(err) && attempt < 3) return closeChunk(ctx, serviceIds, attempt + 1);
    throw err;
  }
}

/**
 * Billing pass step: closes every usage period due by `today` (its end reached, or late usage waiting for this
 * closing date), a chunk of services per transaction, walking service ids. It selects by state (unbilled counters
 * due), not by "since the last run", so a pass after downtime closes every missed period, each on its own date;
 * and every write sits in the transaction of the invoice under the closings' primary key, so passes may overlap or
 * be killed and re-run: a period is billed once.
 */
export async function closeUsagePeriods(ctx: UsageCloseContext): Promise<UsageCloseReport> {
  const out: UsageCloseReport = { services: 0, invoices: 0, attached: 0, lines: 0, unpriced: 0 };
  let after = 0;
  for (;;) {
    const ids = await dueServiceIds(ctx, after);
    if (!ids.length) break;
    after = ids[ids.length - 1]!;
    const r = await closeChunk(ctx, ids);
    out.services += r.services;
    out.invoices += r.invoices;
    out.attached += r.attached;
    out.lines += r.lines;
    out.unpriced += r.unpriced;
  }
  return out;
}
