import { dropDatabase, ensureDatabase, migrateDatabase, withDatabaseMigrationLock } from '@/lib/db/migrate';
import { storefrontLocation } from '@/lib/tenancy/storefront-location';
import type { PipelineStepRunner } from './step-context';

/** Step "database": CREATE DATABASE IF NOT EXISTS, so a rerun finds it and moves on. */
export const createStorefrontDatabase: PipelineStepRunner = async ({ storefront }) => {
  await ensureDatabase(storefrontLocation(storefront));
};

/**
 * Step "migrate": the storefront migrations under the database's own lock. Applied migrations are skipped on a
 * rerun, but one cut off half-way cannot be resumed (MySQL commits each DDL statement as it goes, so its tables
 * exist while its record does not). So a rerun after an attempt that did not finish starts from a fresh database:
 * nothing but migrations has been written to it, since "seed" runs only after this step is done and the storefront
 * is not live.
 */
export const migrateResellerStorefront: PipelineStepRunner = async ({ storefront, attempt }) => {
  const location = storefrontLocation(storefront);
  // Under the database's migration lock, so a `migrate` run working on it meanwhile waits rather than fails.
  await withDatabaseMigrationLock(location, async () => {
    if (attempt > 1 && storefront.status === 'provisioning') await dropDatabase(location);
    await migrateDatabase('storefront', location);
  });
};
