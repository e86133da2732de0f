import { cache } from 'react';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import type { Area, Storefront } from '@/db/schema/central';
import type { StorefrontDb } from '@/lib/db/connection';
import { resolveHost } from './host-resolver';
import { openStorefrontDb } from './storefront-pools';

export interface RequestContext {
  storefront: Storefront;
  area: Area;
  host: string;
  /** The resolved storefront's database and no other. */
  db: StorefrontDb;
}

/**
 * The only way request code reaches a storefront database: it re-resolves the request's own Host header
 * (never a client-supplied id), so a page can only ever see the storefront it was requested on.
 */
export const getRequestContext = cache(async (): Promise<RequestContext> => {
  const h = await headers();
  const host = h.get('host') ?? '';
  const resolved = await resolveHost(host);
  if (!resolved || resolved.storefront.status !== 'active') notFound();
  return { storefront: resolved.storefront, area: resolved.area, host, db: openStorefrontDb(resolved.storefront) };
});

/**
 * Same as getRequestContext, for route handlers that answer with JSON instead of the 404 page. `includeSuspended`
 * is for gateway webhooks, which a suspended storefront still accepts so no payment or dispute is lost.
 */
export async function contextForHost(host: string | null, opts: { includeSuspended?: boolean } = {}): Promise<RequestContext | null> {
  const resolved = await resolveHost(host);
  const status = resolved?.storefront.status;
  if (!resolved || !(status === 'active' || (opts.includeSuspended && status === 'suspended'))) return null;
  return { storefront: resolved.storefront, area: resolved.area, host: host ?? '', db: openStorefrontDb(resolved.storefront) };
}
