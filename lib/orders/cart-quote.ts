import { eq } from 'drizzle-orm';
import { currencies } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { formatMoney } from '@/lib/money/format';
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

function percent(milli: number): string {
  return `${(milli / 1000).toFixed(3).replace(/\.?0+$/, '')} %`;
}

export async function cartQuote(db: SfDb, priced: PricedCart): Promise<CartQuote> {
  const { pricing, commerce } = priced;
  const [cur] = await db.select({ locale: currencies.locale }).from(currencies).where(eq(currencies.code, pricing.currency));
  const money = (m: number) => formatMoney(m, pricing.currency, cur?.locale ?? 'en-US');
  // Tax-inclusive storefronts show lines as the catalog shows prices: with tax in them.
  const shown = (net: number, tax: number) => (commerce.taxInclusive ? net + tax : net);
  return {
    currency: pricing.currency,
    taxInclusive: commerce.taxInclusive,
    lines: pricing.lines.map((l) => ({ itemKey: l.itemKey, kind: l.kind, description: l.description, amount: money(shown(l.amountMinor, l.taxMinor)) })),
    taxLines: pricing.taxLines
      .filter((t) => t.basis !== 'none')
      .map((t) => ({ label: t.basis === 'standard' ? `${t.name} ${percent(t.rateMilliPercent)}` : t.name, amount: money(t.taxMinor) })),
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
