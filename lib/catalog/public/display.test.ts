import { describe, expect, it } from 'vitest';
import { choosePrice, formatPrice, offeredCycles, orderPath } from './display';
import { resolveCatalogSelection } from './schemas';

const currencies = [
  { code: 'USD', name: 'US dollar', minorDigits: 2, locale: 'en-US', isDefault: true },
  { code: 'EUR', name: 'Euro', minorDigits: 2, locale: 'de-DE', isDefault: false },
];

describe('public catalog display', () => {
  it('falls back from the requested cycle to monthly, then to the plan’s only cycle', () => {
    const vps = [{ cycle: 'annual' as const }, { cycle: 'monthly' as const }];
    expect(choosePrice(vps, 'annual')?.cycle).toBe('annual');
    expect(choosePrice(vps, 'quarterly')?.cycle).toBe('monthly');
    expect(choosePrice([{ cycle: 'hourly' as const }], 'annual')?.cycle).toBe('hourly');
    expect(choosePrice([{ cycle: 'hourly' as const }, { cycle: 'one_time' as const }], 'annual')?.cycle).toBe('one_time');
    expect(choosePrice([], 'monthly')).toBeUndefined();
  });

  it('lists the offered cycles shortest first', () => {
    expect(offeredCycles([{ prices: [{ cycle: 'annual' }, { cycle: 'monthly' }] }, { prices: [{ cycle: 'hourly' }, { cycle: 'quarterly' }] }])).toEqual([
      'monthly',
      'quarterly',
      'annual',
      'hourly',
    ]);
  });

  it('validates the query and falls back to the default currency and monthly', () => {
    expect(resolveCatalogSelection({ currency: 'eur', cycle: 'annual' }, currencies)).toMatchObject({ currency: { code: 'EUR' }, cycle: 'annual' });
    expect(resolveCatalogSelection({ currency: 'JPY', cycle: 'weekly' }, currencies)).toMatchObject({ currency: { code: 'USD' }, cycle: 'monthly' });
    expect(resolveCatalogSelection({ currency: ['EUR', 'GBP'], cycle: '<script>' }, currencies)).toMatchObject({ currency: { code: 'USD' }, cycle: 'monthly' });
    expect(resolveCatalogSelection({}, [])).toBeNull();
  });

  it('builds the order path with encoded parameters', () => {
    expect(orderPath('vps-starter', 'quarterly', 'EUR')).toBe('/order/vps-starter?cycle=quarterly&currency=EUR');
  });

  it('formats prices in the currency’s locale, keeping sub-minor hourly rates', () => {
    const gbp = { code: 'GBP', locale: 'en-GB', minorDigits: 2 };
    expect(formatPrice({ amountMinor: 600, ratePrecise: null }, currencies[0]!)).toBe('$6.00');
    expect(formatPrice({ amountMinor: 15, ratePrecise: '15.000000' }, currencies[0]!)).toBe('$0.15');
    expect(formatPrice({ amountMinor: 13, ratePrecise: '12.500000' }, gbp)).toBe('£0.125');
    expect(formatPrice({ amountMinor: 1100 }, currencies[1]!)).toBe('11,00\u00a0€');
  });
});
