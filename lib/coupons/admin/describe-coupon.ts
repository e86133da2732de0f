import type { Coupon } from '@/db/schema/storefront';
import { formatMoney } from '@/lib/money/format';
import { formatScaledDecimal } from '@/lib/money/parse-decimal';
import type { CouponAmountRow } from './save-coupon';

const TYPE_LABELS: Record<Coupon['type'], string> = {
  percent: 'Percent off',
  fixed: 'Fixed amount off',
  free_setup: 'Free setup',
  extra_trial_days: 'Extra trial days',
};

export function couponTypeLabel(type: Coupon['type']): string {
  return TYPE_LABELS[type];
}

/** "12.5 %", "€5.00 / $6.00", "Free setup", "+14 trial days". */
export function couponValueLabel(c: Pick<Coupon, 'type' | 'percentBp' | 'trialDays'>, amounts: CouponAmountRow[], digitsOf: (currency: string) => number): string {
  switch (c.type) {
    case 'percent':
      return `${formatScaledDecimal(c.percentBp, 2)} %`;
    case 'fixed':
      return (
        amounts
          .filter((a) => a.discountMinor > 0)
          .map((a) => formatMoney(a.discountMinor, a.currency, 'en-US', digitsOf(a.currency)))
          .join(' / ') || '—'
      );
    case 'free_setup':
      return 'Free setup';
    case 'extra_trial_days':
      return `+${c.trialDays} trial days`;
  }
}

export function couponDurationLabel(c: Pick<Coupon, 'duration' | 'recurringCycles'>): string {
  if (c.duration === 'first_invoice') return 'First invoice';
  if (c.duration === 'lifetime') return 'Lifetime';
  return `${c.recurringCycles} cycle${c.recurringCycles === 1 ? '' : 's'}`;
}

/** The form's text values for an existing coupon (dates as the UTC day they start / end on). */
export function couponFormDefaults(c: Coupon, amounts: CouponAmountRow[], digitsOf: (currency: string) => number): Record<string, string> {
  const out: Record<string, string> = {
    code: c.code,
    description: c.description ?? '',
    percent: c.type === 'percent' ? formatScaledDecimal(c.percentBp, 2) : '',
    trialDays: c.trialDays ? String(c.trialDays) : '',
    recurringCycles: c.recurringCycles ? String(c.recurringCycles) : '',
    countries: c.countries.join(', '),
    startsOn: c.startsAt?.toISOString().slice(0, 10) ?? '',
    endsOn: c.endsAt?.toISOString().slice(0, 10) ?? '',
    maxUses: c.maxUses === null ? '' : String(c.maxUses),
    maxUsesPerCustomer: c.maxUsesPerCustomer === null ? '' : String(c.maxUsesPerCustomer),
  };
  for (const a of amounts) {
    const d = digitsOf(a.currency);
    if (a.discountMinor) out[`discount_${a.currency}`] = formatScaledDecimal(a.discountMinor, d, { keepZeros: true });
    if (a.minOrderMinor) out[`minOrder_${a.currency}`] = formatScaledDecimal(a.minOrderMinor, d, { keepZeros: true });
  }
  return out;
}
