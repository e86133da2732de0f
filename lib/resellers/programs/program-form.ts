import { parseMoney } from '@/lib/money/parse-money';
import type { SaveProgramInput } from '../schemas';

export interface FeeCurrency {
  code: string;
  minorDigits: number;
}

/**
 * The program form's typed fields as the domain's input: one "fee_<CUR>" amount per offered currency ("29.00",
 * blank = not offered in it), parsed by the one money parser. Bad amounts come back as field errors by field name.
 */
export function readProgramForm(
  fields: { slug: string; name: string; active: boolean; unpaidDaysBeforeSuspension: string; fees: Record<string, string> },
  currencies: readonly FeeCurrency[],
): { ok: true; input: SaveProgramInput } | { ok: false; fieldErrors: Record<string, string[]> } {
  const fees: SaveProgramInput['fees'] = [];
  const fieldErrors: Record<string, string[]> = {};
  for (const c of currencies) {
    const parsed = parseMoney(fields.fees[c.code], c.minorDigits);
    if (!parsed.ok) fieldErrors[`fee_${c.code}`] = [parsed.error];
    else if (parsed.minor !== null) fees.push({ currency: c.code, monthlyFeeMinor: parsed.minor });
  }
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  return { ok: true, input: { slug: fields.slug, name: fields.name, active: fields.active, unpaidDaysBeforeSuspension: fields.unpaidDaysBeforeSuspension, fees } };
}
