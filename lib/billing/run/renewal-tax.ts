import type { Customer } from '@/db/schema/storefront';
import type { FrozenTax } from '@/db/schema/storefront/billing';
import type { PricingCustomer } from '@/lib/pricing/types';
import { decideTax } from '@/lib/tax/decide-tax';
import type { PassContext } from './context';

/** One tax decision per customer: the same for all their services, so it is not made again per line. */
export function taxByCustomer(ctx: PassContext, people: readonly Customer[], pricingOf: Map<number, PricingCustomer>): Map<number, FrozenTax> {
  return new Map(people.map((c) => [c.id, decideTax({ customer: pricingOf.get(c.id)!, settings: ctx.pricing, date: ctx.at })]));
}
