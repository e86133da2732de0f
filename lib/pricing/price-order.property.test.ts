import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BILLING_CYCLES, type BillingCycle } from '@/db/schema/storefront/catalog';
import { priceOrder } from './price-order';
import { coupon, customer, input, settings } from './test-fixtures';
import type { CouponInput, PricedItemInput, PricingInput, PricingResult } from './types';

const RUNS = { numRuns: 300 };

// Small amounts matter most: that is where per-line rounding of several discounts can disagree with the lines they discount.
const money = (max: number) => fc.oneof(fc.nat(20), fc.nat(max));

const optionArb = fc.record({
  optionId: fc.nat(5),
  valueId: fc.nat(5),
  description: fc.constant('Option'),
  quantity: fc.nat(5),
  amountMinor: money(1500),
  setupFeeMinor: money(500),
});

const itemArb = (key: string): fc.Arbitrary<PricedItemInput> =>
  fc.record({
    key: fc.constant(key),
    planId: fc.integer({ min: 1, max: 3 }),
    groupId: fc.integer({ min: 1, max: 2 }),
    description: fc.constant(`Item ${key}`),
    cycle: fc.constantFrom(...BILLING_CYCLES),
    amountMinor: money(5000),
    setupFeeMinor: money(3000),
    options: fc.array(optionArb, { maxLength: 2 }),
    trialDays: fc.constantFrom(0, 0, 0, 7),
  });

const couponArb = (id: number): fc.Arbitrary<CouponInput> =>
  fc
    .record({
      type: fc.constantFrom('percent', 'fixed', 'free_setup', 'extra_trial_days'),
      percentBp: fc.integer({ min: 0, max: 10_000 }),
      trialDays: fc.nat(14),
      duration: fc.constantFrom('first_invoice', 'recurring_cycles', 'lifetime'),
      recurringCycles: fc.nat(6),
      planIds: fc.constantFrom<number[][]>([], [1], [2, 3]),
      cycles: fc.constantFrom<BillingCycle[][]>([], ['monthly'], ['annual', 'hourly']),
      stackable: fc.constantFrom(true, true, false),
      discountMinor: fc.option(money(4000)),
      minOrderMinor: fc.constantFrom(0, 0, 2000),
    })
    .map((over) => coupon({ ...over, id, code: `C${id}` }));

const inputArb: fc.Arbitrary<PricingInput> = fc
  .record({
    kind: fc.constantFrom('new_order', 'renewal'),
    items: fc.tuple(itemArb('a'), itemArb('b'), itemArb('c')).chain((all) => fc.integer({ min: 1, max: 3 }).map((n) => all.slice(0, n))),
    coupons: fc.tuple(couponArb(1), couponArb(2), couponArb(3)).chain((all) => fc.subarray(all)),
    taxInclusive: fc.boolean(),
    rate: fc.oneof(fc.constantFrom(0, 8_875, 16_667, 19_000, 20_000, 25_500, 100_000), fc.integer({ min: 0, max: 100_000 })),
    tenureMonths: fc.nat(60),
    loyaltyBp: fc.integer({ min: 0, max: 10_000 }),
  })
  .map(({ kind, items, coupons, taxInclusive, rate, tenureMonths, loyaltyBp }) =>
    input({
      kind,
      items,
      coupons,
      customer: customer({ tenureMonths, isNew: true }),
      settings: settings({
        taxInclusive,
        taxRules: [{ id: 1, country: 'DE', region: '', name: 'VAT', rateMilliPercent: rate }],
        loyaltyTiers: [{ months: 12, percentBp: loyaltyBp }],
      }),
    }),
  );

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const isDiscount = (kind: string) => kind === 'discount' || kind === 'loyalty';

/** What the catalog charges on this invoice per line kind, computed independently of the engine. */
function catalogCharges(inp: PricingInput, r: PricingResult, it: PricedItemInput): { recurring: number; setup: number } {
  const res = r.items.find((i) => i.key === it.key)!;
  const free = it.cycle === 'hourly' || res.trialDays > 0;
  return { recurring: free ? 0 : res.recurringMinor, setup: inp.kind === 'new_order' ? res.setupMinor : 0 };
}

