import { describe, expect, it } from 'vitest';
import { customer, RULES, settings } from '@/lib/pricing/test-fixtures';
import { decideTax, findTaxRule } from './decide-tax';

const rules = [RULES.de, RULES.fr, RULES.ny, RULES.usDefault];
const decide = (c: Parameters<typeof customer>[0]) => decideTax({ customer: customer(c), settings: settings({ taxRules: rules }) });

describe('decideTax (seller in Germany)', () => {
  it('domestic consumer pays the domestic rate', () => {
    expect(decide({})).toEqual({ ruleId: 1, name: 'VAT 19 %', country: 'DE', region: '', rateMilliPercent: 19_000, basis: 'standard' });
  });

  it('consumer in another member state pays their own rate (OSS)', () => {
    expect(decide({ country: 'FR' })).toMatchObject({ ruleId: 2, rateMilliPercent: 20_000, basis: 'standard' });
  });

  it('business in another member state with a well-formed VAT number: reverse charge', () => {
    expect(decide({ country: 'FR', company: 'Acme SARL', taxId: 'FR AB 123456789' })).toEqual({
      ruleId: null,
      name: 'VAT reverse charge',
      country: 'FR',
      region: '',
      rateMilliPercent: 0,
      basis: 'reverse_charge',
    });
    expect(decide({ country: 'AT', company: 'Acme GmbH', taxId: 'U12345678' }).basis).toBe('reverse_charge');
    expect(decide({ country: 'GR', company: 'Acme AE', taxId: 'EL123456789' }).basis).toBe('reverse_charge');
  });

  it('no reverse charge without a company, with a malformed number, or for a business at home', () => {
    expect(decide({ country: 'FR', taxId: 'FRAB123456789' })).toMatchObject({ basis: 'standard', rateMilliPercent: 20_000 });
    expect(decide({ country: 'FR', company: 'Acme SARL', taxId: 'FR123' })).toMatchObject({ basis: 'standard', rateMilliPercent: 20_000 });
    expect(decide({ country: 'FR', company: 'Acme SARL', taxId: 'DE123456789' })).toMatchObject({ basis: 'standard' });
    expect(decide({ company: 'Muster GmbH', taxId: 'DE123456789' })).toMatchObject({ basis: 'standard', ruleId: 1, rateMilliPercent: 19_000 });
  });

  it('with VIES checks on, reverse charge needs a confirmed standing: rejected or never checked pays VAT', () => {
    const business = { country: 'FR', company: 'Acme SARL', taxId: 'FRAB123456789' };
    const vies = settings({ taxRules: rules, viesEnabled: true });
    const basis = (vatStanding?: 'confirmed' | 'rejected' | 'unchecked') => decideTax({ customer: customer({ ...business, ...(vatStanding ? { vatStanding } : {}) }), settings: vies }).basis;
    expect(basis('confirmed')).toBe('reverse_charge');
    expect(basis('rejected')).toBe('standard');
    expect(basis('unchecked')).toBe('standard');
    expect(basis()).toBe('standard');
    // Off: the format decides, whatever a stale standing says.
    expect(decideTax({ customer: customer({ ...business, vatStanding: 'rejected' }), settings: settings({ taxRules: rules }) }).basis).toBe('reverse_charge');
    // A confirmed standing never makes a malformed number or a domestic business reverse charged.
    expect(decideTax({ customer: customer({ ...business, taxId: 'FR123', vatStanding: 'confirmed' }), settings: vies }).basis).toBe('standard');
    expect(decideTax({ customer: customer({ company: 'Muster GmbH', taxId: 'DE123456789', vatStanding: 'confirmed' }), settings: vies }).basis).toBe('standard');
  });

  it('no reverse charge when the seller is outside the EU', () => {
    const tax = decideTax({ customer: customer({ country: 'FR', company: 'Acme', taxId: 'FRAB123456789' }), settings: settings({ sellerCountry: 'US', taxRules: rules }) });
    expect(tax.basis).toBe('standard');
  });

  it('customer outside the EU without a rule: no tax', () => {
    expect(decide({ country: 'CH', region: 'ZH' })).toEqual({ ruleId: null, name: 'No tax', country: 'CH', region: 'ZH', rateMilliPercent: 0, basis: 'none' });
  });

  it('US state rule beats the country-wide rule, matched case-insensitively', () => {
    expect(decide({ country: 'us', region: 'ny' })).toMatchObject({ ruleId: 3, name: 'NY sales tax', country: 'US', region: 'NY', rateMilliPercent: 8_875 });
    expect(decide({ country: 'US', region: 'TX' })).toMatchObject({ ruleId: 4, region: '', rateMilliPercent: 0, basis: 'standard' });
    expect(findTaxRule([RULES.ny], 'US', 'CA')).toBeNull();
  });

  it('tax-exempt customer pays none, even as an EU business', () => {
    expect(decide({ taxExempt: true, country: 'FR', company: 'Acme', taxId: 'FRAB123456789' })).toEqual({
      ruleId: null,
      name: 'Tax exempt',
      country: 'FR',
      region: '',
      rateMilliPercent: 0,
      basis: 'exempt',
    });
  });
});
