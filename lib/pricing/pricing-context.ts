import { and, eq, inArray, min } from 'drizzle-orm';
import { idIn } from '@/lib/db/id-in';
import { customers, invoices, taxRules, type Customer } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { getCommerceSettings, type CommerceSettings } from '@/lib/settings/commerce-settings';
import { standingOf } from '@/lib/tax/vat-standing';
import type { PricingCustomer, PricingSettings } from './types';

// The engine's inputs as the database holds them, for checkout, renewals, plan changes and manual invoices alike.
// The only file here that reads the database: price-order and what it imports stay pure.

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
      viesEnabled: commerce.viesEnabled,
    },
  };
}

function wholeMonthsBetween(from: Date, to: Date): number {
  const months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  return Math.max(0, to.getUTCDate() < from.getUTCDate() ? months - 1 : months);
}

type PricedPerson = Pick<Customer, 'id' | 'country' | 'region' | 'taxId' | 'company' | 'taxExempt' | 'vatStanding' | 'vatCheckedNumber' | 'vatCheckedAt'>;

/**
 * Customers as the pricing engine sees them, in one query: tenure counts from each one's first paid invoice; the
 * VAT number standing is the one stored on the row, so refresh it first (lib/tax/refresh-vat-standings.ts) where
 * it may be stale.
 */
export async function pricingCustomersOf(db: SfDb, people: PricedPerson[], at: Date): Promise<Map<number, PricingCustomer>> {
  const firstPaid = new Map<number, Date>();
  if (people.length) {
    const rows = await db
      .select({ customerId: invoices.customerId, firstPaid: min(invoices.paidAt) })
      .from(invoices)
      .where(and(idIn(invoices.customerId, people.map((p) => p.id)), inArray(invoices.status, ['paid', 'partially_refunded'])))
      .groupBy(invoices.customerId);
    for (const r of rows) if (r.firstPaid) firstPaid.set(r.customerId, new Date(r.firstPaid));
  }
  return new Map(
    people.map((c) => {
      const first = firstPaid.get(c.id) ?? null;
      return [
        c.id,
        {
          country: c.country,
          region: c.region,
          taxId: c.taxId,
          company: c.company,
          taxExempt: c.taxExempt,
          vatStanding: standingOf(c),
          isNew: first === null,
          tenureMonths: first ? wholeMonthsBetween(first, at) : 0,
        },
      ];
    }),
  );
}

/** A signed-in customer as the pricing engine sees them: tenure counts from their first paid invoice. */
export async function pricingCustomerOf(db: SfDb, customer: PricedPerson, at: Date): Promise<PricingCustomer> {
  return (await pricingCustomersOf(db, [customer], at)).get(customer.id)!;
}

/** A visitor who has not signed in yet: a consumer in the country they picked. */
export function anonymousPricingCustomer(country: string): PricingCustomer {
  return { country, region: null, taxId: null, company: null, taxExempt: false, isNew: true, tenureMonths: 0 };
}

export async function getCustomerForPricing(db: SfDb, customerId: number) {
  const [row] = await db.select().from(customers).where(eq(customers.id, customerId));
  return row ?? null;
}
