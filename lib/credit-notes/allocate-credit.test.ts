import { describe, expect, it } from 'vitest';
import { allocateCredit, type CreditableLine } from './allocate-credit';

const line = (netMinor: number, taxMinor: number, rateMilliPercent: number): CreditableLine => ({ netMinor, taxMinor, rateMilliPercent, creditedNetMinor: 0, creditedTaxMinor: 0 });

/** The lines after a credit note took `credits`. */
function after(lines: CreditableLine[], credits: { netMinor: number; taxMinor: number }[]): CreditableLine[] {
  return lines.map((l, i) => ({ ...l, creditedNetMinor: l.creditedNetMinor + credits[i]!.netMinor, creditedTaxMinor: l.creditedTaxMinor + credits[i]!.taxMinor }));
}

// The amounts below are worked out by hand from the rule in allocate-credit.ts.
describe('allocateCredit', () => {
  // 19 % VAT line 1000 + 190 and a 0 % line 500: total 1690.
  const vatAndZero = [line(1_000, 190, 19_000), line(500, 0, 0)];

  it('refund 845 of 1690: each line gets exactly half of its gross, the VAT line split 500 + 95', () => {
    // 845 × 1190 / 1690 = 595 and 845 × 500 / 1690 = 250, no remainder; 595 / 1.19 = 500 net, 95 tax.
    expect(allocateCredit(vatAndZero, { amountMinor: 845, taxInclusive: false })).toEqual([
      { netMinor: 500, taxMinor: 95 },
      { netMinor: 250, taxMinor: 0 },
    ]);
  });

  it('two refunds of 845 together reverse the invoice exactly', () => {
    const first = allocateCredit(vatAndZero, { amountMinor: 845, taxInclusive: false });
    expect(allocateCredit(after(vatAndZero, first), { amountMinor: 845, taxInclusive: false })).toEqual([
      { netMinor: 500, taxMinor: 95 },
      { netMinor: 250, taxMinor: 0 },
    ]);
  });

  it('refund 100 of 1690: the one missing unit goes to the larger remainder', () => {
    // 100 × 1190 = 70 × 1690 + 700 → 70; 100 × 500 = 29 × 1690 + 990 → 29; 99 so far, the unit goes to 990 → 30.
    // 70 gross at 19 % exclusive: net = round(70 / 1.19 = 58.82) = 59, tax 11.
    expect(allocateCredit(vatAndZero, { amountMinor: 100, taxInclusive: false })).toEqual([
      { netMinor: 59, taxMinor: 11 },
      { netMinor: 30, taxMinor: 0 },
    ]);
  });

  it('the rest after refunding 100 is exactly what the lines have left', () => {
    const first = allocateCredit(vatAndZero, { amountMinor: 100, taxInclusive: false });
    expect(allocateCredit(after(vatAndZero, first), { amountMinor: 1_590, taxInclusive: false })).toEqual([
      { netMinor: 941, taxMinor: 179 },
      { netMinor: 470, taxMinor: 0 },
    ]);
  });

  it('a full refund reverses every line as invoiced', () => {
    expect(allocateCredit(vatAndZero, { amountMinor: 1_690, taxInclusive: true })).toEqual([
      { netMinor: 1_000, taxMinor: 190 },
      { netMinor: 500, taxMinor: 0 },
    ]);
  });

  it('a tie splits as the invoice was priced: inclusive rounds the tax up, exclusive the net', () => {
    // 20 %: net 5 + tax 1. Half of 6 is 3 gross, whose tax is exactly 0.5.
    const twenty = [line(5, 1, 20_000)];
    expect(allocateCredit(twenty, { amountMinor: 3, taxInclusive: true })).toEqual([{ netMinor: 2, taxMinor: 1 }]);
    expect(allocateCredit(twenty, { amountMinor: 3, taxInclusive: false })).toEqual([{ netMinor: 3, taxMinor: 0 }]);
  });

  it('a discount line takes its negative share: the credit is net of the discount', () => {
    // Plan 3000 + 570, coupon −500 − 95: total 2975. 1000 × 3570 / 2975 = 1200, 1000 × −595 / 2975 = −200.
    // 1200 / 1.19 = 1008.40 → net 1008, tax 192; −200 / 1.19 = −168.07 → net −168, tax −32.
    const discounted = [line(3_000, 570, 19_000), line(-500, -95, 19_000)];
    expect(allocateCredit(discounted, { amountMinor: 1_000, taxInclusive: false })).toEqual([
      { netMinor: 1_008, taxMinor: 192 },
      { netMinor: -168, taxMinor: -32 },
    ]);
  });

  it('reverse-charge lines carry no tax, so neither does their credit', () => {
    expect(allocateCredit([line(1_000, 0, 0), line(250, 0, 0)], { amountMinor: 333, taxInclusive: false })).toEqual([
      // 333 × 1000 / 1250 = 266.4 → 266 (r 500); 333 × 250 / 1250 = 66.6 → 66 (r 750) + the missing unit → 67.
      { netMinor: 266, taxMinor: 0 },
      { netMinor: 67, taxMinor: 0 },
    ]);
  });

  it('a line whose tax is used up gets no more tax, only net', () => {
    // 11 tax left and 1 net: a 10 gross credit would naturally be 8 + 2, but only 1 net is left, so 1 + 9.
    const worn = [{ netMinor: 100, taxMinor: 19, rateMilliPercent: 19_000, creditedNetMinor: 99, creditedTaxMinor: 8 }];
    expect(allocateCredit(worn, { amountMinor: 10, taxInclusive: false })).toEqual([{ netMinor: 1, taxMinor: 9 }]);
  });

  it('refuses nothing, fractions and more than is left', () => {
    expect(() => allocateCredit(vatAndZero, { amountMinor: 0, taxInclusive: false })).toThrow(RangeError);
    expect(() => allocateCredit(vatAndZero, { amountMinor: 1.5, taxInclusive: false })).toThrow(RangeError);
    expect(() => allocateCredit(vatAndZero, { amountMinor: 1_691, taxInclusive: false })).toThrow(/more than the 1690/);
    const full = allocateCredit(vatAndZero, { amountMinor: 1_690, taxInclusive: false });
    expect(() => allocateCredit(after(vatAndZero, full), { amountMinor: 1, taxInclusive: false })).toThrow(RangeError);
  });
});
