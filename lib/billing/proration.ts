import { roundHalfAwayFromZero, toSafeInteger } from '@/lib/pricing/rounding';
import { daysBetween } from '@/lib/dates/calendar-days';

export interface ProrateInput {
  /**
   * One cycle before the change and after it, as the customer pays it: after carried coupons and loyalty
   * (period-charge.ts), in minor units and catalog terms.
   */
  fromMinor: number;
  toMinor: number;
  /** The current period, `YYYY-MM-DD`, end exclusive (the next due date). */
  periodStart: string;
  periodEnd: string;
  /** The day of the change, counted as a day of the new configuration. */
  today: string;
}

export interface Proration {
  remainingDays: number;
  totalDays: number;
  /** Positive: the customer owes it (upgrade); negative: unused value of the old configuration (downgrade). */
  differenceMinor: number;
}

/**
 * Day-based proration of a mid-period change. The rule, "remaining days over period days, rounded half away
 * from zero":
 *   remaining  = days from today (inclusive) to periodEnd (exclusive)
 *   total      = days from periodStart to periodEnd
 *   difference = roundHalfAwayFromZero((to − from) × remaining / total), in BigInt
 * So a change on the first day costs the full difference and one on the last day 1/total of it; rounding is
 * symmetric, so a downgrade is credited exactly what the opposite upgrade would cost.
 */
export function prorate(input: ProrateInput): Proration {
  const totalDays = daysBetween(input.periodStart, input.periodEnd);
  if (totalDays <= 0) throw new RangeError(`empty period ${input.periodStart}..${input.periodEnd}`);
  if (input.today < input.periodStart || input.today >= input.periodEnd) {
    throw new RangeError(`${input.today} is outside the period ${input.periodStart}..${input.periodEnd}`);
  }
  const remainingDays = daysBetween(input.today, input.periodEnd);
  const delta = BigInt(input.toMinor) - BigInt(input.fromMinor);
  const differenceMinor = toSafeInteger(roundHalfAwayFromZero(delta * BigInt(remainingDays), BigInt(totalDays)));
  return { remainingDays, totalDays, differenceMinor: differenceMinor === 0 ? 0 : differenceMinor };
}
