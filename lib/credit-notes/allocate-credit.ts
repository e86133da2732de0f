import { MILLI_PERCENT_SCALE, roundHalfAwayFromZero, taxInGross, toSafeInteger } from '@/lib/pricing/rounding';

// How a refund is spread over the invoice's lines (the written rule, quoted in the README):
//
// 1. A refund of R is credited to the invoice's lines in proportion to what each line still has to credit, its
//    gross (net + tax) less what earlier credit notes took. For the first refund that is the line's share of the
//    invoice total T: line gross × R / T.
// 2. The shares are computed in integers (BigInt): each line first gets its share rounded down, then the minor
//    units still missing to reach R go one each to the lines with the largest remainders (ties: the earlier line),
//    so the credit note's lines add up to exactly R and no line gets more than it has left.
// 3. Each line's credited gross is split into net and tax with the line's own frozen rate, as the invoice was
//    priced: tax-inclusive, tax = gross × rate / (100 % + rate) rounded half away from zero and net = gross − tax;
//    tax-exclusive, net = gross × 100 % / (100 % + rate) rounded half away from zero and tax = gross − net. The
//    tax is then held within what the line still has (of tax, and of net), so earlier notes plus this one never
//    credit more net or more tax than the line carried.
// 4. A refund of everything still uncredited (a full refund, or the last of several partial ones) takes each
//    line's remaining net and tax exactly, so all credit notes of a fully refunded invoice reverse it to the unit.
//
// Discount lines (negative net and tax) take a negative share by the same rule, so a discounted line is credited
// net of its discount. Reverse-charge and untaxed lines carry no tax, so their credit carries none.

export interface CreditableLine {
  /** The invoice line's net and tax (negative for a discount). */
  netMinor: number;
  taxMinor: number;
  rateMilliPercent: number;
  /** What earlier credit notes already credited of this line. */
  creditedNetMinor: number;
  creditedTaxMinor: number;
}

export interface LineCredit {
  netMinor: number;
  taxMinor: number;
}

/** a / b rounded toward −∞ with its remainder in [0, b), for b > 0. */
function floorDivMod(a: bigint, b: bigint): { q: bigint; r: bigint } {
  let q = a / b;
  if (a % b !== 0n && a < 0n) q -= 1n;
  return { q, r: a - q * b };
}

function naturalTax(grossMinor: number, rateMilliPercent: number, taxInclusive: boolean): number {
  if (taxInclusive) return taxInGross(grossMinor, rateMilliPercent);
  const net = roundHalfAwayFromZero(BigInt(grossMinor) * MILLI_PERCENT_SCALE, MILLI_PERCENT_SCALE + BigInt(rateMilliPercent));
  return grossMinor - toSafeInteger(net);
}

/** Rule 3: the credited gross of one line as net + tax, within what the line has left of each. */
function splitLine(grossMinor: number, line: CreditableLine, taxInclusive: boolean): LineCredit {
  const leftNet = line.netMinor - line.creditedNetMinor;
  const leftTax = line.taxMinor - line.creditedTaxMinor;
  if (grossMinor === leftNet + leftTax) return { netMinor: leftNet, taxMinor: leftTax };
  // Tax between 0 and what is left of it, and net (gross − tax) between 0 and what is left of that.
  const lowest = Math.max(Math.min(0, leftTax), grossMinor - Math.max(0, leftNet));
  const highest = Math.min(Math.max(0, leftTax), grossMinor - Math.min(0, leftNet));
  const taxMinor = Math.min(Math.max(naturalTax(grossMinor, line.rateMilliPercent, taxInclusive), lowest), highest);
  return { netMinor: grossMinor - taxMinor, taxMinor };
}

/**
 * Splits a refund of `amountMinor` over the invoice's lines by the rule above, one result per line in the same
 * order (zero for a line with nothing left). The amount must be positive and at most what is still uncredited.
 */
export function allocateCredit(lines: readonly CreditableLine[], opts: { amountMinor: number; taxInclusive: boolean }): LineCredit[] {
  const left = lines.map((l) => BigInt(l.netMinor - l.creditedNetMinor + l.taxMinor - l.creditedTaxMinor));
  const leftTotal = left.reduce((s, g) => s + g, 0n);
  const amount = BigInt(opts.amountMinor);
  if (!Number.isSafeInteger(opts.amountMinor) || amount <= 0n) throw new RangeError(`credit ${opts.amountMinor} must be a positive whole number of minor units`);
  if (amount > leftTotal) throw new RangeError(`credit ${opts.amountMinor} is more than the ${leftTotal} the invoice has left to credit`);

  // Rule 2: shares rounded down, then the shortfall to the largest remainders.
  const shares = left.map((g, i) => ({ i, ...floorDivMod(amount * g, leftTotal) }));
  let shortfall = amount - shares.reduce((s, x) => s + x.q, 0n);
  const byRemainder = [...shares].sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const share of byRemainder) {
    if (shortfall === 0n) break;
    share.q += 1n;
    shortfall -= 1n;
  }
  return shares.map((s) => splitLine(toSafeInteger(s.q), lines[s.i]!, opts.taxInclusive));
}
