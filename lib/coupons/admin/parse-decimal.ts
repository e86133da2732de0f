/**
 * Decimal text → integer scaled by 10^digits, with string arithmetic only (never a float): "12.5" at 2 digits is
 * 1250, "-3.07" at 2 is -307, "8.875" at 3 is 8875. Returns null for anything that is not a plain decimal or has
 * more fraction digits than `digits` (no silent rounding of money).
 */
export function parseScaledDecimal(text: string, digits: number, opts: { allowNegative?: boolean } = {}): number | null {
  const m = /^([+-]?)(\d{1,15})?(?:\.(\d*))?$/.exec(text.trim());
  if (!m || (m[2] === undefined && !m[3])) return null;
  const [, sign, whole = '0', fraction = ''] = m;
  if (sign === '-' && !opts.allowNegative) return null;
  if (fraction.length > digits) return null;
  const scaled = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
  if (scaled > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const value = Number(scaled);
  return sign === '-' && value !== 0 ? -value : value;
}

/** The inverse for display and form defaults: 1250 at 2 digits → "12.5", 8875 at 3 → "8.875", 500 at 2 → "5". */
export function formatScaledDecimal(value: number, digits: number, opts: { keepZeros?: boolean } = {}): string {
  const negative = value < 0;
  const abs = String(Math.abs(value)).padStart(digits + 1, '0');
  const whole = digits > 0 ? abs.slice(0, -digits) : abs;
  let fraction = digits > 0 ? abs.slice(-digits) : '';
  if (!opts.keepZeros) fraction = fraction.replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
