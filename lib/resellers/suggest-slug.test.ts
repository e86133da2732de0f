import { describe, expect, it } from 'vitest';
import { SLUG_PATTERN } from '@/lib/tenancy/storefront-location';
import { suggestSlug } from './suggest-slug';

describe('suggestSlug', () => {
  it.each([
    ['Acme Hosting GmbH', 'acme-hosting-gmbh'],
    ['Ünïcode Höst', 'unicode-host'],
    ['  42 Servers!  ', 'servers'],
    ['AB', 'ab-shop'],
    ['Admin', 'admin-shop'],
    ['!!!', 'shop-shop'],
  ])('%s → %s', (company, slug) => {
    expect(suggestSlug(company)).toBe(slug);
  });

  it('always gives a valid slug', () => {
    for (const name of ['x'.repeat(80), 'a-'.repeat(30), '—', '9', 'Reseller']) expect(suggestSlug(name)).toMatch(SLUG_PATTERN);
  });
});
