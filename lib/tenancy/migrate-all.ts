import { asc } from 'drizzle-orm';
import { env } from '@/lib/config/env';
import { getCentralDb } from '@/lib/db/central';
import { splitDatabaseUrl } from '@/lib/db/connection';
import { migrateDatabase, withMigrationLock, type MigrationResult } from '@/lib/db/migrate';
import { storefronts } from '@/db/schema/central';
import { storefrontLocation } from './storefront-location';

export interface MigrateAllReport {
  central: MigrationResult;
  storefronts: (MigrationResult & { slug: string })[];
}

/** Brings the central database and every storefront database up to the latest schema. Safe to run again. */
export async function migrateAll(): Promise<MigrateAllReport> {
  return withMigrationLock(async () => {
    const central = await migrateDatabase('central', splitDatabaseUrl(env().DATABASE_URL));
    const rows = await getCentralDb().select().from(storefronts).orderBy(asc(storefronts.id));
    const results: MigrateAllReport['storefronts'] = [];
    for (const sf of rows) {
      results.push({ slug: sf.slug, ...(await migrateDatabase('storefront', storefrontLocation(sf))) });
    }
    return { central, storefronts: results };
  });
}
