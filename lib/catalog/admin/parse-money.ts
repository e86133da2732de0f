/**
 * Money typed by staff ("12.50") → integer minor units, by string arithmetic only: a float never holds the amount.
 * Amounts are capped at MAX_MINOR minor units so every value stays an exact JavaScript integer and fits bigint columns.
 */
export const MAX_MINOR = 1_000_000_000_000;

/** Hourly rates keep sub-minor precision: minor units with up to this many decimals (plan_prices.rate_precise). */
export const RATE_DECIMALS = 6;

export type MoneyParse = { ok: true; minor: number | null } | { ok: false; error: string };

/** Blank → null (no price). Rejects signs, letters, exponents, grouping separators and too many decimals. */
export function parseMoney(text: string | null | undefined, minorDigits: number): MoneyParse {
  const v = (text ?? '').trim();
  if (v === '') return { ok: true, minor: null };
  if (v.startsWith('-')) return { ok: false, error: 'cannot be negative' };
  const m = /^(\d{1,16})(?:\.(\d+))?$/.exec(v);
  if (!m) return { ok: false, error: 'must be an amount like 12.50' };
  const whole = m[1]!;
  const fraction = m[2] ?? '';
  if (fraction.length > minorDigits) {
    return { ok: false, error: minorDigits === 0 ? 'must be a whole amount in this currency' : `must have at most ${minorDigits} decimals` };
  }
  const minor = BigInt(whole) * 10n ** BigInt(minorDigits) + BigInt(fraction.padEnd(minorDigits, '0') || '0');
  if (minor > BigInt(MAX_MINOR)) return { ok: false, error: 'is too large' };
  return { ok: true, minor: Number(minor) };
}

export type RateParse = { ok: true; rate: string | null } | { ok: false; error: string };

/** A precise rate in minor units ("0.523456" cents per hour) → the decimal string stored, normalised to six decimals. */
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

/** Minor units → the plain decimal string the inputs show ("12.50"), the inverse of parseMoney. */
export function minorToInput(minor: number, minorDigits: number): string {
  const s = BigInt(minor).toString();
  const negative = s.startsWith('-');
  const digits = (negative ? s.slice(1) : s).padStart(minorDigits + 1, '0');
  const whole = digits.slice(0, digits.length - minorDigits);
  const fraction = minorDigits > 0 ? `.${digits.slice(digits.length - minorDigits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}
