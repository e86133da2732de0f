import { describe, expect, it } from 'vitest';
import { priceOrder, REVERSE_CHARGE_NOTE } from './price-order';
import { coupon, customer, input, item, settings, tuples, type LineTuple } from './test-fixtures';
import type { PricingInput } from './types';

interface Example {
  name: string;
  input: PricingInput;
  lines: LineTuple[];
  totals: { subtotalMinor: number; discountMinor: number; taxMinor: number; totalMinor: number };
}

const fr = customer({ country: 'FR' });
const ipv4 = { optionId: 7, valueId: 70, description: 'Extra IPv4 addresses', quantity: 4, amountMinor: 150, setupFeeMinor: 100 };

const examples: Example[] = [
  {
    name: 'exclusive 20 % VAT (EU consumer abroad pays their own rate)',
    input: input({ customer: fr, items: [item({ amountMinor: 1999 })] }),
    lines: [['plan', 'VPS S', 1, 1999, 400, null]],
    totals: { subtotalMinor: 1999, discountMinor: 0, taxMinor: 400, totalMinor: 2399 },
  },
  {
    name: 'inclusive 19 %: tax split out of the gross catalog price',
    input: input({ settings: settings({ taxInclusive: true }), items: [item({ amountMinor: 999 })] }),
    lines: [['plan', 'VPS S', 1, 839, 160, null]],
    totals: { subtotalMinor: 839, discountMinor: 0, taxMinor: 160, totalMinor: 999 },
  },
  {
    name: 'inclusive 19 % with a 10 % coupon: total is gross minus gross discount',
    input: input({ settings: settings({ taxInclusive: true }), items: [item({ amountMinor: 1190 })], coupons: [coupon()] }),
    lines: [
      ['plan', 'VPS S', 1, 1000, 190, null],
      ['discount', 'Coupon SAVE10', 1, -100, -19, 1],
    ],
    totals: { subtotalMinor: 900, discountMinor: 100, taxMinor: 171, totalMinor: 1071 },
  },
  {
    name: 'setup fee waived by a free_setup coupon',
    input: input({
      customer: fr,
      items: [item({ setupFeeMinor: 2000, options: [{ optionId: 1, valueId: 1, description: 'cPanel', quantity: 1, amountMinor: 300, setupFeeMinor: 500 }] })],
      coupons: [coupon({ code: 'NOSETUP', type: 'free_setup', percentBp: 0 })],
    }),
    lines: [
      ['plan', 'VPS S', 1, 1000, 200, null],
      ['option', 'cPanel', 1, 300, 60, null],
      ['setup_fee', 'Setup fee – VPS S', 1, 2500, 500, null],
      ['discount', 'Coupon NOSETUP', 1, -2500, -500, 1],
    ],
    totals: { subtotalMinor: 1300, discountMinor: 2500, taxMinor: 260, totalMinor: 1560 },
  },
  {
    name: 'percent then fixed, both stackable: the fixed one applies to what is left',
    input: input({
      items: [item({ amountMinor: 2000 })],
      coupons: [coupon({ code: 'P10', stackable: true }), coupon({ id: 2, code: 'F5', type: 'fixed', percentBp: 0, discountMinor: 500, stackable: true })],
    }),
    lines: [
      ['plan', 'VPS S', 1, 2000, 380, null],
      ['discount', 'Coupon P10', 1, -200, -38, 1],
      ['discount', 'Coupon F5', 1, -500, -95, 2],
    ],
    totals: { subtotalMinor: 1300, discountMinor: 700, taxMinor: 247, totalMinor: 1547 },
  },
  {
    name: 'a non-stackable first coupon rejects the second',
    input: input({
      items: [item({ amountMinor: 2000 })],
      coupons: [coupon({ code: 'SOLO' }), coupon({ id: 2, code: 'F5', type: 'fixed', percentBp: 0, discountMinor: 500, stackable: true })],
    }),
    lines: [
      ['plan', 'VPS S', 1, 2000, 380, null],
      ['discount', 'Coupon SOLO', 1, -200, -38, 1],
    ],
    totals: { subtotalMinor: 1800, discountMinor: 200, taxMinor: 342, totalMinor: 2142 },
  },
  {
    name: 'fixed coupon larger than the item is capped at the item (no tax rule: none)',
    input: input({
      customer: customer({ country: 'CA', region: 'ON' }),
      items: [item({ amountMinor: 1200 })],
      coupons: [coupon({ code: 'BIG', type: 'fixed', percentBp: 0, discountMinor: 5000 })],
    }),
    lines: [
      ['plan', 'VPS S', 1, 1200, 0, null],
      ['discount', 'Coupon BIG', 1, -1200, 0, 1],
    ],
    totals: { subtotalMinor: 0, discountMinor: 1200, taxMinor: 0, totalMinor: 0 },
  },
  {
    name: 'trial (plan 7 days + coupon 7 days): recurring lines free, setup still charged',
    input: input({
      items: [item({ trialDays: 7, setupFeeMinor: 500 })],
      coupons: [coupon({ code: 'TRY', type: 'extra_trial_days', percentBp: 0, trialDays: 7 })],
    }),
    lines: [
      ['plan', 'VPS S (free trial, 14 days)', 1, 0, 0, null],
      ['setup_fee', 'Setup fee – VPS S', 1, 500, 95, null],
    ],
    totals: { subtotalMinor: 500, discountMinor: 0, taxMinor: 95, totalMinor: 595 },
  },
  {
    name: 'hourly: usage is billed later, setup now',
    input: input({ items: [item({ description: 'Cloud desktop', cycle: 'hourly', amountMinor: 3, setupFeeMinor: 1000 })] }),
    lines: [
      ['plan', 'Cloud desktop (billed hourly by usage)', 1, 0, 0, null],
      ['setup_fee', 'Setup fee – Cloud desktop', 1, 1000, 190, null],
    ],
    totals: { subtotalMinor: 1000, discountMinor: 0, taxMinor: 190, totalMinor: 1190 },
  },
  {
    name: 'renewal: recurring coupon, then loyalty 10 % after 26 months; no setup fee',
    input: input({
      kind: 'renewal',
      customer: customer({ isNew: false, tenureMonths: 26 }),
      settings: settings({ loyaltyTiers: [{ months: 36, percentBp: 1500 }, { months: 12, percentBp: 500 }, { months: 24, percentBp: 1000 }] }),
      items: [item({ amountMinor: 2500, setupFeeMinor: 1000, options: [{ ...ipv4, quantity: 2, amountMinor: 500 }] })],
      coupons: [coupon({ code: 'KEEP20', percentBp: 2000, duration: 'recurring_cycles', recurringCycles: 3, usesCount: 5, maxUses: 5 })],
    }),
    lines: [
      ['plan', 'VPS S', 1, 2500, 475, null],
      ['option', 'Extra IPv4 addresses', 2, 1000, 190, null],
      ['discount', 'Coupon KEEP20', 1, -700, -133, 1],
      ['loyalty', 'Loyalty discount (10 %)', 1, -280, -53, null],
    ],
    totals: { subtotalMinor: 2520, discountMinor: 980, taxMinor: 479, totalMinor: 2999 },
  },
  {
    name: 'reverse charge: business in another member state with a VAT number',
    input: input({ customer: customer({ country: 'FR', company: 'Acme SARL', taxId: 'FR 12 345678901' }) }),
    lines: [['plan', 'VPS S', 1, 1000, 0, null]],
    totals: { subtotalMinor: 1000, discountMinor: 0, taxMinor: 0, totalMinor: 1000 },
  },
  {
    name: '8.875 % (NY): per-line rounding, halves away from zero',
    input: input({
      currency: 'USD',
      customer: customer({ country: 'US', region: 'ny' }),
      items: [item({ amountMinor: 400, options: [{ ...ipv4, description: 'Backups', quantity: 1, amountMinor: 1000, setupFeeMinor: 0 }] })],
    }),
    lines: [
      ['plan', 'VPS S', 1, 400, 36, null],
      ['option', 'Backups', 1, 1000, 89, null],
    ],
    totals: { subtotalMinor: 1400, discountMinor: 0, taxMinor: 125, totalMinor: 1525 },
  },
  {
    name: 'quantity option: amount × quantity, setup × quantity',
    input: input({ items: [item({ options: [ipv4] })] }),
    lines: [
      ['plan', 'VPS S', 1, 1000, 190, null],
      ['option', 'Extra IPv4 addresses', 4, 600, 114, null],
      ['setup_fee', 'Setup fee – VPS S', 1, 400, 76, null],
    ],
    totals: { subtotalMinor: 2000, discountMinor: 0, taxMinor: 380, totalMinor: 2380 },
  },
  {
    name: 'coupon limited to one plan: only that item is discounted, named on the line',
    input: input({
      items: [item(), item({ key: 'b', planId: 2, description: 'Web S', amountMinor: 2000 })],
      coupons: [coupon({ code: 'HALF', percentBp: 5000, planIds: [2] })],
    }),
    lines: [
      ['plan', 'VPS S', 1, 1000, 190, null],
      ['plan', 'Web S', 1, 2000, 380, null],
      ['discount', 'Coupon HALF – Web S', 1, -1000, -190, 1],
    ],
    totals: { subtotalMinor: 2000, discountMinor: 1000, taxMinor: 380, totalMinor: 2380 },
  },
  {
    name: 'tax-exempt customer',
    input: input({ customer: customer({ taxExempt: true }) }),
    lines: [['plan', 'VPS S', 1, 1000, 0, null]],
    totals: { subtotalMinor: 1000, discountMinor: 0, taxMinor: 0, totalMinor: 1000 },
  },
];

