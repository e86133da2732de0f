import { eq } from 'drizzle-orm';
import { getCentralDb } from '@/lib/db/central';
import { AppError, isDuplicateKeyError } from '@/lib/errors/app-error';
import { storefrontHostnames, storefronts, type Storefront } from '@/db/schema/central';
import { areaHostnames, platformDomainFor } from './area-hostnames';
import { announceHostnameChange } from './host-resolver';
import { createStorefrontSchema, type CreateStorefrontInput } from './schemas';
import { migrateStorefrontDatabase } from './migrate-all';
import { storefrontDatabaseName } from './storefront-location';

export { areaHostnames };

/**
 * The hostnames a new storefront starts with: those of an explicit domain first (so links keep naming it), then
 * its platform domain <slug>.<APP_DOMAIN>, which every storefront has. Custom domains join later, once verified.
 */
export function initialHostnames(slug: string, domain?: string) {
  const platform = platformDomainFor(slug);
  const domains = domain && domain !== platform ? [domain, platform] : [platform];
  return domains.flatMap(areaHostnames);
}

/** Registers a storefront with its hostnames and creates and migrates its own database. */
export async function createStorefront(input: CreateStorefrontInput): Promise<Storefront> {
  const data = createStorefrontSchema.parse(input);
  const central = getCentralDb();
  const dbName = storefrontDatabaseName(data.slug);
  let storefrontId: number;
  try {
    storefrontId = await central.transaction(async (tx) => {
      const [res] = await tx.insert(storefronts).values({
        slug: data.slug,
        name: data.name,
        kind: data.kind,
        tagline: data.tagline ?? null,
        brandColor: data.brandColor,
        dbServerUrl: data.dbServerUrl ?? null,
        dbName,
      });
      const id = res.insertId;
      await tx.insert(storefrontHostnames).values(initialHostnames(data.slug, data.domain).map((h) => ({ ...h, storefrontId: id })));
      return id;
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new AppError('conflict', `A storefront with slug "${data.slug}" or one of its hostnames already exists.`);
    throw err;
  }
  const [sf] = await central.select().from(storefronts).where(eq(storefronts.id, storefrontId));
  if (!sf) throw new Error('storefront vanished after insert');
  await migrateStorefrontDatabase(sf);
  await announceHostnameChange();
  return sf;
}
