import { describe, expect, it } from 'vitest';
import { parseCartForm } from './parse-cart-form';

function form(entries: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.append(k, v);
  return f;
}

describe('parseCartForm', () => {
  it('reads plan, cycle, options and fields, ignoring anything price-like', () => {
    const r = parseCartForm(form({ planSlug: 'vps-pro', cycle: 'annual', currency: 'eur', locationId: '3', opt_7: '21', qty_8: '2', yes_9: 'on', field_hostname: 'a.example.com', price: '1', total: '0' }));
    expect(r).toEqual({
      ok: true,
      currency: 'EUR',
      item: {
        planSlug: 'vps-pro',
        cycle: 'annual',
        locationId: 3,
        options: [
          { optionId: 7, valueId: 21, quantity: 1 },
          { optionId: 8, valueId: null, quantity: 2 },
          { optionId: 9, valueId: null, quantity: 1 },
        ],
        fields: { hostname: 'a.example.com' },
      },
    });
  });
  it('rejects malformed input', () => {
    expect(parseCartForm(form({ planSlug: 'x', cycle: 'weekly', currency: 'USD' })).ok).toBe(false);
    expect(parseCartForm(form({ planSlug: 'x', cycle: 'monthly', currency: 'USD', qty_1: '-1' })).ok).toBe(false);
    expect(parseCartForm(form({ planSlug: '../etc', cycle: 'monthly', currency: 'USD' })).ok).toBe(false);
  });
});
