import type { FrozenTax } from '@/db/schema/storefront/billing';
import { formatScaledDecimal } from '@/lib/money/parse-decimal';
import { decideTax } from '@/lib/tax/decide-tax';
import { taxItemLines, type DraftLine } from './apply-tax';
import { checkCouponEligibility, couponAppliesToItem, isRecurringCoupon } from './coupon-eligibility';
import { multiplyMinor, percentOfMinor } from './rounding';
import { assertValidPricingInput } from './validate-input';
import { summariseTax } from './summarise-tax';
import type { CouponInput, PricedItemInput, PricedItemResult, PricedLine, PricingInput, PricingResult } from './types';

/*
 * Money rules of the pricing engine. Every amount is an integer number of minor units and every product or
 * quotient is computed in BigInt and rounded by a named function of rounding.ts, all "half away from zero":
 *   option line      = amount × quantity                                     (exact, multiplyMinor)
 *   percent discount = round(remaining plan + options × bp / 10 000)         (percentOfMinor)
 *   loyalty discount = round(remaining after coupons × bp / 10 000)          (percentOfMinor)
 *   tax, exclusive   = round(net × rate / 100 000), once per line            (taxOnNet)
 *   tax, inclusive   = round(gross × rate / (100 000 + rate)), once per line (taxInGross); net = gross − tax
 * Discount lines take the negated tax of their absolute amount, held so an item's tax and net never go below zero
 * (clampDiscountTax). Catalog amounts are gross when the storefront's prices include tax: discounts are computed
 * on those amounts first and tax is split out of every line at the end, so the total is exactly what the
 * catalog shows minus the discounts.
 */

export const REVERSE_CHARGE_NOTE =
  'Reverse charge: VAT to be accounted for by the recipient under Article 196 of Council Directive 2006/112/EC.';

interface CouponSelection {
  accepted: CouponInput[];
  rejected: { code: string; reason: string }[];
}

/** Plan + options + (new orders) setup at list price: the minimum-order basis. */
function listPriceOf(item: PricedItemInput, kind: PricingInput['kind']): number {
  const options = item.options.reduce((sum, o) => sum + multiplyMinor(o.amountMinor, o.quantity), 0);
  const setup = item.setupFeeMinor + item.options.reduce((sum, o) => sum + multiplyMinor(o.setupFeeMinor, o.quantity), 0);
  return item.amountMinor + options + (kind === 'new_order' ? setup : 0);
}

/** Eligibility first, then stacking: with a non-stackable coupon among several, the first one given wins. */
function selectCoupons(input: PricingInput): CouponSelection {
  const orderAmountMinor = input.items.reduce((sum, item) => sum + listPriceOf(item, input.kind), 0);
  const ctx = { date: input.date, currency: input.currency, minorDigits: input.minorDigits, customer: input.customer, items: input.items, orderAmountMinor, kind: input.kind };
  const eligible: CouponInput[] = [];
  const rejected: CouponSelection['rejected'] = [];
  for (const coupon of input.coupons) {
    if (eligible.some((c) => c.id === coupon.id)) {
      rejected.push({ code: coupon.code, reason: `Coupon ${coupon.code} is already applied.` });
      continue;
    }
    const verdict = checkCouponEligibility(coupon, ctx);
    if (verdict.ok) eligible.push(coupon);
    else rejected.push({ code: coupon.code, reason: verdict.reason });
  }
  if (eligible.length > 1 && eligible.some((c) => !c.stackable)) {
    for (const c of eligible.slice(1)) rejected.push({ code: c.code, reason: `${c.code} can't be combined with other coupons` });
    return { accepted: eligible.slice(0, 1), rejected };
  }
  return { accepted: eligible, rejected };
}

const dayWord = (n: number) => (n === 1 ? 'day' : 'days');

interface ItemPricing {
  drafts: DraftLine[];
  result: PricedItemResult;
}

