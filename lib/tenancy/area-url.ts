import { and, asc, eq } from 'drizzle-orm';
import { publicUrl } from '@/lib/config/env';
import { getCentralDb } from '@/lib/db/central';
import { storefrontHostnames, type Area } from '@/db/schema/central';

/** The public URL of a storefront's area (its first hostname for that area), for links in emails. */
export async function areaUrl(storefrontId: number, area: Area, path = '/'): Promise<string> {
  const [host] = await getCentralDb()
    .select({ hostname: storefrontHostnames.hostname })
    .from(storefrontHostnames)
    .where(and(eq(storefrontHostnames.storefrontId, storefrontId), eq(storefrontHostnames.area, area)))
    .orderBy(asc(storefrontHostnames.id))
    .limit(1);
  if (!host) throw new Error(`Storefront ${storefrontId} has no ${area} hostname.`);
  return publicUrl(host.hostname, path);
}

/** areaUrl for many links in one job: the hostname is looked up on first use and then reused. */
export function areaUrlBuilder(storefrontId: number, area: Area): (path: string) => Promise<string> {
  let root: Promise<string> | undefined;
  return async (path) => {
    root ??= areaUrl(storefrontId, area, '/');
    const base = await root;
    return `${base.replace(/\/$/, '')}${path}`;
  };
}
