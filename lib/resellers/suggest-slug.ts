import { SLUG_PATTERN } from '@/lib/tenancy/storefront-location';
import { RESERVED_SLUGS } from './schemas';

/** A first guess at a storefront slug from a company name ("Acme Hosting GmbH" → "acme-hosting-gmbh"); staff edit it. */
export function suggestSlug(company: string): string {
  const base = company
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  const slug = base.length >= 3 ? base : `${base || 'shop'}-shop`.replace(/^-/, '');
  return RESERVED_SLUGS.has(slug) || !SLUG_PATTERN.test(slug) ? `${slug.slice(0, 33)}-shop`.replace(/^-/, '') : slug;
}
