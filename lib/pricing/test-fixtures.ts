import type { CouponInput, PricedItemInput, PricedLine, PricingCustomer, PricingInput, PricingSettings } from './types';

// Builders for the pricing tests: sensible defaults, override what the example is about.

export const RULES = {
  de: { id: 1, country: 'DE', region: '', name: 'VAT 19 %', rateMilliPercent: 19_000 },
  fr: { id: 2, country: 'FR', region: '', name: 'TVA 20 %', rateMilliPercent: 20_000 },
  ny: { id: 3, country: 'US', region: 'NY', name: 'NY sales tax', rateMilliPercent: 8_875 },
  usDefault: { id: 4, country: 'US', region: '', name: 'US federal (none)', rateMilliPercent: 0 },
} as const;

export function settings(over: Partial<PricingSettings> = {}): PricingSettings {
  return { taxInclusive: false, sellerCountry: 'DE', sellerRegion: null, taxRules: [RULES.de, RULES.fr, RULES.ny], loyaltyTiers: [], ...over };
}

export function customer(over: Partial<PricingCustomer> = {}): PricingCustomer {
  return { country: 'DE', region: null, taxId: null, company: null, taxExempt: false, isNew: true, tenureMonths: 0, ...over };
}

export function item(over: Partial<PricedItemInput> = {}): PricedItemInput {
  return { key: 'a', planId: 1, groupId: 1, description: 'VPS S', cycle: 'monthly', amountMinor: 1000, setupFeeMinor: 0, options: [], trialDays: 0, ...over };
}

export function coupon(over: Partial<CouponInput> = {}): CouponInput {
  return {
    id: 1,
    code: 'SAVE10',
    type: 'percent',
    percentBp: 1000,
    trialDays: 0,
    duration: 'first_invoice',
    recurringCycles: 0,
    planIds: [],
    groupIds: [],
    cycles: [],
    countries: [],
    startsAt: null,
    endsAt: null,
    maxUses: null,
    maxUsesPerCustomer: null,
    usesCount: 0,
    newCustomersOnly: false,
    stackable: false,
    active: true,
    discountMinor: null,
    minOrderMinor: 0,
    customerRedemptions: 0,
    ...over,
  };
}

export function input(over: Partial<PricingInput> = {}): PricingInput {
  return {
    kind: 'new_order',
    currency: 'EUR',
    minorDigits: 2,
    date: new Date('2026-06-15T12:00:00Z'),
    items: [item()],
    coupons: [],
    customer: customer(),
    settings: settings(),
    ...over,
  };
}

/** A line as [kind, description, quantity, net, tax, couponId]: compact enough for tables of exact expectations. */
export type LineTuple = [PricedLine['kind'], string, number, number, number, number | null];

export function tuples(lines: readonly PricedLine[]): LineTuple[] {
  return lines.map((l) => [l.kind, l.description, l.quantity, l.amountMinor, l.taxMinor, l.couponId]);
}
