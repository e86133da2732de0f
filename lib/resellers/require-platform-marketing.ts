import { notFound } from 'next/navigation';
import { requireArea } from '@/lib/auth/request-session';
import { getCentralDb } from '@/lib/db/central';
import type { CentralDb } from '@/lib/db/connection';
import type { RequestContext } from '@/lib/tenancy/request-context';

/**
 * The "Become a reseller" page and its form exist on the platform's own marketing site only: on a reseller's
 * storefront (or any other host) they are a 404. Hands out the central database, where applications are kept.
 */
export async function requirePlatformMarketing(): Promise<{ ctx: RequestContext; central: CentralDb }> {
  const ctx = await requireArea('marketing');
  if (ctx.storefront.kind !== 'retail') notFound();
  return { ctx, central: getCentralDb() };
}
