import { and, eq, inArray, min } from 'drizzle-orm';
import { customers, invoices, taxRules, type Customer } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import type { PricingCustomer, PricingSettings } from '@/lib/pricing/types';
import { getCommerceSettings, type CommerceSettings } from '@/lib/settings/commerce-settings';

export async function loadPricingSettings(db: SfDb): Promise<{ pricing: PricingSettings; commerce: CommerceSettings }> {
  const commerce = await getCommerceSettings(db);
  const rules = await db
    .select({ id: taxRules.id, country: taxRules.country, region: taxRules.region, name: taxRules.name, rateMilliPercent: taxRules.rateMilliPercent })
    .from(taxRules)
    .where(eq(taxRules.active, true));
  return {
    commerce,
    pricing: {
      taxInclusive: commerce.taxInclusive,
      sellerCountry: commerce.sellerCountry,
      sellerRegion: commerce.sellerRegion,
      taxRules: rules,
      loyaltyTiers: commerce.loyaltyTiers,
    },
  };
}

function wholeMonthsBetween(from: Date, to: Date): number {
  const months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  return Math.max(0, to.getUTCDate() < from.getUTCDate() ? months - 1 : months);
}

/** A signed-in customer as the pricing engine sees them: tenure counts from their first paid invoice. */
export async function pricingCustomerOf(db: SfDb, customer: Pick<Customer, 'id' | 'country' | 'region' | 'taxId' | 'company' | 'taxExempt'>, at: Date): Promise<PricingCustomer> {
  const [first] = await db
    .select({ firstPaid: min(invoices.paidAt) })
    .from(invoices)
    .where(and(eq(invoices.customerId, customer.id), inArray(invoices.status, ['paid', 'partially_refunded'])));
  const firstPaid = first?.firstPaid ? new Date(first.firstPaid) : null;
  return {
    country: customer.country,
    region: customer.region,
    taxId: customer.taxId,
    company: customer.company,
    taxExempt: customer.taxExempt,
    isNew: firstPaid === null,
    tenureMonths: firstPaid ? wholeMonthsBetween(firstPaid, at) : 0,
  };
}

/** A visitor who has not signed in yet: a consumer in the country they picked. */
export function anonymousPricingCustomer(country: string): PricingCustomer {
  return { country, region: null, taxId: null, company: null, taxExempt: false, isNew: true, tenureMonths: 0 };
}

export async function getCustomerForPricing(db: SfDb, customerId: number) {
  const [row] = await db.select().from(customers).where(eq(customers.id, customerId));
  return row ?? null;
}
