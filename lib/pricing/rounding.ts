// Every rounding the pricing engine does goes through one of these functions, so the rule for each step has a
// name. All arithmetic is BigInt: a product such as amount × rate can exceed 2^53 long before the result does.

/** Basis points in 100 %. */
export const BP_SCALE = 10_000n;
/** Tax rates are thousandths of a percent: 100 % = 100 000. */
export const MILLI_PERCENT_SCALE = 100_000n;

/**
 * numerator / denominator rounded to the nearest integer, halves away from zero (2.5 → 3, −2.5 → −3).
 * Symmetric around zero, so a negative line (a discount) gets exactly the negated tax of the same positive line.
 */
export function roundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
}

/** A BigInt result back to a number, refusing anything a double can't hold exactly. */
export function toSafeInteger(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`amount ${value} is outside the safe integer range`);
  }
  return Number(value);
}

/** amount × count (an option's per-unit price times its quantity), exact. */
export function multiplyMinor(amountMinor: number, count: number): number {
  return toSafeInteger(BigInt(amountMinor) * BigInt(count));
}

/** Percentage discount: amount × bp / 10 000, rounded half away from zero. */
export function percentOfMinor(amountMinor: number, percentBp: number): number {
  return toSafeInteger(roundHalfAwayFromZero(BigInt(amountMinor) * BigInt(percentBp), BP_SCALE));
}

/** Tax on a net (tax-exclusive) amount: net × rate / 100 000, rounded half away from zero, once per line. */
export function taxOnNet(netMinor: number, rateMilliPercent: number): number {
  return toSafeInteger(roundHalfAwayFromZero(BigInt(netMinor) * BigInt(rateMilliPercent), MILLI_PERCENT_SCALE));
}

/**
 * Tax contained in a gross (tax-inclusive) amount: gross × rate / (100 000 + rate), rounded half away from zero,
 * once per line. The net is then gross − tax, so net + tax always gives back the gross exactly.
 */
export function taxInGross(grossMinor: number, rateMilliPercent: number): number {
  const rate = BigInt(rateMilliPercent);
  return toSafeInteger(roundHalfAwayFromZero(BigInt(grossMinor) * rate, MILLI_PERCENT_SCALE + rate));
}

/**
 * The tax a discount line removes (as a positive number), given its naturally rounded value. Per-line rounding
 * can make several discount lines together remove more tax than the lines they discount carried (two −3 lines
 * each rounding 0.5 up against one 6 line rounding 1.0 to 1), which would leave a negative tax or net. So the
 * removed tax is held to [lowest, remainingTax]: never more than the discounted lines still carry, and at least
 * `lowest`, the amount that keeps what is left consistent (see price-order.ts). Outside those edges it is the
 * natural value unchanged.
 */
export function clampDiscountTax(naturalTax: number, lowest: number, remainingTax: number): number {
  return Math.min(Math.max(naturalTax, lowest, 0), remainingTax);
}
