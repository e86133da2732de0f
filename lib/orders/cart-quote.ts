import type { SfDb } from '@/lib/db/connection';
import { loadCurrencyBook } from '@/lib/money/load-currency-book';
import { shownLineAmount } from '@/lib/pricing/shown-line-amount';
import { taxTotalLabel } from '@/lib/tax/format-tax-rate';
import type { PricedCart } from './price-cart';

/** A priced cart as the browser shows it: formatted strings only, computed on the server. */
export interface CartQuote {
  currency: string;
  taxInclusive: boolean;
  lines: { itemKey: string; kind: string; description: string; amount: string }[];
  taxLines: { label: string; amount: string }[];
  subtotal: string;
  discount: string | null;
  tax: string;
  total: string;
  totalMinor: number;
  taxNote: string | null;
  appliedCoupons: { code: string; discount: string }[];
  rejectedCoupons: { code: string; reason: string }[];
}

export async function cartQuote(db: SfDb, priced: PricedCart): Promise<CartQuote> {
  const { pricing, commerce } = priced;
  const currencies = await loadCurrencyBook(db);
  const money = (m: number) => currencies.format(m, pricing.currency);
  return {
    currency: pricing.currency,
    taxInclusive: commerce.taxInclusive,
    lines: pricing.lines.map((l) => ({ itemKey: l.itemKey, kind: l.kind, description: l.description, amount: money(shownLineAmount(l, commerce.taxInclusive)) })),
    taxLines: pricing.taxLines
      .filter((t) => t.basis !== 'none')
      .map((t) => ({ label: taxTotalLabel(t), amount: money(t.taxMinor) })),
    subtotal: money(pricing.subtotalMinor),
    discount: pricing.discountMinor > 0 ? money(pricing.discountMinor) : null,
    tax: money(pricing.taxMinor),
    total: money(pricing.totalMinor),
    totalMinor: pricing.totalMinor,
    taxNote: pricing.taxNote,
    appliedCoupons: pricing.appliedCoupons.map((c) => ({ code: c.code, discount: money(c.discountMinor) })),
    rejectedCoupons: pricing.rejectedCoupons,
  };
}
