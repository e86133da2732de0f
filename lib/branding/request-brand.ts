import { cache } from 'react';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { contextForHost } from '@/lib/tenancy/request-context';
import { getStorefrontBrand, type StorefrontBrand } from './storefront-brand';

/** The brand of the storefront the request's Host resolves to, or null on a host no active storefront owns. Once per request. */
export const getHostBrand = cache(async (): Promise<StorefrontBrand | null> => {
  const ctx = await contextForHost((await headers()).get('host'));
  return ctx ? getStorefrontBrand(ctx.db, ctx.storefront) : null;
});

/** Same, for pages: an unknown host is a 404, as getRequestContext makes it. */
export async function getRequestBrand(): Promise<StorefrontBrand> {
  const brand = await getHostBrand();
  if (!brand) notFound();
  return brand;
}
