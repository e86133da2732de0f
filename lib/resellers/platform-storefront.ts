import { asc, eq } from 'drizzle-orm';
import type { CentralHandle } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { storefronts, type Storefront } from '@/db/schema/central';

/**
 * The operator's own storefront (kind 'retail', the first if there were several): its staff are the platform
 * staff, its audit log records platform changes and its outbox sends the platform's emails to resellers.
 */
export async function getPlatformStorefrontOrThrow(central: CentralHandle): Promise<Storefront> {
  const [sf] = await central.select().from(storefronts).where(eq(storefronts.kind, 'retail')).orderBy(asc(storefronts.id)).limit(1);
  if (!sf) throw new AppError('conflict', 'There is no platform (retail) storefront yet: run bin/ezscale seed --demo, or create the retail storefront first.');
  return sf;
}
