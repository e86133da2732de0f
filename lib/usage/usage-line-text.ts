import { formatMoney } from '@/lib/money/format';
import { PRICE_SCALE, showQuantity, showUnitPrice } from './decimal';
import type { UsageMeter } from './meter';

/**
 * A unit price in minor units shown in the currency with the digits it needs: 15 → €0.15, 0.4 → €0.004. The decimal
 * text is shifted, never parsed into a float; a price too long for that is shown as minor units.
 */
export function formatUnitPrice(unitPriceMinor: bigint, currency: string, minorDigits: number): string {
  const [whole, fraction = ''] = showUnitPrice(unitPriceMinor).split('.');
  const scaled = BigInt(`${whole}${fraction}`);
  if (scaled > BigInt(Number.MAX_SAFE_INTEGER) || fraction.length > PRICE_SCALE) return `${showUnitPrice(unitPriceMinor)} ${currency} minor units`;
  return formatMoney(Number(scaled), currency, 'en-US', minorDigits + fraction.length);
}

const human = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * "Desktop time: 7.25 hours × €0.15 per hour (12.25 used, 5 included) – Dev desktop"; usage billed after its period
 * closed starts "Late usage 10 Feb 2026 – 9 Mar 2026:" and carries only what it adds.
 */
export function usageLineDescription(opts: {
  meter: UsageMeter;
  serviceLabel: string;
  charged: bigint;
  quantity: bigint;
  included: bigint;
  unitPriceMinor: bigint;
  currency: string;
  /** The currency's currencies.minorDigits. */
  minorDigits: number;
  late: { periodStart: string; lastDay: string } | null;
}): string {
  const { meter, charged, quantity, included } = opts;
  const count = showQuantity(charged);
  const head = opts.late ? `Late usage ${human(opts.late.periodStart)} – ${human(opts.late.lastDay)}: ${meter.label}` : meter.label;
  const allowance = included > 0n && !opts.late ? ` (${showQuantity(quantity)} used, ${showQuantity(included)} included)` : '';
  // The service label last: a long one is what gets cut at the column's 255 characters.
  return `${head}: ${count} ${count === '1' ? meter.unit.one : meter.unit.many} × ${formatUnitPrice(opts.unitPriceMinor, opts.currency, opts.minorDigits)} per ${meter.unit.one}${allowance} – ${opts.serviceLabel}`;
}
