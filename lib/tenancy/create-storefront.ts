import { eq } from 'drizzle-orm';
import { getCentralDb } from '@/lib/db/central';
import { AppError, isDuplicateKeyError } from '@/lib/errors/app-error';
import { storefrontHostnames, storefronts, type Storefront } from '@/db/schema/central';
import { announceHostnameChange } from './host-resolver';
import { createStorefrontSchema, type CreateStorefrontInput } from './schemas';
import { migrateStorefrontDatabase } from './migrate-all';
import { storefrontDatabaseName } from './storefront-location';

export function areaHostnames(domain: string) {
  return [
    { hostname: domain, area: 'marketing' as const },
    { hostname: `account.${domain}`, area: 'account' as const },
    { hostname: `admin.${domain}`, area: 'admin' as const },
  ];
}

/** Registers a storefront with its three hostnames and creates and migrates its own database. */
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
      await tx.insert(storefrontHostnames).values(areaHostnames(data.domain).map((h) => ({ ...h, storefrontId: id })));
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
