import { and, asc, eq, gt, inArray, isNotNull, isNull, lte } from 'drizzle-orm';
import { services } from '@/db/schema/storefront';
import { idIn } from '@/lib/db/id-in';
import { invoiceLeadDays } from '@/lib/settings/billing-settings';
import { isRecurringCycle } from '@/lib/dates/billing-cycles';
import { addDays } from '@/lib/dates/calendar-days';
import type { PassContext } from './context';
import { PRICED, RENEWABLE, type DueService } from './renewal-rows';

/** Invoices per transaction: short enough to hold locks briefly, long enough to amortise the round trips. */
const GROUPS_PER_TRANSACTION = 200;

/** The furthest due date any cycle is invoiced ahead for: the first, cheap filter. */
function horizon(ctx: PassContext): string {
  const leads = [ctx.billing.invoiceDaysBefore, ...Object.values(ctx.billing.invoiceDaysBeforeByCycle).filter((d): d is number => d !== undefined)];
  return addDays(ctx.today, Math.max(...leads));
}

/**
 * Services due for their next renewal invoice, a batch of customers at a time (a customer's services always land
 * in the same batch, so grouping never depends on where a batch boundary fell). Walking customer ids keeps each
 * batch query cheap however many services there are.
 */
async function nextBatch(ctx: PassContext, afterCustomerId: number): Promise<{ services: DueService[]; lastCustomerId: number | null }> {
  const due = and(inArray(services.status, [...RENEWABLE]), eq(services.autoRenew, true), isNull(services.cancellationRequestedAt), isNotNull(services.nextDueOn), lte(services.nextDueOn, horizon(ctx)));
  const people = await ctx.db
    .selectDistinct({ customerId: services.customerId })
    .from(services)
    .where(and(due, gt(services.customerId, afterCustomerId)))
    .orderBy(asc(services.customerId))
    .limit(Math.max(1, Math.floor(ctx.batchSize / 5)));
  if (!people.length) return { services: [], lastCustomerId: null };
  // Forced: for this many columns MariaDB's cost model prefers scanning every service to 1,000 index lookups.
  const rows = await ctx.db
    .select(PRICED)
    .from(services, { forceIndex: 'services_customer_idx' })
    .where(and(due, idIn(services.customerId, people.map((p) => p.customerId))))
    .orderBy(asc(services.customerId), asc(services.id));
  return { services: rows, lastCustomerId: people[people.length - 1]!.customerId };
}

/** The due services as chunks of groups, one chunk per transaction, reading batch after batch. */
export async function* groupChunks(ctx: PassContext): AsyncGenerator<DueService[][]> {
  let after = 0;
  const lastDue = new Map<string, string>();
  const lastDueFor = (cycle: DueService['cycle']) => {
    let date = lastDue.get(cycle);
    if (!date) lastDue.set(cycle, (date = addDays(ctx.today, invoiceLeadDays(ctx.billing, cycle))));
    return date;
  };
  for (;;) {
    const { services: batch, lastCustomerId } = await nextBatch(ctx, after);
    if (lastCustomerId === null) return;
    after = lastCustomerId;
    const due = batch.filter((s) => isRecurringCycle(s.cycle) && s.nextDueOn! <= lastDueFor(s.cycle));
    const groups = new Map<string, DueService[]>();
    for (const s of due) {
      const key = ctx.billing.invoiceGrouping === 'per_service' ? `s${s.id}` : `${s.customerId}|${s.nextDueOn}|${s.currency}`;
      const group = groups.get(key);
      if (group) group.push(s);
      else groups.set(key, [s]);
    }
    // A customer's groups stay in one chunk, so two transactions writing at once never touch the same customer.
    let chunk: DueService[][] = [];
    for (const group of groups.values()) {
      if (chunk.length >= GROUPS_PER_TRANSACTION && group[0]!.customerId !== chunk[chunk.length - 1]![0]!.customerId) {
        yield chunk;
        chunk = [];
      }
      chunk.push(group);
    }
    if (chunk.length) yield chunk;
  }
}