describe('priceOrder worked examples', () => {
  it.each(examples)('$name', (ex) => {
    const result = priceOrder(ex.input);
    expect(tuples(result.lines)).toEqual(ex.lines);
    expect({ subtotalMinor: result.subtotalMinor, discountMinor: result.discountMinor, taxMinor: result.taxMinor, totalMinor: result.totalMinor }).toEqual(ex.totals);
  });
});

describe('priceOrder details', () => {
  const byName = (name: string) => priceOrder(examples.find((e) => e.name.startsWith(name))!.input);

  it('reports rejected and applied coupons', () => {
    const r = byName('a non-stackable');
    expect(r.rejectedCoupons).toEqual([{ code: 'F5', reason: "F5 can't be combined with other coupons" }]);
    expect(r.appliedCoupons).toEqual([{ couponId: 1, code: 'SOLO', discountMinor: 200 }]);
    expect(byName('percent then fixed').appliedCoupons.map((c) => c.discountMinor)).toEqual([200, 500]);
  });

  it('freezes reverse charge with its legal note and a tax summary', () => {
    const r = byName('reverse charge');
    expect(r.reverseCharge).toBe(true);
    expect(r.taxNote).toBe(REVERSE_CHARGE_NOTE);
    expect(r.lines[0]!.tax).toEqual({ ruleId: null, name: 'VAT reverse charge', country: 'FR', region: '', rateMilliPercent: 0, basis: 'reverse_charge' });
    expect(r.taxLines).toEqual([{ name: 'VAT reverse charge', rateMilliPercent: 0, basis: 'reverse_charge', taxableMinor: 1000, taxMinor: 0 }]);
    expect(byName('exclusive 20 %').taxLines).toEqual([{ name: 'TVA 20 %', rateMilliPercent: 20_000, basis: 'standard', taxableMinor: 1999, taxMinor: 400 }]);
    expect(byName('exclusive 20 %').taxNote).toBeNull();
  });

  it('reports the locked recurring price, setup total and effective trial per item', () => {
    expect(byName('trial').items).toEqual([{ key: 'a', recurringMinor: 1000, setupMinor: 500, trialDays: 14, recurringCoupons: [] }]);
    expect(byName('renewal').items).toEqual([{ key: 'a', recurringMinor: 3500, setupMinor: 1200, trialDays: 0, recurringCoupons: [] }]);
    expect(byName('hourly').items[0]!.trialDays).toBe(0);
  });

  it('carries a recurring coupon on a new order with the cycles left after this invoice', () => {
    const recurring = coupon({ code: 'R3', duration: 'recurring_cycles', recurringCycles: 3 });
    expect(priceOrder(input({ coupons: [recurring] })).items[0]!.recurringCoupons).toEqual([{ couponId: 1, cyclesRemaining: 2 }]);
    const life = coupon({ code: 'LIFE', duration: 'lifetime' });
    expect(priceOrder(input({ coupons: [life] })).items[0]!.recurringCoupons).toEqual([{ couponId: 1, cyclesRemaining: null }]);
    expect(priceOrder(input({ coupons: [coupon()] })).items[0]!.recurringCoupons).toEqual([]);
  });

  it('rejects a first-invoice coupon on a renewal and a fixed coupon without an amount in the currency', () => {
    const renewal = priceOrder(input({ kind: 'renewal', coupons: [coupon()] }));
    expect(renewal.rejectedCoupons).toEqual([{ code: 'SAVE10', reason: 'Coupon SAVE10 applies to the first invoice only.' }]);
    expect(renewal.lines).toHaveLength(1);
    const fixed = priceOrder(input({ currency: 'USD', coupons: [coupon({ code: 'F', type: 'fixed', discountMinor: null })] }));
    expect(fixed.rejectedCoupons[0]!.reason).toBe('Coupon F is not available in USD.');
  });

  it('never lets per-line rounding of several discounts leave negative tax or net', () => {
    const halfThenRest = [coupon({ code: 'HALF', percentBp: 5000, stackable: true }), coupon({ id: 2, code: 'REST', type: 'fixed', discountMinor: 3, stackable: true })];
    const rules = [{ id: 9, country: 'DE', region: '', name: 'VAT', rateMilliPercent: 16_667 }];
    // 6 × 16.667 % = 1.00002 → 1, but each −3 alone is 0.50001 → 1: unclamped the order would carry −1 tax.
    const exclusive = priceOrder(input({ items: [item({ amountMinor: 6 })], coupons: halfThenRest, settings: settings({ taxRules: rules }) }));
    expect(tuples(exclusive.lines).map((l) => [l[3], l[4]])).toEqual([[6, 1], [-3, -1], [-3, 0]]);
    expect(exclusive.totalMinor).toBe(0);
    const inclusive = priceOrder(input({ items: [item({ amountMinor: 6 })], coupons: halfThenRest, settings: settings({ taxRules: rules, taxInclusive: true }) }));
    expect(inclusive.subtotalMinor).toBe(0);
    expect(inclusive.taxMinor).toBe(0);
  });

  it('refuses non-integer money', () => {
    expect(() => priceOrder(input({ items: [item({ amountMinor: 9.99 })] }))).toThrow(RangeError);
  });
});
