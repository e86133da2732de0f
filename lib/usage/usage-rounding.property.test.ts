import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FrozenTax } from '@/db/schema/storefront';
import { parseQuantity, parseUnitPrice, PRICE_SCALE, QUANTITY_SCALE } from './decimal';
import { chargeableQuantity, exactAmountText, periodCharge, roundUpToIncrement, taxUsageLines, usageAmountMinor } from './usage-rounding';

const RUNS = { numRuns: 500 };
const PRODUCT = 10n ** BigInt(QUANTITY_SCALE + PRICE_SCALE);
const HALF = PRODUCT / 2n;

// Small and sub-minor prices are where rounding bites: 0.0004 minor per call, 0.15 €/h, 12.5 pence.
const quantityArb = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 7n }), fc.bigInt({ min: 0n, max: 10n ** 12n }));
const priceArb = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 8n }), fc.bigInt({ min: 0n, max: 10n ** 13n }));
const stepArb = fc.option(fc.constantFrom(250_000n, 1_000_000n, 1n, 16_667n, 5_000_000n), { nil: null });
const taxArb: fc.Arbitrary<FrozenTax> = fc.integer({ min: 0, max: 27_000 }).map((rate) => ({ ruleId: 1, name: 'VAT', country: 'DE', region: '', rateMilliPercent: rate, basis: rate ? 'standard' : 'none' }));

describe('usage rounding', () => {
  it('bills 7.25 h at €0.15/h in 15-minute increments as €1.09', () => {
    const sessions = ['1.1', '2.4', '3.5'].map(parseQuantity).map((q) => roundUpToIncrement(q, parseQuantity('0.25')));
    const hours = sessions.reduce((a, b) => a + b, 0n);
    expect(hours).toBe(parseQuantity('7.25'));
    expect(exactAmountText(hours, parseUnitPrice('15'))).toBe('108.75');
    expect(usageAmountMinor(hours, parseUnitPrice('15'))).toBe(109);
    expect(usageAmountMinor(chargeableQuantity(hours, parseQuantity('5')), parseUnitPrice('15'))).toBe(34);
  });

  it('increment rounding never undercharges, and never by a whole increment overcharges', () => {
    fc.assert(
      fc.property(quantityArb, stepArb, (q, step) => {
        const r = roundUpToIncrement(q, step);
        expect(r >= q).toBe(true);
        if (step) {
          expect(r % step).toBe(0n);
          expect(r - q < step).toBe(true);
        } else expect(r).toBe(q);
      }),
      RUNS,
    );
  });

  it('sessions rounded one by one cost at least their exact sum, and the money follows', () => {
    fc.assert(
      fc.property(fc.array(quantityArb, { maxLength: 30 }), stepArb, priceArb, (sessions, step, price) => {
        const exact = sessions.reduce((a, b) => a + b, 0n);
        const rounded = sessions.reduce((a, q) => a + roundUpToIncrement(q, step), 0n);
        expect(rounded >= exact).toBe(true);
        expect(usageAmountMinor(rounded, price) >= usageAmountMinor(exact, price)).toBe(true);
      }),
      RUNS,
    );
  });

  it('a line amount is the exact amount rounded half up: never half a minor unit or more under it, never more than half over', () => {
    fc.assert(
      fc.property(quantityArb, priceArb, (q, price) => {
        const amount = BigInt(usageAmountMinor(q, price)) * PRODUCT;
        const exact = q * price;
        expect(amount - exact <= HALF).toBe(true);
        expect(exact - amount < HALF).toBe(true);
      }),
      RUNS,
    );
  });

  it('a period billed in pieces (late usage) adds up to the period billed once', () => {
    fc.assert(
      fc.property(fc.array(quantityArb, { minLength: 1, maxLength: 6 }), fc.bigInt({ min: 0n, max: 10n ** 8n }), priceArb, (arrivals, included, price) => {
        let total = 0n;
        let billed = 0n;
        let amounts = 0;
        for (const q of arrivals) {
          total += q;
          const charged = chargeableQuantity(total, included);
          const piece = periodCharge({ chargedNow: charged, chargedBefore: billed, unitPriceMinor: price });
          expect(piece.amountMinor >= 0).toBe(true);
          amounts += piece.amountMinor;
          billed += piece.chargedQuantity;
          expect(billed).toBe(charged);
        }
        expect(amounts).toBe(usageAmountMinor(chargeableQuantity(total, included), price));
      }),
      RUNS,
    );
  });

  it('an invoice total is the sum of its lines, net + tax, and inclusive prices keep the gross exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(quantityArb, priceArb), { minLength: 1, maxLength: 8 }), taxArb, fc.boolean(), (meters, tax, inclusive) => {
        const drafts = meters.map(([q, p], i) => ({ description: `m${i}`, amountMinor: usageAmountMinor(q, p) }));
        const { lines, subtotalMinor, taxMinor, totalMinor } = taxUsageLines(drafts, tax, inclusive);
        expect(totalMinor).toBe(lines.reduce((s, l) => s + l.amountMinor + l.taxMinor, 0));
        expect(subtotalMinor + taxMinor).toBe(totalMinor);
        const catalog = drafts.reduce((s, d) => s + d.amountMinor, 0);
        expect(inclusive ? totalMinor : subtotalMinor).toBe(catalog);
        for (const l of lines) expect(l.taxMinor >= 0 && l.amountMinor >= 0).toBe(true);
      }),
      RUNS,
    );
  });
});
