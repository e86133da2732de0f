import { describe, expect, it } from 'vitest';
import { EU_COUNTRIES, isEuCountry, vatPrefixOf } from './eu';
import { isValidVatNumberFormat, normaliseVatNumber, toPrefixedVatNumber } from './vat-number';

describe('EU members', () => {
  it('lists the 27 member states, Greece as GR with VAT prefix EL', () => {
    expect(EU_COUNTRIES).toHaveLength(27);
    expect(isEuCountry('gr')).toBe(true);
    expect(isEuCountry('EL')).toBe(true);
    expect(isEuCountry('GB')).toBe(false);
    expect(isEuCountry('CH')).toBe(false);
    expect(vatPrefixOf('GR')).toBe('EL');
    expect(vatPrefixOf('de')).toBe('DE');
  });
});

describe('VAT numbers', () => {
  it('normalises separators and case', () => {
    expect(normaliseVatNumber(' de 123.456-789 ')).toBe('DE123456789');
    expect(normaliseVatNumber('nl 1234.56.789.b01')).toBe('NL123456789B01');
  });

  it.each([
    ['AT', 'ATU12345678', 'AT12345678'],
    ['BE', 'BE0123456789', 'BE2123456789'],
    ['BG', 'BG1234567890', 'BG12345678'],
    ['CY', 'CY12345678X', 'CY123456789'],
    ['CZ', 'CZ12345678', 'CZ1234567'],
    ['DE', 'DE123456789', 'DE12345678'],
    ['DK', 'DK12345678', 'DK1234567'],
    ['EE', 'EE123456789', 'EE12345678'],
    ['GR', 'EL123456789', 'GR123456789'],
    ['ES', 'ESX1234567X', 'ES123456789'],
    ['FI', 'FI12345678', 'FI123456789'],
    ['FR', 'FRAB123456789', 'FR12345678'],
    ['HR', 'HR12345678901', 'HR1234567890'],
    ['HU', 'HU12345678', 'HU123456789'],
    ['IE', 'IE1234567WA', 'IE12345678'],
    ['IT', 'IT12345678901', 'IT1234567890'],
    ['LT', 'LT123456789012', 'LT1234567890'],
    ['LU', 'LU12345678', 'LU1234567'],
    ['LV', 'LV12345678901', 'LV1234567890'],
    ['MT', 'MT12345678', 'MT1234567'],
    ['NL', 'NL123456789B01', 'NL123456789A01'],
    ['PL', 'PL1234567890', 'PL123456789'],
    ['PT', 'PT123456789', 'PT12345678'],
    ['RO', 'RO1234567890', 'RO0123'],
    ['SE', 'SE123456789001', 'SE123456789012'],
    ['SI', 'SI12345678', 'SI02345678'],
    ['SK', 'SK1234567890', 'SK0234567890'],
  ])('%s: %s valid, %s not', (country, valid, invalid) => {
    expect(isValidVatNumberFormat(country, valid)).toBe(true);
    expect(isValidVatNumberFormat(country, invalid)).toBe(false);
  });

  it('requires the prefix of the country given, and an EU country', () => {
    expect(isValidVatNumberFormat('AT', 'DE123456789')).toBe(false);
    expect(isValidVatNumberFormat('DE', '123456789')).toBe(false);
    expect(isValidVatNumberFormat('de', 'de 123 456 789')).toBe(true);
    expect(isValidVatNumberFormat('GB', 'GB123456789')).toBe(false);
  });

  it('adds a missing prefix to a customer tax id', () => {
    expect(toPrefixedVatNumber('DE', '123 456 789')).toBe('DE123456789');
    expect(toPrefixedVatNumber('AT', 'U12345678')).toBe('ATU12345678');
    expect(toPrefixedVatNumber('GR', 'EL123456789')).toBe('EL123456789');
    expect(toPrefixedVatNumber('FR', 'DE123456789')).toBe('DE123456789');
    expect(toPrefixedVatNumber('FR', 'AB123456789')).toBe('FRAB123456789');
    expect(toPrefixedVatNumber('US', '12-3456789')).toBeNull();
  });
});
