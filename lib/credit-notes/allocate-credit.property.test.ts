import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { taxInGross, taxOnNet } from '@/lib/pricing/rounding';
import { allocateCredit, type CreditableLine } from './allocate-credit';

const RUNS = { numRuns: 400 };
const RATES = [0, 7_000, 19_000, 20_000, 21_000, 25_500];

// Small amounts matter most: that is where the remainders and the per-line caps bite.
const money = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 200_000 }));

/** Invoice lines priced the way the engine does (tax rounded once per line), with an optional discount on the first. */
const invoiceArb = fc
  .record({
    taxInclusive: fc.boolean(),
    lines: fc.array(fc.record({ quoted: money, rate: fc.constantFrom(...RATES) }), { minLength: 1, maxLength: 5 }),
    discountBp: fc.integer({ min: 0, max: 10_000 }),
  })
  .map(({ taxInclusive, lines, discountBp }) => {
    const priced = lines.map(({ quoted, rate }) => {
      const tax = taxInclusive ? taxInGross(quoted, rate) : taxOnNet(quoted, rate);
      return { netMinor: taxInclusive ? quoted - tax : quoted, taxMinor: tax, rateMilliPercent: rate };
    });
    const first = priced[0]!;
    const off = Math.floor((first.netMinor * discountBp) / 10_000);
    if (off > 0) priced.push({ netMinor: -off, taxMinor: 0 - Math.min(taxOnNet(off, first.rateMilliPercent), first.taxMinor), rateMilliPercent: first.rateMilliPercent });
    return { taxInclusive, lines: priced.map((l): CreditableLine => ({ ...l, creditedNetMinor: 0, creditedTaxMinor: 0 })) };
  })
  .filter((inv) => inv.lines.reduce((s, l) => s + l.netMinor + l.taxMinor, 0) > 0);

/** An invoice and a run of refunds, each a positive part of what is left; `complete` makes the last take the rest. */
const scenarioArb = invoiceArb.chain((inv) =>
  fc.record({
    inv: fc.constant(inv),
    cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }),
    complete: fc.boolean(),
  }),
);

const within = (value: number, bound: number) => (bound >= 0 ? value >= 0 && value <= bound : value <= 0 && value >= bound);

describe('allocateCredit, by property', () => {
  it('every note adds up to its refund and the notes never credit a line more net or tax than it had', () => {
    fc.assert(
      fc.property(scenarioArb, ({ inv, cuts, complete }) => {
        let lines = inv.lines;
        const total = lines.reduce((s, l) => s + l.netMinor + l.taxMinor, 0);
        let left = total;
        const amounts = cuts.map((c) => Math.max(1, Math.floor(c * total))).filter((a) => a > 0);
        for (const [n, wanted] of amounts.entries()) {
          if (left === 0) break;
          const amount = complete && n === amounts.length - 1 ? left : Math.min(wanted, left);
          const credits = allocateCredit(lines, { amountMinor: amount, taxInclusive: inv.taxInclusive });
          expect(credits.reduce((s, c) => s + c.netMinor + c.taxMinor, 0)).toBe(amount);
          lines = lines.map((l, i) => ({ ...l, creditedNetMinor: l.creditedNetMinor + credits[i]!.netMinor, creditedTaxMinor: l.creditedTaxMinor + credits[i]!.taxMinor }));
          for (const l of lines) {
            expect(within(l.creditedNetMinor, l.netMinor)).toBe(true);
            expect(within(l.creditedTaxMinor, l.taxMinor)).toBe(true);
          }
          left -= amount;
        }
        if (left === 0) {
          // Refunded in full: together the notes reverse each line exactly.
          for (const l of lines) expect([l.creditedNetMinor, l.creditedTaxMinor]).toEqual([l.netMinor, l.taxMinor]);
        }
      }),
      RUNS,
    );
  });

  it('a single full refund reverses every line as invoiced', () => {
    fc.assert(
      fc.property(invoiceArb, (inv) => {
        const total = inv.lines.reduce((s, l) => s + l.netMinor + l.taxMinor, 0);
        expect(allocateCredit(inv.lines, { amountMinor: total, taxInclusive: inv.taxInclusive })).toEqual(inv.lines.map((l) => ({ netMinor: l.netMinor, taxMinor: l.taxMinor })));
      }),
      RUNS,
    );
  });

  it('the first refund gives each line its gross share of the invoice total, off by less than one unit', () => {
    fc.assert(
      fc.property(invoiceArb, fc.double({ min: 0, max: 1, noNaN: true }), (inv, cut) => {
        const total = inv.lines.reduce((s, l) => s + l.netMinor + l.taxMinor, 0);
        const amount = Math.max(1, Math.floor(cut * total));
        const credits = allocateCredit(inv.lines, { amountMinor: amount, taxInclusive: inv.taxInclusive });
        credits.forEach((c, i) => {
          const gross = inv.lines[i]!.netMinor + inv.lines[i]!.taxMinor;
          // |credited × T − gross × R| < T, in integers.
          expect(Math.abs((c.netMinor + c.taxMinor) * total - gross * amount)).toBeLessThan(total);
        });
      }),
      RUNS,
    );
  });
});
