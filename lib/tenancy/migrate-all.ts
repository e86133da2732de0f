import { asc } from 'drizzle-orm';
import { env } from '@/lib/config/env';
import { getCentralDb } from '@/lib/db/central';
import { splitDatabaseUrl } from '@/lib/db/connection';
import { migrateDatabase, withDatabaseMigrationLock, withMigrationLock, type MigrationResult } from '@/lib/db/migrate';
import { storefronts, type Storefront } from '@/db/schema/central';
import { runPooled } from './run-pooled';
import { storefrontLocation } from './storefront-location';

export interface MigrateAllReport {
  central: MigrationResult;
  storefronts: (MigrationResult & { slug: string })[];
}

export interface MigrateAllOptions {
  /** Storefront databases migrated at once; MIGRATE_CONCURRENCY (4) by default. */
  concurrency?: number;
  /** Called as each storefront finishes (or fails), for `n/N storefronts` progress. */
  onProgress?: (p: { done: number; total: number; slug: string; error?: string }) => void;
  /** Replaces the storefront migrations folder: tests and benchmarks that add a migration of their own. */
  storefrontMigrationsFolder?: string;
}

/** One storefront's database, under that database's own lock, so parallel runs never migrate it twice at once. */
export async function migrateStorefrontDatabase(sf: Pick<Storefront, 'dbServerUrl' | 'dbName'>, migrationsFolder?: string): Promise<MigrationResult> {
  const location = storefrontLocation(sf);
  return withDatabaseMigrationLock(location, () => migrateDatabase('storefront', location, migrationsFolder));
}

/**
 * Brings the central database and every storefront database up to the latest schema. Safe to run again and to
 * run twice at once: the central database under one lock, then the storefronts through a bounded pool, each under
 * its own lock (the second run finds nothing left to apply). A storefront that fails does not stop the others;
 * the run throws at the end naming every failure, and running it again resumes with what is still pending.
 */
export async function migrateAll(opts: MigrateAllOptions = {}): Promise<MigrateAllReport> {
  const central = await withMigrationLock(() => migrateDatabase('central', splitDatabaseUrl(env().DATABASE_URL)));
  const rows = await getCentralDb().select().from(storefronts).orderBy(asc(storefronts.id));
  let done = 0;
  const outcomes = await runPooled(rows, opts.concurrency ?? env().MIGRATE_CONCURRENCY, async (sf) => {
    try {
      const result = await migrateStorefrontDatabase(sf, opts.storefrontMigrationsFolder);
      opts.onProgress?.({ done: ++done, total: rows.length, slug: sf.slug });
      return result;
    } catch (err) {
      opts.onProgress?.({ done: ++done, total: rows.length, slug: sf.slug, error: err instanceof Error ? err.message : String(err) });
      throw err;
    }
  });
  const failures = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [`${rows[i]!.slug}: ${o.reason instanceof Error ? o.reason.message : String(o.reason)}`] : []));
  if (failures.length) throw new Error(`${failures.length} of ${rows.length} storefront(s) failed to migrate (run migrate again to resume): ${failures.join('; ')}`);
  return {
    central,
    storefronts: outcomes.map((o, i) => ({ slug: rows[i]!.slug, ...(o as PromiseFulfilledResult<MigrationResult>).value })),
  };
}