function priceItem(item: PricedItemInput, input: PricingInput, coupons: readonly CouponInput[]): ItemPricing {
  const newOrder = input.kind === 'new_order';
  const hourly = item.cycle === 'hourly';
  const applicable = coupons.filter((c) => couponAppliesToItem(c, item));
  const extraTrial = applicable.filter((c) => c.type === 'extra_trial_days').reduce((sum, c) => sum + c.trialDays, 0);
  const trialDays = newOrder && !hourly ? item.trialDays + extraTrial : 0;
  const suffix = hourly ? ' (billed hourly by usage)' : trialDays > 0 ? ` (free trial, ${trialDays} ${dayWord(trialDays)})` : '';
  const charged = (amount: number) => (suffix ? 0 : amount);

  const base = { itemKey: item.key, couponId: null };
  const drafts: DraftLine[] = [
    { ...base, kind: 'plan', description: `${item.description}${suffix}`, quantity: 1, amountMinor: charged(item.amountMinor), pool: 'recurring' },
  ];
  let recurringMinor = item.amountMinor;
  let setupMinor = item.setupFeeMinor;
  for (const o of item.options) {
    const amount = multiplyMinor(o.amountMinor, o.quantity);
    recurringMinor += amount;
    setupMinor += multiplyMinor(o.setupFeeMinor, o.quantity);
    drafts.push({ ...base, kind: 'option', description: `${o.description}${suffix}`, quantity: o.quantity, amountMinor: charged(amount), pool: 'recurring' });
  }
  const setupCharged = newOrder ? setupMinor : 0;
  if (setupCharged > 0) {
    drafts.push({ ...base, kind: 'setup_fee', description: `Setup fee – ${item.description}`, quantity: 1, amountMinor: setupCharged, pool: 'setup' });
  }

  // What the discounts may still take: plan + options as charged on this invoice, and the setup fee.
  let recurringLeft = drafts.filter((d) => d.pool === 'recurring').reduce((sum, d) => sum + d.amountMinor, 0);
  let setupLeft = setupCharged;
  const forItem = input.items.length > 1 ? ` – ${item.description}` : '';
  for (const c of applicable) {
    let off = 0;
    if (c.type === 'percent') off = Math.min(percentOfMinor(recurringLeft, c.percentBp), recurringLeft);
    else if (c.type === 'fixed') off = Math.min(c.discountMinor ?? 0, recurringLeft);
    else if (c.type === 'free_setup') off = setupLeft;
    if (off <= 0) continue;
    const pool = c.type === 'free_setup' ? 'setup' : 'recurring';
    if (pool === 'setup') setupLeft -= off;
    else recurringLeft -= off;
    drafts.push({ ...base, kind: 'discount', couponId: c.id, description: `Coupon ${c.code}${forItem}`, quantity: 1, amountMinor: -off, pool });
  }

  if (!newOrder) {
    const tier = input.settings.loyaltyTiers
      .filter((t) => t.months <= input.customer.tenureMonths)
      .reduce<(typeof input.settings.loyaltyTiers)[number] | null>((best, t) => (!best || t.months > best.months ? t : best), null);
    const off = tier ? Math.min(percentOfMinor(recurringLeft, tier.percentBp), recurringLeft) : 0;
    if (tier && off > 0) {
      recurringLeft -= off;
      const description = `Loyalty discount (${formatScaledDecimal(tier.percentBp, 2)} %)${forItem}`;
      drafts.push({ ...base, kind: 'loyalty', description, quantity: 1, amountMinor: -off, pool: 'recurring' });
    }
  }

  return { drafts, result: { key: item.key, recurringMinor, setupMinor, trialDays, recurringCoupons: newOrder ? carriedCoupons(applicable) : [] } };
}

/** Every percent/fixed coupon that keeps discounting after this invoice, with the cycles it has left. */
function carriedCoupons(applicable: readonly CouponInput[]): PricedItemResult['recurringCoupons'] {
  const out: PricedItemResult['recurringCoupons'] = [];
  for (const c of applicable) {
    if ((c.type !== 'percent' && c.type !== 'fixed') || !isRecurringCoupon(c)) continue;
    if (c.duration === 'lifetime') out.push({ couponId: c.id, cyclesRemaining: null });
    else if (c.recurringCycles - 1 > 0) out.push({ couponId: c.id, cyclesRemaining: c.recurringCycles - 1 });
  }
  return out;
}

/**
 * Prices a new order or a renewal: item lines, coupons, loyalty and tax, with the totals an invoice needs.
 * Pure and deterministic; see the comment at the top of this file for the money rules.
 */
export function priceOrder(input: PricingInput): PricingResult {
  assertValidPricingInput(input);
  const { accepted, rejected } = selectCoupons(input);
  const tax: FrozenTax = input.tax ?? decideTax({ customer: input.customer, settings: input.settings, date: input.date });

  const lines: PricedLine[] = [];
  const items: PricedItemResult[] = [];
  const couponTotals = new Map<number, number>(accepted.map((c) => [c.id, 0]));
  for (const item of input.items) {
    const priced = priceItem(item, input, accepted);
    const taxed = taxItemLines(priced.drafts, tax, input.settings.taxInclusive);
    lines.push(...taxed);
    items.push(priced.result);
    for (const l of taxed) if (l.kind === 'discount' && l.couponId !== null) couponTotals.set(l.couponId, (couponTotals.get(l.couponId) ?? 0) - l.amountMinor);
  }

  const subtotalMinor = lines.reduce((sum, l) => sum + l.amountMinor, 0);
  const taxMinor = lines.reduce((sum, l) => sum + l.taxMinor, 0);
  const discountMinor = lines.filter((l) => l.kind === 'discount' || l.kind === 'loyalty').reduce((sum, l) => sum - l.amountMinor, 0);
  const reverseCharge = tax.basis === 'reverse_charge';
  return {
    currency: input.currency,
    lines,
    taxLines: summariseTax(lines),
    subtotalMinor,
    discountMinor,
    taxMinor,
    totalMinor: subtotalMinor + taxMinor,
    reverseCharge,
    taxNote: reverseCharge ? REVERSE_CHARGE_NOTE : null,
    items,
    appliedCoupons: accepted.map((c) => ({ couponId: c.id, code: c.code, discountMinor: couponTotals.get(c.id) ?? 0 })),
    rejectedCoupons: rejected,
  };
}
