import { asc } from 'drizzle-orm';
import { storefrontHostnames, storefronts, type Storefront, type StorefrontHostname } from '@/db/schema/central';
import { getCentralDb } from '@/lib/db/central';
import type { CentralDb } from '@/lib/db/connection';

/** Every storefront of the platform with every hostname, from the central database, for the operator's overview. */
export async function listStorefronts(central: CentralDb = getCentralDb()): Promise<{ storefronts: Storefront[]; hostnames: StorefrontHostname[] }> {
  const [rows, hosts] = await Promise.all([
    central.select().from(storefronts).orderBy(asc(storefronts.id)),
    central.select().from(storefrontHostnames).orderBy(asc(storefrontHostnames.hostname)),
  ]);
  return { storefronts: rows, hostnames: hosts };
}
