import { describe, expect, it } from 'vitest';
import { checkCouponEligibility, type CouponEligibilityContext } from './coupon-eligibility';
import { coupon, customer, item } from './test-fixtures';
import type { CouponInput } from './types';

const ctx = (over: Partial<CouponEligibilityContext> = {}): CouponEligibilityContext => ({
  date: new Date('2026-06-15T12:00:00Z'),
  currency: 'EUR',
  minorDigits: 2,
  customer: customer(),
  items: [item()],
  orderAmountMinor: 1000,
  kind: 'new_order',
  ...over,
});

const reason = (c: Partial<CouponInput>, over: Partial<CouponEligibilityContext> = {}) => {
  const verdict = checkCouponEligibility(coupon({ code: 'SPRING', ...c }), ctx(over));
  return verdict.ok ? 'ok' : verdict.reason;
};

describe('checkCouponEligibility', () => {
  it('accepts a plain active coupon', () => {
    expect(checkCouponEligibility(coupon(), ctx())).toEqual({ ok: true });
  });

  it.each<[string, Partial<CouponInput>, Partial<CouponEligibilityContext>, string]>([
    ['inactive', { active: false }, {}, 'Coupon SPRING is not valid.'],
    ['not started', { startsAt: new Date('2026-07-01T00:00:00Z') }, {}, 'Coupon SPRING is not valid until 2026-07-01.'],
    ['expired', { endsAt: new Date('2026-06-01T00:00:00Z') }, {}, 'Coupon SPRING expired on 2026-06-01.'],
    ['used up', { maxUses: 100, usesCount: 100 }, {}, 'Coupon SPRING has been fully redeemed.'],
    ['customer limit', { maxUsesPerCustomer: 1, customerRedemptions: 1 }, {}, 'You have already used coupon SPRING as many times as it allows.'],
    ['new customers only', { newCustomersOnly: true }, { customer: customer({ isNew: false }) }, 'Coupon SPRING is for new customers only.'],
    ['country not allowed', { countries: ['FR', 'BE'] }, {}, 'Coupon SPRING is not available in your country.'],
    ['fixed without an amount in the currency', { type: 'fixed', discountMinor: null }, { currency: 'USD' }, 'Coupon SPRING is not available in USD.'],
    ['minimum order', { minOrderMinor: 2500 }, { orderAmountMinor: 2499 }, 'Coupon SPRING needs an order of at least €25.00.'],
    ['applies to no plan', { planIds: [99] }, {}, "Coupon SPRING doesn't apply to any item in your order."],
    ['applies to no group', { groupIds: [99] }, {}, "Coupon SPRING doesn't apply to any item in your order."],
    ['applies to no cycle', { cycles: ['annual'] }, {}, "Coupon SPRING doesn't apply to any item in your order."],
    ['first-invoice coupon on a renewal', {}, { kind: 'renewal' }, 'Coupon SPRING applies to the first invoice only.'],
  ])('rejects: %s', (_name, c, over, expected) => {
    expect(reason(c, over)).toBe(expected);
  });

  it('accepts at the edges of its limits', () => {
    expect(reason({ startsAt: new Date('2026-06-15T12:00:00Z'), endsAt: new Date('2026-06-15T12:00:00Z') })).toBe('ok');
    expect(reason({ maxUses: 100, usesCount: 99, maxUsesPerCustomer: 2, customerRedemptions: 1 })).toBe('ok');
    expect(reason({ minOrderMinor: 1000 })).toBe('ok');
    expect(reason({ countries: ['de'] })).toBe('ok');
    expect(reason({ planIds: [1], groupIds: [1], cycles: ['monthly'] }, { items: [item({ planId: 2 }), item({ key: 'b' })] })).toBe('ok');
  });

  it('on a renewal keeps honouring a carried recurring coupon past its redemption limits', () => {
    const carried = { duration: 'lifetime' as const, active: false, endsAt: new Date('2026-01-01T00:00:00Z'), maxUses: 1, usesCount: 1, newCustomersOnly: true };
    expect(reason(carried, { kind: 'renewal', customer: customer({ isNew: false }) })).toBe('ok');
    expect(reason({ ...carried, planIds: [99] }, { kind: 'renewal' })).toBe("Coupon SPRING doesn't apply to any item in your order.");
  });
});
