import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/mysql2/migrator';
import { drizzle } from 'drizzle-orm/mysql2';
import type mysql from 'mysql2/promise';
import { env } from '@/lib/config/env';
import { createPool, serverConnection, splitDatabaseUrl, urlFor, type ServerLocation } from './connection';

const FOLDERS = {
  central: fileURLToPath(new URL('../../db/migrations/central', import.meta.url)),
  storefront: fileURLToPath(new URL('../../db/migrations/storefront', import.meta.url)),
};

export type SchemaKind = keyof typeof FOLDERS;

export interface MigrationResult {
  database: string;
  created: boolean;
  applied: number;
}

async function ensureDatabase(location: ServerLocation): Promise<boolean> {
  const conn = await serverConnection(location.serverUrl);
  try {
    const [rows] = await conn.query<mysql.RowDataPacket[]>('SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [
      location.database,
    ]);
    if (rows.length > 0) return false;
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${location.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    return true;
  } finally {
    await conn.end();
  }
}

async function countApplied(pool: mysql.Pool): Promise<number> {
  try {
    const [rows] = await pool.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM `__drizzle_migrations`');
    return Number(rows[0]?.n ?? 0);
  } catch {
    return 0;
  }
}

/** Creates the database if missing and applies pending migrations of one schema kind. */
export async function migrateDatabase(kind: SchemaKind, location: ServerLocation): Promise<MigrationResult> {
  const created = await ensureDatabase(location);
  const pool = createPool(urlFor(location), 2);
  try {
    const before = await countApplied(pool);
    await migrate(drizzle(pool), { migrationsFolder: FOLDERS[kind] });
    const after = await countApplied(pool);
    return { database: location.database, created, applied: after - before };
  } finally {
    await pool.end();
  }
}

/**
 * Runs fn while holding a server-wide named lock, so two `migrate` runs (two deploys, CLI and dev script)
 * queue instead of racing on the same DDL.
 */
export async function withMigrationLock<T>(fn: () => Promise<T>, centralUrl = env().DATABASE_URL): Promise<T> {
  const { serverUrl, database } = splitDatabaseUrl(centralUrl);
  const conn = await serverConnection(serverUrl);
  const lockName = `ezscale_migrate_${database}`.slice(0, 64);
  try {
    const [rows] = await conn.query<mysql.RowDataPacket[]>('SELECT GET_LOCK(?, 300) AS got', [lockName]);
    if (Number(rows[0]?.got) !== 1) throw new Error('Another migration has held the lock for 5 minutes; try again later.');
    return await fn();
  } finally {
    await conn.query('SELECT RELEASE_LOCK(?)', [lockName]).catch(() => undefined);
    await conn.end();
  }
}
