import { formatScaledDecimal, parseDecimal } from './parse-decimal';

/**
 * Money typed by staff or customers ("12.50") → integer minor units. Amounts are capped at MAX_MINOR minor units so
 * every value stays an exact JavaScript integer and fits bigint columns.
 */
export const MAX_MINOR = 1_000_000_000_000;

export type MoneyParse = { ok: true; minor: number | null } | { ok: false; error: string };

/** Blank → null (no price). Rejects signs, letters, exponents, grouping separators and too many decimals. */
export function parseMoney(text: string | null | undefined, minorDigits: number): MoneyParse {
  const v = (text ?? '').trim();
  if (v === '') return { ok: true, minor: null };
  const parsed = parseDecimal(v, minorDigits, { plain: true, max: MAX_MINOR });
  if (parsed.ok) return { ok: true, minor: parsed.value };
  switch (parsed.reason) {
    case 'negative':
      return { ok: false, error: 'cannot be negative' };
    case 'decimals':
      return { ok: false, error: minorDigits === 0 ? 'must be a whole amount in this currency' : `must have at most ${minorDigits} decimals` };
    case 'too_large':
      return { ok: false, error: 'is too large' };
    case 'format':
      return { ok: false, error: 'must be an amount like 12.50' };
  }
}

/** Minor units → the plain decimal string the inputs show ("12.50"), the inverse of parseMoney. */
export function minorToInput(minor: number, minorDigits: number): string {
  return formatScaledDecimal(minor, minorDigits, { keepZeros: true });
}
