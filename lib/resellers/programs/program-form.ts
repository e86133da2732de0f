import { parseMoney } from '@/lib/money/parse-money';
import type { SaveProgramInput } from '../schemas';
import type { ProgramView } from './list-reseller-programs';

export interface FeeCurrency {
  code: string;
  minorDigits: number;
}

/**
 * The currencies a program's form offers: the platform storefront's enabled ones, plus any the program already
 * has a fee in (a currency the platform stopped selling stays editable, and is only removed when cleared).
 */
export function feeCurrencies<C extends FeeCurrency>(platform: readonly C[], view: Pick<ProgramView, 'fees'> | undefined, digitsOf: (code: string) => number): (C | (FeeCurrency & { name: string }))[] {
  const extra = (view?.fees ?? []).filter((f) => !platform.some((c) => c.code === f.currency)).map((f) => ({ code: f.currency, name: f.currency, minorDigits: digitsOf(f.currency) }));
  return [...platform, ...extra];
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
