/**
 * Decimal text → an integer scaled by 10^digits, with string and BigInt arithmetic only (a float never holds the
 * value): "12.5" at 2 digits is 1250, "-3.07" at 2 is -307, "8.875" at 3 is 8875. More fraction digits than
 * `digits` is refused, never rounded. Every typed amount, rate and percentage goes through here.
 */
export type DecimalParse = { ok: true; value: number } | { ok: false; reason: 'format' | 'negative' | 'decimals' | 'too_large' };

export interface DecimalOptions {
  /** Accept a leading minus (credit adjustments); otherwise it is refused as `negative`. */
  allowNegative?: boolean;
  /** Only "12" or "12.50": no plus sign, no bare leading or trailing point. Money inputs take this form. */
  plain?: boolean;
  /** The largest scaled value accepted; the default keeps every value an exact JavaScript integer. */
  max?: number;
}

// At most 30 whole digits, so BigInt never works on an absurdly long input; anything that long is too large anyway.
const LOOSE = /^([+-]?)(\d{0,30})(?:\.(\d*))?$/;
const PLAIN = /^(-?)(\d{1,30})(?:\.(\d+))?$/;

export function parseDecimal(text: string, digits: number, opts: DecimalOptions = {}): DecimalParse {
  const m = (opts.plain ? PLAIN : LOOSE).exec(text.trim());
  if (!m || (!m[2] && !m[3])) return { ok: false, reason: 'format' };
  const [, sign, whole, fraction = ''] = m;
  if (sign === '-' && !opts.allowNegative) return { ok: false, reason: 'negative' };
  if (fraction.length > digits) return { ok: false, reason: 'decimals' };
  const scaled = BigInt(whole || '0') * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
  if (scaled > BigInt(opts.max ?? Number.MAX_SAFE_INTEGER)) return { ok: false, reason: 'too_large' };
  const value = Number(scaled);
  return { ok: true, value: sign === '-' && value !== 0 ? -value : value };
}

/** parseDecimal for callers that only need the value: null for anything it refuses. */
export function parseScaledDecimal(text: string, digits: number, opts: { allowNegative?: boolean } = {}): number | null {
  const parsed = parseDecimal(text, digits, opts);
  return parsed.ok ? parsed.value : null;
}

/** The inverse for display and form defaults: 1250 at 2 digits → "12.5" ("12.50" with keepZeros), 8875 at 3 → "8.875". */
export function formatScaledDecimal(value: number, digits: number, opts: { keepZeros?: boolean } = {}): string {
  // BigInt refuses a fraction of a unit (a bug upstream) instead of printing nonsense.
  const s = BigInt(value).toString();
  const negative = s.startsWith('-');
  const abs = (negative ? s.slice(1) : s).padStart(digits + 1, '0');
  const whole = digits > 0 ? abs.slice(0, -digits) : abs;
  let fraction = digits > 0 ? abs.slice(-digits) : '';
  if (!opts.keepZeros) fraction = fraction.replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
