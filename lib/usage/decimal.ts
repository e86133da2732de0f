// Fixed-point decimals as BigInt: a quantity is an integer count of millionths, a unit price an integer count of
// 10^-10 minor units. Text goes in and out with string operations only, so no float ever holds a value; the
// database keeps the same numbers in DECIMAL columns, read and written as strings.

/** Decimals of a quantity (DECIMAL(24,6)). */
export const QUANTITY_SCALE = 6;
/** Decimals of a unit price in minor units (DECIMAL(24,10)). */
export const PRICE_SCALE = 10;

/** Whole digits the columns hold: DECIMAL(24,6) has 18, DECIMAL(24,10) has 14. */
const MAX_WHOLE_DIGITS: Record<number, number> = { [QUANTITY_SCALE]: 18, [PRICE_SCALE]: 14 };

export type FixedParse = { ok: true; value: bigint } | { ok: false; reason: 'format' | 'negative' | 'decimals' | 'too_large' };

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * "7.25" at scale 6 → 7 250 000n. Plain decimal text only (no exponent, sign, spaces or bare point): what the
 * CLI, workers and DECIMAL columns give. More fraction digits than the scale is refused, never rounded; trailing
 * zeros beyond it ("1.5000000") are fine, as MariaDB prints them.
 */
export function parseFixed(text: string, scale: number): FixedParse {
  const m = DECIMAL.exec(text);
  if (!m) return { ok: false, reason: 'format' };
  const [, sign, whole, rawFraction = ''] = m;
  if (sign && /[1-9]/.test(`${whole}${rawFraction}`)) return { ok: false, reason: 'negative' };
  const fraction = rawFraction.length > scale ? rawFraction.replace(/0+$/, '') : rawFraction;
  if (fraction.length > scale) return { ok: false, reason: 'decimals' };
  const digits = whole!.replace(/^0+(?=\d)/, '');
  if (digits.length > (MAX_WHOLE_DIGITS[scale] ?? 18)) return { ok: false, reason: 'too_large' };
  return { ok: true, value: BigInt(digits) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0') || '0') };
}

/** parseFixed for values our own code or database wrote: a bad one is a bug, not input. */
export function fixed(text: string, scale: number): bigint {
  const parsed = parseFixed(text, scale);
  if (!parsed.ok) throw new RangeError(`not a non-negative decimal with at most ${scale} decimals: ${text}`);
  return parsed.value;
}

/** 7 250 000n at scale 6 → "7.25" (or "7.250000" with `pad`, the form written to DECIMAL columns). */
export function formatFixed(value: bigint, scale: number, opts: { pad?: boolean } = {}): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  let fraction = digits.slice(digits.length - scale);
  if (!opts.pad) fraction = fraction.replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

export const parseQuantity = (text: string) => fixed(text, QUANTITY_SCALE);
export const parseUnitPrice = (text: string) => fixed(text, PRICE_SCALE);
/** A quantity as a DECIMAL(24,6) column takes it. */
export const quantityText = (value: bigint) => formatFixed(value, QUANTITY_SCALE, { pad: true });
/** A quantity as people read it: "7.25". */
export const showQuantity = (value: bigint) => formatFixed(value, QUANTITY_SCALE);
export const unitPriceText = (value: bigint) => formatFixed(value, PRICE_SCALE, { pad: true });
export const showUnitPrice = (value: bigint) => formatFixed(value, PRICE_SCALE);

export const maxOf = (a: bigint, b: bigint) => (a > b ? a : b);
