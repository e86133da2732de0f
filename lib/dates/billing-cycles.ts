import type { BillingCycle } from '@/db/schema/storefront/catalog';

export const CYCLE_MONTHS: Record<Exclude<BillingCycle, 'one_time' | 'hourly'>, number> = {
  monthly: 1,
  quarterly: 3,
  semiannual: 6,
  annual: 12,
  biennial: 24,
  triennial: 36,
};

export function isRecurringCycle(cycle: BillingCycle): cycle is keyof typeof CYCLE_MONTHS {
  return cycle in CYCLE_MONTHS;
}

function daysInMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/**
 * The due date `cycles` periods after `from`, keeping the anchor day: monthly from 31 January goes to 28/29
 * February and back to 31 March, because each step starts again from the anchor, not from the clamped day.
 */
export function addCycles(from: string, cycle: BillingCycle, anchorDay: number, cycles = 1): string {
  if (!isRecurringCycle(cycle)) throw new Error(`${cycle} has no next due date`);
  const [y, m] = from.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + CYCLE_MONTHS[cycle] * cycles;
  const year = Math.floor(total / 12);
  const month0 = total % 12;
  const day = Math.min(anchorDay, daysInMonth(year, month0));
  return `${year}-${String(month0 + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
