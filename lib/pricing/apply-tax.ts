import type { FrozenTax, InvoiceLineKind } from '@/db/schema/storefront/billing';
import { clampDiscountTax, taxInGross, taxOnNet } from './rounding';
import type { PricedLine } from './types';

/** What a line charges for (plan + options, or setup) and so what a discount line draws down. */
export type Pool = 'recurring' | 'setup';

/** A line before tax: `amountMinor` is in catalog terms — gross when prices include tax, net otherwise. */
export interface DraftLine {
  itemKey: string;
  kind: InvoiceLineKind;
  description: string;
  couponId: number | null;
  quantity: number;
  amountMinor: number;
  pool: Pool;
}

/**
 * Taxes one item's draft lines with the order's tax decision, rounding once per line (rounding.ts):
 * - charge lines: exclusive tax = taxOnNet(amount); inclusive tax = taxInGross(amount), net = amount − tax;
 * - discount and loyalty lines: the same rule on their absolute amount, negated, held by clampDiscountTax so a pool
 *   (the item's plan + options, or its setup) never ends with negative tax or, prices being gross, a tax above its
 *   remaining gross — and a pool discounted to zero ends with zero tax.
 * Net + tax of every line equals its catalog amount when prices include tax.
 */
export function taxItemLines(drafts: readonly DraftLine[], tax: FrozenTax, inclusive: boolean): PricedLine[] {
  const rate = tax.rateMilliPercent;
  const state: Record<Pool, { amount: number; tax: number }> = { recurring: { amount: 0, tax: 0 }, setup: { amount: 0, tax: 0 } };
  const out: PricedLine[] = [];
  for (const d of drafts) {
    const pool = state[d.pool];
    let lineTax: number;
    if (d.amountMinor >= 0) {
      lineTax = inclusive ? taxInGross(d.amountMinor, rate) : taxOnNet(d.amountMinor, rate);
      pool.amount += d.amountMinor;
      pool.tax += lineTax;
    } else {
      const off = -d.amountMinor;
      const natural = inclusive ? taxInGross(off, rate) : taxOnNet(off, rate);
      const amountLeft = pool.amount - off;
      const lowest = inclusive ? pool.tax - amountLeft : amountLeft === 0 ? pool.tax : 0;
      const removed = clampDiscountTax(natural, lowest, pool.tax);
      pool.amount = amountLeft;
      pool.tax -= removed;
      lineTax = 0 - removed; // not -removed: a -0 would leak into results
    }
    const net = inclusive ? d.amountMinor - lineTax : d.amountMinor;
    const { itemKey, kind, description, couponId, quantity } = d;
    out.push({ itemKey, kind, description, couponId, quantity, amountMinor: net, taxMinor: lineTax, tax });
  }
  return out;
}
