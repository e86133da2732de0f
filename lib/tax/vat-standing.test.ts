import { describe, expect, it } from 'vitest';
import { isStandingStale, standingOf, taxRelevantVatNumber, viesNumberOf } from './vat-standing';

const DAY = 86_400_000;
const now = new Date('2027-01-10T12:00:00Z');
const business = { country: 'FR', company: 'Acme SARL', taxId: 'fr 40 303 265 045' };
const checked = (over: Partial<{ vatStanding: 'confirmed' | 'rejected' | 'unchecked'; vatCheckedNumber: string | null; vatCheckedAt: Date | null }> = {}) => ({
  ...business,
  vatStanding: 'confirmed' as const,
  vatCheckedNumber: 'FR40303265045',
  vatCheckedAt: new Date(now.getTime() - DAY),
  ...over,
});

describe('VAT number standing', () => {
  it('asks VIES only about an EU business with a well-formed number, normalised and prefixed', () => {
    expect(viesNumberOf(business)).toBe('FR40303265045');
    expect(viesNumberOf({ ...business, taxId: '40303265045' })).toBe('FR40303265045');
    expect(viesNumberOf({ ...business, company: ' ' })).toBeNull();
    expect(viesNumberOf({ ...business, taxId: 'FR123' })).toBeNull();
    expect(viesNumberOf({ country: 'US', company: 'Acme Inc', taxId: '12-3456789' })).toBeNull();
  });

  it('counts a number as tax-relevant only in another member state than an EU seller', () => {
    expect(taxRelevantVatNumber(business, 'DE')).toBe('FR40303265045');
    expect(taxRelevantVatNumber(business, 'FR')).toBeNull();
    expect(taxRelevantVatNumber(business, 'US')).toBeNull();
  });

  it('reads a standing checked for another number, or another country, as unchecked', () => {
    expect(standingOf(checked())).toBe('confirmed');
    expect(standingOf(checked({ vatStanding: 'rejected' }))).toBe('rejected');
    expect(standingOf(checked({ vatCheckedNumber: 'FR11111111111' }))).toBe('unchecked');
    expect(standingOf({ ...checked(), country: 'BE' })).toBe('unchecked');
    expect(standingOf(checked({ vatCheckedNumber: null }))).toBe('unchecked');
  });

  it('is stale when never answered for this number or older than the max age', () => {
    expect(isStandingStale(checked(), now, 7)).toBe(false);
    expect(isStandingStale(checked({ vatCheckedAt: new Date(now.getTime() - 7 * DAY + 1) }), now, 7)).toBe(false);
    expect(isStandingStale(checked({ vatCheckedAt: new Date(now.getTime() - 7 * DAY) }), now, 7)).toBe(true);
    expect(isStandingStale(checked({ vatStanding: 'rejected', vatCheckedAt: new Date(now.getTime() - 8 * DAY) }), now, 7)).toBe(true);
    expect(isStandingStale(checked({ vatCheckedNumber: 'FR11111111111' }), now, 7)).toBe(true);
    expect(isStandingStale(checked({ vatCheckedAt: null }), now, 7)).toBe(true);
  });
});
