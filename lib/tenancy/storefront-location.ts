import { env } from '@/lib/config/env';
import { assertDatabaseName, splitDatabaseUrl, type ServerLocation } from '@/lib/db/connection';
import type { Storefront } from '@/db/schema/central';

export const SLUG_PATTERN = /^[a-z][a-z0-9-]{1,38}[a-z0-9]$/;

/** Storefront databases sit beside the central one as `<central>_sf_<slug>` unless configured otherwise. */
export function storefrontDatabaseName(slug: string, centralUrl = env().DATABASE_URL): string {
  if (!SLUG_PATTERN.test(slug)) throw new Error(`Invalid storefront slug: ${slug}`);
  return assertDatabaseName(`${splitDatabaseUrl(centralUrl).database}_sf_${slug.replace(/-/g, '_')}`);
}

export function storefrontLocation(sf: Pick<Storefront, 'dbServerUrl' | 'dbName'>): ServerLocation {
  const serverUrl = sf.dbServerUrl ?? splitDatabaseUrl(env().DATABASE_URL).serverUrl;
  return { serverUrl, database: assertDatabaseName(sf.dbName) };
}
