import type { BillingCycle } from '@/db/schema/storefront';
import { formatMoney } from '@/lib/money/format';
import { byCycle } from './cycle-order';

export const CYCLE_LABELS: Record<BillingCycle, string> = {
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  semiannual: 'Semi-annually',
  annual: 'Annually',
  biennial: 'Every 2 years',
  triennial: 'Every 3 years',
  one_time: 'One-time',
  hourly: 'Hourly',
};

/** Follows the price: "$6.00 per month". */
export const CYCLE_SUFFIXES: Record<BillingCycle, string> = {
  monthly: 'per month',
  quarterly: 'per 3 months',
  semiannual: 'per 6 months',
  annual: 'per year',
  biennial: 'per 2 years',
  triennial: 'per 3 years',
  one_time: 'one-time',
  hourly: 'per hour',
};

/**
 * The price to show for a plan: the requested cycle if the plan has it, else monthly, else its first (for plans
 * sold only hourly or once). Undefined only for a plan without prices.
 */
export function choosePrice<T extends { cycle: BillingCycle }>(prices: T[], requested: BillingCycle): T | undefined {
  return prices.find((p) => p.cycle === requested) ?? prices.find((p) => p.cycle === 'monthly') ?? [...prices].sort(byCycle)[0];
}

/** The cycles any of the plans is priced in, shortest first: the choices of the cycle toggle. */
export function offeredCycles(plans: { prices: { cycle: BillingCycle }[] }[]): BillingCycle[] {
  const cycles = new Set(plans.flatMap((p) => p.prices.map((x) => x.cycle)));
  return [...cycles].map((cycle) => ({ cycle })).sort(byCycle).map((c) => c.cycle);
}

/** The customer area's order page for a plan, in the cycle and currency the visitor was looking at. */
export function orderPath(planSlug: string, cycle: BillingCycle, currency: string): string {
  return `/order/${encodeURIComponent(planSlug)}?${new URLSearchParams({ cycle, currency }).toString()}`;
}

/**
 * A price in the currency's own locale. A sub-minor hourly rate (ratePrecise "12.5" pence) is shown with the extra
 * digits it needs (£0.125); the decimal string is shifted, never parsed into a float.
 */
export function formatPrice(price: { amountMinor: number; ratePrecise?: string | null }, currency: { code: string; locale: string; minorDigits: number }): string {
  const precise = price.ratePrecise?.match(/^(\d+)\.(\d*?)0*$/);
  if (precise?.[1] !== undefined && precise[2]) {
    return formatMoney(Number(`${precise[1]}${precise[2]}`), currency.code, currency.locale, currency.minorDigits + precise[2].length);
  }
  return formatMoney(price.amountMinor, currency.code, currency.locale, currency.minorDigits);
}
