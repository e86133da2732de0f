import type { PricingInput } from './types';

function check(ok: boolean, what: string): void {
  if (!ok) throw new RangeError(`priceOrder: ${what}`);
}

const count = (n: number) => Number.isSafeInteger(n) && n >= 0;
const bp = (n: number) => Number.isSafeInteger(n) && n >= 0 && n <= 10_000;

/**
 * The engine's preconditions: money, quantities and days are non-negative safe integers and percentages lie in
 * 0–100 %. Callers build the input from validated rows, so a violation is a programming error and throws.
 */
export function assertValidPricingInput(input: PricingInput): void {
  for (const item of input.items) {
    check(count(item.amountMinor) && count(item.setupFeeMinor), `item ${item.key} amounts must be non-negative integers`);
    check(count(item.trialDays), `item ${item.key} trialDays must be a non-negative integer`);
    for (const o of item.options) {
      check(count(o.amountMinor) && count(o.setupFeeMinor) && count(o.quantity), `item ${item.key} option ${o.optionId} must be non-negative integers`);
    }
  }
  for (const c of input.coupons) {
    check(bp(c.percentBp), `coupon ${c.code} percentBp must be 0–10000`);
    check(count(c.trialDays) && count(c.minOrderMinor) && count(c.recurringCycles), `coupon ${c.code} counts must be non-negative integers`);
    check(c.discountMinor === null || count(c.discountMinor), `coupon ${c.code} discountMinor must be a non-negative integer`);
  }
  for (const t of input.settings.loyaltyTiers) check(count(t.months) && bp(t.percentBp), 'loyalty tiers must have whole months and 0–10000 bp');
  for (const r of input.settings.taxRules) check(count(r.rateMilliPercent), `tax rule ${r.id} rate must be a non-negative integer`);
}
