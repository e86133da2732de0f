import { createHash } from 'node:crypto';
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

/** Creates the database if it does not exist yet (CREATE DATABASE IF NOT EXISTS); true when it was created. */
export async function ensureDatabase(location: ServerLocation): Promise<boolean> {
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

/** DROP DATABASE IF EXISTS: only for a database nothing but its migrations has written to yet. */
export async function dropDatabase(location: ServerLocation): Promise<void> {
  const conn = await serverConnection(location.serverUrl);
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${location.database}\``);
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

/**
 * Creates the database if missing and applies pending migrations of one schema kind. `migrationsFolder` replaces
 * the kind's folder, for tests and benchmarks that add a migration of their own.
 */
export async function migrateDatabase(kind: SchemaKind, location: ServerLocation, migrationsFolder: string = FOLDERS[kind]): Promise<MigrationResult> {
  const created = await ensureDatabase(location);
  const pool = createPool(urlFor(location), 2);
  try {
    const before = await countApplied(pool);
    await migrate(drizzle(pool), { migrationsFolder });
    const after = await countApplied(pool);
    return { database: location.database, created, applied: after - before };
  } finally {
    await pool.end();
  }
}

/** A GET_LOCK name (at most 64 characters): readable when it fits, hashed when a long database name would not. */
export function lockName(prefix: string, database: string): string {
  const plain = `${prefix}_${database}`;
  return plain.length <= 64 ? plain : `${prefix}_${createHash('sha1').update(database).digest('hex')}`.slice(0, 64);
}

/**
 * Runs fn while holding a named lock on a database server (GET_LOCK, released when fn ends or the connection
 * dies with the process). Waits up to `waitSeconds`; `busy` is the error when the lock stays taken.
 */
export async function withNamedLock<T>(serverUrl: string, name: string, fn: () => Promise<T>, opts: { waitSeconds?: number; busy?: () => Error } = {}): Promise<T> {
  const conn = await serverConnection(serverUrl);
  try {
    const [rows] = await conn.query<mysql.RowDataPacket[]>('SELECT GET_LOCK(?, ?) AS got', [name, opts.waitSeconds ?? 300]);
    if (Number(rows[0]?.got) !== 1) throw opts.busy?.() ?? new Error('Another migration has held the lock for 5 minutes; try again later.');
    return await fn();
  } finally {
    await conn.query('SELECT RELEASE_LOCK(?)', [name]).catch(() => undefined);
    await conn.end();
  }
}

/**
 * Runs fn while holding a server-wide named lock, so two `migrate` runs (two deploys, CLI and dev script)
 * queue instead of racing on the central database's DDL.
 */
export async function withMigrationLock<T>(fn: () => Promise<T>, centralUrl = env().DATABASE_URL): Promise<T> {
  const { serverUrl, database } = splitDatabaseUrl(centralUrl);
  return withNamedLock(serverUrl, `ezscale_migrate_${database}`.slice(0, 64), fn);
}

/**
 * One lock per database on its own server: migrating many storefronts in parallel (or a reseller's pipeline
 * migrating its new one) never runs two migrators on the same database.
 */
export async function withDatabaseMigrationLock<T>(location: ServerLocation, fn: () => Promise<T>): Promise<T> {
  return withNamedLock(location.serverUrl, lockName('ezs_mig', location.database), fn);
}
