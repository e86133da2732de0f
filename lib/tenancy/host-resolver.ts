import { eq, ne } from 'drizzle-orm';
import { getCentralDb } from '@/lib/db/central';
import { getRedis, redisKey } from '@/lib/redis/client';
import { storefrontHostnames, storefronts, type Area, type Storefront } from '@/db/schema/central';

export interface ResolvedHost {
  storefront: Storefront;
  area: Area;
}

interface HostCache {
  byHost: Map<string, ResolvedHost>;
  version: string | null;
  loadedAt: number;
  checkedAt: number;
}

// How often a process asks Redis whether hostnames changed, and the longest a cache lives if Redis is down.
const VERSION_CHECK_MS = 1_000;
const MAX_AGE_MS = 30_000;

const g = globalThis as unknown as { __ezsHostCache?: HostCache; __ezsHostLoading?: Promise<HostCache> };

export function normalizeHost(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const host = raw.trim().toLowerCase().replace(/\.$/, '');
  // Strip the port, keeping IPv6 literals intact.
  const withoutPort = host.startsWith('[') ? host.replace(/\]:\d+$/, ']') : host.replace(/:\d+$/, '');
  if (!/^[a-z0-9.\-\[\]:]{1,253}$/.test(withoutPort)) return null;
  return withoutPort;
}

function versionKey(): string {
  return redisKey('hostnames', 'version');
}

async function readVersion(): Promise<string | null> {
  try {
    return (await getRedis().get(versionKey())) ?? '0';
  } catch {
    return null;
  }
}

async function load(): Promise<HostCache> {
  const version = await readVersion();
  const rows = await getCentralDb()
    .select({ hostname: storefrontHostnames.hostname, area: storefrontHostnames.area, storefront: storefronts })
    .from(storefrontHostnames)
    .innerJoin(storefronts, eq(storefronts.id, storefrontHostnames.storefrontId))
    // A storefront still being built (a reseller's, mid-pipeline) owns no host yet: its hosts answer like unknown ones.
    .where(ne(storefronts.status, 'provisioning'));
  const byHost = new Map<string, ResolvedHost>();
  for (const r of rows) byHost.set(r.hostname, { storefront: r.storefront, area: r.area });
  const now = Date.now();
  return { byHost, version, loadedAt: now, checkedAt: now };
}

async function currentCache(): Promise<HostCache> {
  const now = Date.now();
  const cache = g.__ezsHostCache;
  if (cache) {
    if (now - cache.checkedAt < VERSION_CHECK_MS) return cache;
    const version = await readVersion();
    const stillValid = version === null ? now - cache.loadedAt < MAX_AGE_MS : version === cache.version;
    if (stillValid) {
      cache.checkedAt = now;
      return cache;
    }
  }
  g.__ezsHostLoading ??= load().finally(() => {
    g.__ezsHostLoading = undefined;
  });
  g.__ezsHostCache = await g.__ezsHostLoading;
  return g.__ezsHostCache;
}

/** Maps a Host header to its storefront and area; null for hosts no storefront owns. */
export async function resolveHost(rawHost: string | null | undefined): Promise<ResolvedHost | null> {
  const host = normalizeHost(rawHost);
  if (!host) return null;
  const cache = await currentCache();
  return cache.byHost.get(host) ?? null;
}

/** Called after any change to storefronts or hostnames, so every process reloads on its next request. */
export async function announceHostnameChange(): Promise<void> {
  g.__ezsHostCache = undefined;
  try {
    await getRedis().incr(versionKey());
  } catch {
    // Other processes fall back to the cache's maximum age.
  }
}
