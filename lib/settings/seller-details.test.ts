import { describe, expect, it } from 'vitest';
import { DEFAULT_COMMERCE_SETTINGS, type CommerceSettings } from './commerce-settings';
import { missingSellerDetails } from './seller-details';

const all = new Set<keyof CommerceSettings>(['sellerName', 'sellerCountry']);
const complete: CommerceSettings = { ...DEFAULT_COMMERCE_SETTINGS, sellerName: 'Alpha Hosting GmbH', sellerCountry: 'DE', sellerAddressLines: ['Hauptstr. 1', '10115 Berlin'], sellerTaxId: 'DE123456789' };

describe('missingSellerDetails', () => {
  it('lists everything for a storefront that kept the defaults', () => {
    expect(missingSellerDetails(DEFAULT_COMMERCE_SETTINGS, new Set())).toEqual(['legal name', 'address', 'country']);
  });

  it('asks for the VAT number only of a seller in the EU', () => {
    expect(missingSellerDetails({ ...complete, sellerTaxId: null }, all)).toEqual(['VAT number']);
    expect(missingSellerDetails({ ...complete, sellerTaxId: '  ' }, all)).toEqual(['VAT number']);
    expect(missingSellerDetails({ ...complete, sellerCountry: 'US', sellerTaxId: null }, all)).toEqual([]);
  });

  it('is empty when name, address, country and VAT number are set', () => {
    expect(missingSellerDetails(complete, all)).toEqual([]);
    expect(missingSellerDetails({ ...complete, sellerAddressLines: [' '] }, all)).toEqual(['address']);
    expect(missingSellerDetails(complete, new Set(['sellerCountry']))).toEqual(['legal name']);
  });
});
