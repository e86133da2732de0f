import { addCycles } from '@/lib/dates/billing-cycles';
import { addDays, toDateString } from '@/lib/dates/calendar-days';

/** A usage period: [start, end) as `YYYY-MM-DD` (UTC days), `end` being the next period's first day. */
export interface UsagePeriod {
  start: string;
  end: string;
}

/**
 * The monthly usage period containing a moment, on the service's anchor day (the day its due dates keep): anchor
 * 31 gives 31 Jan–27 Feb, 28 Feb–30 Mar, 31 Mar–…, the same dates renewals use, so for a monthly service a period
 * ends on the due date of the renewal invoice its usage can join.
 */
export function usagePeriodOf(at: Date, anchorDay: number): UsagePeriod {
  const day = toDateString(at);
  const inMonth = addCycles(`${day.slice(0, 7)}-01`, 'monthly', anchorDay, 0);
  const start = inMonth <= day ? inMonth : addCycles(inMonth, 'monthly', anchorDay, -1);
  return { start, end: addCycles(start, 'monthly', anchorDay) };
}

/** The same, cached per day and anchor: a batch of a million events has few distinct ones. */
export function usagePeriods(): (at: Date, anchorDay: number) => UsagePeriod {
  const cache = new Map<number, UsagePeriod>();
  return (at, anchorDay) => {
    // The UTC day number: what the period depends on, without formatting a date per event.
    const key = Math.floor(at.getTime() / 86_400_000) * 32 + anchorDay;
    let period = cache.get(key);
    if (!period) cache.set(key, (period = usagePeriodOf(at, anchorDay)));
    return period;
  };
}

/** The period's last day, as invoice lines show it. */
export function lastDayOf(period: UsagePeriod): string {
  return addDays(period.end, -1);
}

/** Five-minute buckets in a period: 8,640 in 30 days. */
export function bucketsIn(period: UsagePeriod): number {
  return Math.round((Date.parse(`${period.end}T00:00:00Z`) - Date.parse(`${period.start}T00:00:00Z`)) / 300_000);
}

/** The start of the 5-minute bucket a moment falls in. */
export function bucketOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 300_000) * 300_000);
}
