import { describe, expect, it } from 'vitest';
import type { FrozenTax } from '@/db/schema/storefront/billing';
import { coupon, customer, settings } from '@/lib/pricing/test-fixtures';
import { periodChargeMinor, stillCarriedCoupons, type PeriodChargeInput } from './period-charge';
import { prorate } from './proration';

const VAT: FrozenTax = { ruleId: 1, name: 'VAT 19 %', country: 'DE', region: '', rateMilliPercent: 19_000, basis: 'standard' };
const lifetime20 = coupon({ id: 7, code: 'LIFE20', percentBp: 2000, duration: 'lifetime' });

function charge(over: Partial<PeriodChargeInput> = {}): number {
  return periodChargeMinor({ planId: 1, groupId: 1, cycle: 'monthly', currency: 'EUR', minorDigits: 2, recurringMinor: 1000, coupons: [], customer: customer({ isNew: false }), settings: settings(), tax: VAT, at: new Date('2026-06-15T12:00:00Z'), ...over });
}

describe('periodChargeMinor', () => {
  it('is the catalog price when nothing discounts it', () => {
    expect(charge()).toBe(1000);
  });

  it('takes a lifetime 20 % coupon off: 1000 → 800, so an upgrade to 2000 halfway through 30 days is (1600 − 800) × 15 / 30 = 400', () => {
    const from = charge({ coupons: [lifetime20] });
    const to = charge({ recurringMinor: 2000, coupons: [lifetime20] });
    expect([from, to]).toEqual([800, 1600]);
    expect(prorate({ fromMinor: from, toMinor: to, periodStart: '2026-06-01', periodEnd: '2026-07-01', today: '2026-06-16' }).differenceMinor).toBe(400);
    expect(prorate({ fromMinor: to, toMinor: from, periodStart: '2026-06-01', periodEnd: '2026-07-01', today: '2026-06-16' }).differenceMinor).toBe(-400);
  });

  it('applies loyalty after the coupons: 1000 − 300 fixed = 700, − 5 % (35) = 665', () => {
    const fixed = coupon({ id: 8, code: 'OFF3', type: 'fixed', discountMinor: 300, duration: 'recurring_cycles', recurringCycles: 3 });
    expect(charge({ coupons: [fixed], customer: customer({ isNew: false, tenureMonths: 12 }), settings: settings({ loyaltyTiers: [{ months: 12, percentBp: 500 }] }) })).toBe(665);
  });

  it('stays in catalog terms when prices include tax: 1190 gross − 20 % = 952 gross', () => {
    expect(charge({ recurringMinor: 1190, coupons: [lifetime20], settings: settings({ taxInclusive: true }) })).toBe(952);
  });

  it('ignores a coupon for another plan and a first-invoice coupon', () => {
    expect(charge({ coupons: [coupon({ id: 9, code: 'OTHER', percentBp: 2000, duration: 'lifetime', planIds: [2], stackable: true }), coupon({ id: 10, code: 'ONCE', stackable: true })] })).toBe(1000);
  });
});

describe('stillCarriedCoupons', () => {
  it('keeps lifetime coupons and those with cycles left, with the amount of the currency, in checkout order', () => {
    const eur = coupon({ id: 2, code: 'FIX', type: 'fixed', discountMinor: 500 });
    const any = coupon({ id: 2, code: 'FIX', type: 'fixed', discountMinor: null });
    const couponOf = new Map([
      ['2|EUR', eur],
      ['2|*', any],
      ['7|', lifetime20],
      ['7|*', lifetime20],
    ]);
    const carried = [
      { couponId: 7, cyclesRemaining: null },
      { couponId: 2, cyclesRemaining: 1 },
      { couponId: 3, cyclesRemaining: null },
    ];
    expect(stillCarriedCoupons(carried, couponOf, 'EUR')).toEqual([lifetime20, eur]);
    expect(stillCarriedCoupons(carried, couponOf, 'USD')).toEqual([lifetime20, any]);
    expect(stillCarriedCoupons([{ couponId: 2, cyclesRemaining: 0 }], couponOf, 'EUR')).toEqual([]);
  });
});
