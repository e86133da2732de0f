import { and, eq, or } from 'drizzle-orm';
import { serviceBillingPeriods } from '@/db/schema/storefront';
import { idIn } from '@/lib/db/id-in';
import type { SfDb } from '@/lib/db/connection';
import { addCycles } from '@/lib/dates/billing-cycles';
import { addDays } from '@/lib/dates/calendar-days';
import type { DueService } from './renewal-rows';

/**
 * Which of these services already have their current period (the one starting on their next due date) invoiced,
 * as "serviceId|periodStart". Asked as whole primary keys: by service id alone, MariaDB's estimates for a table a
 * pass is still filling make it scan the whole table for every chunk.
 */
export async function invoicedPeriods(db: SfDb, rows: readonly { id: number; nextDueOn: string | null }[]): Promise<Set<string>> {
  const byStart = new Map<string, number[]>();
  for (const r of rows) {
    if (!r.nextDueOn) continue;
    const ids = byStart.get(r.nextDueOn);
    if (ids) ids.push(r.id);
    else byStart.set(r.nextDueOn, [r.id]);
  }
  if (!byStart.size) return new Set();
  const found = await db
    .select({ id: serviceBillingPeriods.serviceId, start: serviceBillingPeriods.periodStart })
    .from(serviceBillingPeriods, { forceIndex: 'PRIMARY' })
    .where(or(...[...byStart].map(([start, ids]) => and(eq(serviceBillingPeriods.periodStart, start), idIn(serviceBillingPeriods.serviceId, ids)))));
  return new Set(found.map((r) => `${r.id}|${r.start}`));
}

/**
 * Each service's period end and last day, worked out once per due date, cycle and anchor: the same for all the
 * services that share them.
 */
export function periodEnds(): (dueOn: string, cycle: DueService['cycle'], anchorDay: number) => { end: string; lastDay: string } {
  const periods = new Map<string, { end: string; lastDay: string }>();
  return (dueOn: string, cycle: DueService['cycle'], anchorDay: number) => {
    const key = `${dueOn}|${cycle}|${anchorDay}`;
    let period = periods.get(key);
    if (!period) {
      const end = addCycles(dueOn, cycle, anchorDay);
      period = { end, lastDay: addDays(end, -1) };
      periods.set(key, period);
    }
    return period;
  };
}
