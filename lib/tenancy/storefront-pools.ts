import type mysql from 'mysql2/promise';
import { env } from '@/lib/config/env';
import { createPool, storefrontDrizzle, urlFor, type StorefrontDb } from '@/lib/db/connection';
import type { Storefront } from '@/db/schema/central';
import { storefrontLocation } from './storefront-location';

// Request code must not import this module (an ESLint rule enforces it): it opens any storefront's database.
// Requests go through getRequestContext(), which only opens the storefront their Host resolved to.

interface PoolEntry {
  url: string;
  pool: mysql.Pool;
  db: StorefrontDb;
}

const g = globalThis as unknown as { __ezsStorefrontPools?: Map<number, PoolEntry> };
const pools = (g.__ezsStorefrontPools ??= new Map());

/** A bounded set of lazily created pools, least recently used closed first. */
export function openStorefrontDb(sf: Pick<Storefront, 'id' | 'dbServerUrl' | 'dbName'>): StorefrontDb {
  const url = urlFor(storefrontLocation(sf));
  const existing = pools.get(sf.id);
  if (existing && existing.url === url) {
    pools.delete(sf.id);
    pools.set(sf.id, existing);
    return existing.db;
  }
  if (existing) void existing.pool.end().catch(() => undefined);
  const e = env();
  const pool = createPool(url, e.DB_POOL_SIZE);
  const entry: PoolEntry = { url, pool, db: storefrontDrizzle(pool) };
  pools.set(sf.id, entry);
  while (pools.size > e.DB_MAX_STOREFRONT_POOLS) {
    const [oldestId, oldest] = pools.entries().next().value as [number, PoolEntry];
    pools.delete(oldestId);
    void oldest.pool.end().catch(() => undefined);
  }
  return entry.db;
}

export async function closeStorefrontPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.pool.end().catch(() => undefined)));
}
