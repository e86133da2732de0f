import { BILLING_CYCLES, type BillingCycle } from '@/db/schema/storefront';

/** Shortest term first (monthly … triennial, then one-time and hourly), the order BILLING_CYCLES declares. */
export function byCycle<T extends { cycle: BillingCycle }>(a: T, b: T): number {
  return BILLING_CYCLES.indexOf(a.cycle) - BILLING_CYCLES.indexOf(b.cycle);
}
