import { z } from 'zod';
import { currencySchema } from '@/lib/customers/schemas';
import { cartItemSchema, type CartItem } from './schemas';

/**
 * Reads the order form: `opt_<optionId>` = chosen value id (dropdown, radio), `qty_<optionId>` = quantity,
 * `yes_<optionId>` present = a ticked yes/no option, `field_<name>` = an order field such as the hostname.
 */
export function parseCartForm(data: FormData): { ok: true; item: CartItem; currency: string } | { ok: false; error: z.ZodError } {
  const options: { optionId: string; valueId: string | null; quantity: string }[] = [];
  const fields: Record<string, string> = {};
  for (const [name, value] of data.entries()) {
    if (typeof value !== 'string') continue;
    const m = /^(opt|qty|yes)_(\d{1,15})$/.exec(name);
    if (m) {
      const [, kind, id] = m as unknown as [string, 'opt' | 'qty' | 'yes', string];
      if (kind === 'opt' && value !== '') options.push({ optionId: id, valueId: value, quantity: '1' });
      if (kind === 'qty' && value !== '') options.push({ optionId: id, valueId: null, quantity: value });
      if (kind === 'yes') options.push({ optionId: id, valueId: null, quantity: '1' });
      continue;
    }
    const f = /^field_([a-zA-Z]{1,40})$/.exec(name);
    if (f) fields[f[1]!] = value;
  }
  const location = data.get('locationId');
  const parsed = z
    .object({ item: cartItemSchema, currency: currencySchema })
    .safeParse({
      item: {
        planSlug: data.get('planSlug') ?? '',
        cycle: data.get('cycle') ?? '',
        locationId: typeof location === 'string' && location !== '' ? location : null,
        options,
        fields,
      },
      currency: data.get('currency') ?? '',
    });
  return parsed.success ? { ok: true, item: parsed.data.item, currency: parsed.data.currency } : { ok: false, error: parsed.error };
}