describe('priceOrder invariants', () => {
  it('total = subtotal + tax, subtotal = Σ lines, tax = Σ line tax and the tax summary agrees', () => {
    fc.assert(
      fc.property(inputArb, (inp) => {
        const r = priceOrder(inp);
        expect(r.totalMinor).toBe(r.subtotalMinor + r.taxMinor);
        expect(r.subtotalMinor).toBe(sum(r.lines.map((l) => l.amountMinor)));
        expect(r.taxMinor).toBe(sum(r.lines.map((l) => l.taxMinor)));
        expect(sum(r.taxLines.map((t) => t.taxMinor))).toBe(r.taxMinor);
        expect(sum(r.taxLines.map((t) => t.taxableMinor))).toBe(r.subtotalMinor);
      }),
      RUNS,
    );
  });

  it('totals and every item are never negative', () => {
    fc.assert(
      fc.property(inputArb, (inp) => {
        const r = priceOrder(inp);
        for (const v of [r.subtotalMinor, r.taxMinor, r.totalMinor, r.discountMinor]) expect(v).toBeGreaterThanOrEqual(0);
        for (const it of inp.items) {
          const lines = r.lines.filter((l) => l.itemKey === it.key);
          expect(sum(lines.map((l) => l.amountMinor))).toBeGreaterThanOrEqual(0);
          expect(sum(lines.map((l) => l.taxMinor))).toBeGreaterThanOrEqual(0);
        }
      }),
      RUNS,
    );
  });

  it('discounts never exceed what they discount, and add up per coupon', () => {
    fc.assert(
      fc.property(inputArb, (inp) => {
        const r = priceOrder(inp);
        const gross = (l: PricingResult['lines'][number]) => l.amountMinor + (inp.settings.taxInclusive ? l.taxMinor : 0);
        const freeSetupIds = new Set(inp.coupons.filter((c) => c.type === 'free_setup').map((c) => c.id));
        for (const it of inp.items) {
          const lines = r.lines.filter((l) => l.itemKey === it.key);
          const charges = catalogCharges(inp, r, it);
          const setupOff = -sum(lines.filter((l) => l.couponId !== null && freeSetupIds.has(l.couponId)).map(gross));
          const recurringOff = -sum(lines.filter((l) => isDiscount(l.kind) && !(l.couponId !== null && freeSetupIds.has(l.couponId))).map(gross));
          expect(setupOff).toBeLessThanOrEqual(charges.setup);
          expect(recurringOff).toBeLessThanOrEqual(charges.recurring);
          for (const l of lines.filter((x) => isDiscount(x.kind))) expect(gross(l)).toBeLessThan(0);
        }
        const loyalty = -sum(r.lines.filter((l) => l.kind === 'loyalty').map((l) => l.amountMinor));
        expect(sum(r.appliedCoupons.map((c) => c.discountMinor)) + loyalty).toBe(r.discountMinor);
      }),
      RUNS,
    );
  });

  it('with tax-inclusive prices the total is the catalog gross minus the gross discounts', () => {
    fc.assert(
      fc.property(inputArb, (inp) => {
        const r = priceOrder({ ...inp, settings: { ...inp.settings, taxInclusive: true } });
        const catalog = sum(inp.items.map((it) => {
          const c = catalogCharges(inp, r, it);
          return c.recurring + c.setup;
        }));
        const grossDiscounts = -sum(r.lines.filter((l) => isDiscount(l.kind)).map((l) => l.amountMinor + l.taxMinor));
        expect(r.totalMinor).toBe(catalog - grossDiscounts);
        for (const l of r.lines.filter((x) => !isDiscount(x.kind))) expect(l.amountMinor + l.taxMinor).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it('small items with stacked percent and fixed discounts keep tax and net non-negative at any rate', () => {
    const arb = fc.record({
      amount: fc.integer({ min: 1, max: 40 }),
      bp: fc.integer({ min: 1, max: 9_999 }),
      fixed: fc.integer({ min: 1, max: 40 }),
      rate: fc.integer({ min: 1, max: 100_000 }),
      taxInclusive: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, ({ amount, bp, fixed, rate, taxInclusive }) => {
        const r = priceOrder(
          input({
            items: [{ key: 'a', planId: 1, groupId: 1, description: 'A', cycle: 'monthly', amountMinor: amount, setupFeeMinor: 0, options: [], trialDays: 0 }],
            coupons: [coupon({ percentBp: bp, stackable: true }), coupon({ id: 2, code: 'F', type: 'fixed', discountMinor: fixed, stackable: true })],
            settings: settings({ taxInclusive, taxRules: [{ id: 1, country: 'DE', region: '', name: 'VAT', rateMilliPercent: rate }] }),
          }),
        );
        expect(r.taxMinor).toBeGreaterThanOrEqual(0);
        expect(r.subtotalMinor).toBeGreaterThanOrEqual(0);
        if (r.subtotalMinor === 0 && !taxInclusive) expect(r.taxMinor).toBe(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('outputs only safe integers and is deterministic', () => {
    fc.assert(
      fc.property(inputArb, (inp) => {
        const r = priceOrder(inp);
        const numbers = [r.subtotalMinor, r.taxMinor, r.totalMinor, r.discountMinor, ...r.lines.flatMap((l) => [l.amountMinor, l.taxMinor, l.quantity])];
        numbers.push(...r.taxLines.flatMap((t) => [t.taxableMinor, t.taxMinor]), ...r.items.flatMap((i) => [i.recurringMinor, i.setupMinor, i.trialDays]));
        for (const n of numbers) expect(Number.isSafeInteger(n) && !Object.is(n, -0)).toBe(true);
        expect(priceOrder(inp)).toEqual(r);
      }),
      RUNS,
    );
  });
});
