import type { FrozenTax } from '@/db/schema/storefront/billing';
import type { TaxSummaryLine } from './types';

/**
 * Tax totals of priced or invoiced lines: one row per tax name, rate and basis, in the order the lines first use
 * them. The quote, the invoice page and the PDF all total tax this way.
 */
export function summariseTax(lines: readonly { amountMinor: number; taxMinor: number; tax: FrozenTax }[]): TaxSummaryLine[] {
  const byKey = new Map<string, TaxSummaryLine>();
  for (const l of lines) {
    const key = `${l.tax.name}\u0000${l.tax.rateMilliPercent}\u0000${l.tax.basis}`;
    const row = byKey.get(key) ?? { name: l.tax.name, rateMilliPercent: l.tax.rateMilliPercent, basis: l.tax.basis, taxableMinor: 0, taxMinor: 0 };
    row.taxableMinor += l.amountMinor;
    row.taxMinor += l.taxMinor;
    byKey.set(key, row);
  }
  return [...byKey.values()];
}
