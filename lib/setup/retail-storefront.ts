import { asc, eq } from 'drizzle-orm';
import { env } from '@/lib/config/env';
import { getCentralDb } from '@/lib/db/central';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { storefronts, type Storefront } from '@/db/schema/central';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { AppError } from '@/lib/errors/app-error';

export const RETAIL_SLUG = 'ezscale';

/** The operator's own storefront: created on first setup at APP_DOMAIN, found afterwards. */
export async function ensureRetailStorefront(): Promise<Storefront> {
  const [existing] = await getCentralDb().select().from(storefronts).where(eq(storefronts.kind, 'retail')).orderBy(asc(storefronts.id)).limit(1);
  if (existing) return existing;
  return createStorefront({
    slug: RETAIL_SLUG,
    name: 'EZSCALE Hosting',
    kind: 'retail',
    tagline: 'VPS, dedicated servers, web hosting, game servers and cloud desktops — provisioned in seconds.',
    brandColor: '#2563eb',
    domain: env().APP_DOMAIN,
  });
}

/** For CLI commands that take --storefront: the named one, or the retail storefront by default. */
export async function findStorefrontForCli(slug?: string) {
  const db = getCentralDb();
  const [sf] = slug
    ? await db.select().from(storefronts).where(eq(storefronts.slug, slug)).limit(1)
    : await db.select().from(storefronts).where(eq(storefronts.kind, 'retail')).orderBy(asc(storefronts.id)).limit(1);
  if (!sf) throw new AppError('not_found', slug ? `No storefront with slug "${slug}".` : 'No retail storefront yet: run bin/ezscale seed --demo first.');
  return { storefront: sf, db: openStorefrontDb(sf) };
}
