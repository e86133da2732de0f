// Every rounding usage billing does, each a named BigInt function. The rules:
//
// | step                  | rule                                                                                   |
// |-----------------------|----------------------------------------------------------------------------------------|
// | increment             | up to a whole number of the meter's increment (0.25 h: a 7-minute session bills 15):   |
// |                       | each event for sums, the period's result for max, p95 and unique count                 |
// | allowance             | the included quantity comes off the period's total; never below zero                    |
// | line amount           | chargeable quantity × unit price, exact, then half up to a minor unit, ONCE per period  |
// | late usage            | the period's once-rounded amount now minus the once-rounded amount already billed,      |
// |                       | so however many invoices a period is spread over, its lines add up to one rounding     |
// | tax                   | per line, as every invoice line (lib/pricing/apply-tax.ts on the line's amount)        |
//
// Quantities are BigInt millionths (QUANTITY_SCALE 6), unit prices BigInt 10^-10 minor units (PRICE_SCALE 10).

import type { FrozenTax } from '@/db/schema/storefront';
import { taxItemLines } from '@/lib/pricing/apply-tax';
import { roundHalfAwayFromZero, toSafeInteger } from '@/lib/pricing/rounding';
import { PRICE_SCALE, QUANTITY_SCALE } from './decimal';

/** quantity × unit price is in 10^-16 minor units. */
const PRODUCT_SCALE = 10n ** BigInt(QUANTITY_SCALE + PRICE_SCALE);

/** Up to the next whole multiple of `step` (none, or 0: unchanged). Never less than used, less than one step more. */
export function roundUpToIncrement(quantity: bigint, step: bigint | null): bigint {
  if (quantity < 0n) throw new RangeError('quantities are never negative');
  if (step === null || step <= 0n) return quantity;
  return ((quantity + step - 1n) / step) * step;
}

/** What is charged of a period's quantity once the plan's included quantity is taken off. */
export function chargeableQuantity(quantity: bigint, included: bigint): bigint {
  return quantity > included ? quantity - included : 0n;
}

/**
 * The one rounding of money: chargeable quantity × unit price (minor units), exact, rounded half up to a whole
 * minor unit (quantities are never negative, so half up and half away from zero agree): 7.25 h × 15 = 108.75 → 109.
 */
export function usageAmountMinor(charged: bigint, unitPriceMinor: bigint): number {
  if (charged < 0n || unitPriceMinor < 0n) throw new RangeError('usage quantities and prices are never negative');
  return toSafeInteger(roundHalfAwayFromZero(charged * unitPriceMinor, PRODUCT_SCALE));
}

/** The exact amount in minor units as decimal text (for live totals): 7.25 × 15 → "108.75". */
export function exactAmountText(charged: bigint, unitPriceMinor: bigint): string {
  const product = charged * unitPriceMinor;
  const digits = product.toString().padStart(QUANTITY_SCALE + PRICE_SCALE + 1, '0');
  const whole = digits.slice(0, -(QUANTITY_SCALE + PRICE_SCALE));
  const fraction = digits.slice(-(QUANTITY_SCALE + PRICE_SCALE)).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/**
 * What a closing bills of a period, given what earlier closings billed: the chargeable quantity it adds and the
 * amount, the period's once-rounded amount minus the once-rounded amount of what was already charged. A period
 * billed in one go gets exactly usageAmountMinor(charged); late usage only ever adds the difference.
 */
export function periodCharge(opts: { chargedNow: bigint; chargedBefore: bigint; unitPriceMinor: bigint }): { chargedQuantity: bigint; amountMinor: number } {
  const { chargedNow, chargedBefore, unitPriceMinor } = opts;
  if (chargedNow <= chargedBefore) return { chargedQuantity: 0n, amountMinor: 0 };
  return { chargedQuantity: chargedNow - chargedBefore, amountMinor: usageAmountMinor(chargedNow, unitPriceMinor) - usageAmountMinor(chargedBefore, unitPriceMinor) };
}

/**
 * Usage lines taxed like every invoice line, once each (lib/pricing/apply-tax.ts): with tax-inclusive prices the
 * amount is gross and splits into net + tax exactly, otherwise tax comes on top. The totals are the sums of the
 * lines, as the invoice will carry them.
 */
export function taxUsageLines<T extends { description: string; amountMinor: number }>(
  drafts: readonly T[],
  tax: FrozenTax,
  inclusive: boolean,
): { lines: (T & { taxMinor: number; tax: FrozenTax })[]; subtotalMinor: number; taxMinor: number; totalMinor: number } {
  const taxed = taxItemLines(
    drafts.map((d) => ({ itemKey: '', kind: 'usage', description: d.description, couponId: null, quantity: 1, amountMinor: d.amountMinor, pool: 'recurring' })),
    tax,
    inclusive,
  );
  const lines = drafts.map((d, i) => ({ ...d, amountMinor: taxed[i]!.amountMinor, taxMinor: taxed[i]!.taxMinor, tax }));
  const subtotalMinor = lines.reduce((sum, l) => sum + l.amountMinor, 0);
  const taxMinor = lines.reduce((sum, l) => sum + l.taxMinor, 0);
  return { lines, subtotalMinor, taxMinor, totalMinor: subtotalMinor + taxMinor };
}
