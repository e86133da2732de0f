import type { FrozenTax } from '@/db/schema/storefront/billing';
import { formatScaledDecimal } from '@/lib/money/parse-decimal';

/** A rate in milli-percent as people read it: 19000 → "19 %", 8875 → "8.875 %". */
export function formatTaxRate(rateMilliPercent: number): string {
  return `${formatScaledDecimal(rateMilliPercent, 3)} %`;
}

/** A tax total's label: "VAT 19 %" for a standard rate, the bare name otherwise ("VAT reverse charge"). */
export function taxTotalLabel(tax: Pick<FrozenTax, 'name' | 'rateMilliPercent' | 'basis'>): string {
  return tax.basis === 'standard' ? `${tax.name} ${formatTaxRate(tax.rateMilliPercent)}` : tax.name;
}
