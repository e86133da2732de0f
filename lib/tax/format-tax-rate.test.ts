import { describe, expect, it } from 'vitest';
import { formatTaxRate, taxTotalLabel } from './format-tax-rate';

describe('formatTaxRate', () => {
  it('shows milli-percent without trailing zeros', () => {
    expect(formatTaxRate(19_000)).toBe('19 %');
    expect(formatTaxRate(8_875)).toBe('8.875 %');
    expect(formatTaxRate(5_500)).toBe('5.5 %');
    expect(formatTaxRate(0)).toBe('0 %');
    expect(formatTaxRate(100_000)).toBe('100 %');
  });
  it('labels standard totals with their rate and others by name', () => {
    expect(taxTotalLabel({ name: 'VAT', rateMilliPercent: 21_000, basis: 'standard' })).toBe('VAT 21 %');
    expect(taxTotalLabel({ name: 'VAT reverse charge', rateMilliPercent: 0, basis: 'reverse_charge' })).toBe('VAT reverse charge');
  });
});
