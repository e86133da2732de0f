import { MAX_MINOR } from '@/lib/money/parse-money';

/** Hourly rates keep sub-minor precision: minor units with up to this many decimals (plan_prices.rate_precise). */
export const RATE_DECIMALS = 6;

export type RateParse = { ok: true; rate: string | null } | { ok: false; error: string };

/**
 * A precise rate in minor units ("0.523456" cents per hour) → the decimal string stored, normalised to six decimals.
 * Kept as text (not parseDecimal's integer): six decimals on top of MAX_MINOR is past what a number holds exactly.
 */
export function parseRatePrecise(text: string | null | undefined): RateParse {
  const v = (text ?? '').trim();
  if (v === '') return { ok: true, rate: null };
  if (v.startsWith('-')) return { ok: false, error: 'cannot be negative' };
  const m = /^(\d{1,13})(?:\.(\d+))?$/.exec(v);
  if (!m) return { ok: false, error: 'must be a number of minor units like 0.523456' };
  const fraction = m[2] ?? '';
  if (fraction.length > RATE_DECIMALS) return { ok: false, error: `must have at most ${RATE_DECIMALS} decimals` };
  const whole = BigInt(m[1]!);
  if (whole > BigInt(MAX_MINOR) || (whole === BigInt(MAX_MINOR) && /[1-9]/.test(fraction))) return { ok: false, error: 'is too large' };
  return { ok: true, rate: `${whole}.${fraction.padEnd(RATE_DECIMALS, '0')}` };
}
