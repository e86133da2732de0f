import mysql from 'mysql2/promise';
import type { PoolConnection as CorePoolConnection } from 'mysql2';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import * as centralSchema from '@/db/schema/central';
import * as storefrontSchema from '@/db/schema/storefront';

export type CentralDb = MySql2Database<typeof centralSchema>;
export type StorefrontDb = MySql2Database<typeof storefrontSchema>;
/** A storefront handle or a transaction on one: query functions take this so they compose inside transactions. */
export type StorefrontTx = Parameters<Parameters<StorefrontDb['transaction']>[0]>[0];
export type SfDb = StorefrontDb | StorefrontTx;
export type CentralTx = Parameters<Parameters<CentralDb['transaction']>[0]>[0];
/** The central database or a transaction on it. */
export type CentralHandle = CentralDb | CentralTx;

export interface ServerLocation {
  /** mysql:// URL of the server, without a database name. */
  serverUrl: string;
  database: string;
}

const IDENTIFIER = /^[A-Za-z0-9_]{1,64}$/;

export function assertDatabaseName(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`Invalid database name: ${name}`);
  return name;
}

/** Splits mysql://user@host:port/db?x=y into the server part and the database name. */
export function splitDatabaseUrl(url: string): ServerLocation {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database) throw new Error('DATABASE_URL must name a database, e.g. mysql://root@127.0.0.1:3306/ezscale');
  u.pathname = '/';
  return { serverUrl: u.toString(), database: assertDatabaseName(database) };
}

export function urlFor(location: ServerLocation): string {
  const u = new URL(location.serverUrl);
  u.pathname = `/${assertDatabaseName(location.database)}`;
  return u.toString();
}

/**
 * The session sql_mode of every connection we open, whatever the server's default: MariaDB's default (what CI
 * proves; MySQL 8 adds ONLY_FULL_GROUP_BY and the zero-date modes) plus the IGNORE_SPACE mysql2 asks for.
 * Never NO_BACKSLASH_ESCAPES: bulkInsert and mysql2's escape write a backslash as two and a quote as \', which
 * that mode would store doubled or turn into a syntax error. Never ANSI_QUOTES: string literals stay single-quoted.
 */
export const SESSION_SQL_MODE = 'IGNORE_SPACE,STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION';
const PIN_SQL_MODE = `SET SESSION sql_mode = '${SESSION_SQL_MODE}'`;

/**
 * Pins a new pool connection's sql_mode. Called from the pool's 'connection' event, before the pool hands the
 * connection out: mysql2 runs a connection's commands in order, so this one goes before any query. If it fails,
 * the connection is destroyed, so no query runs in a mode we did not choose.
 */
function pinSqlMode(conn: CorePoolConnection): void {
  conn.query(PIN_SQL_MODE, (err) => {
    if (err) conn.destroy();
  });
}

export function createPool(url: string, connectionLimit: number): mysql.Pool {
  const pool = mysql.createPool({
    uri: url,
    connectionLimit,
    maxIdle: Math.min(2, connectionLimit),
    idleTimeout: 60_000,
    enableKeepAlive: true,
    timezone: 'Z',
    dateStrings: false,
    supportBigNumbers: true,
    bigNumberStrings: false,
    // JSON comes back as text on MySQL 8 and MariaDB alike; jsonColumn parses it exactly once.
    jsonStrings: true,
  });
  // On the callback pool underneath: its event hands over the connection itself, before anyone can query on it.
  pool.pool.on('connection', pinSqlMode);
  return pool;
}

/** The mysql2 pool or pinned transaction connection behind a Drizzle handle. */
export function driverOf(db: SfDb): mysql.Pool | mysql.PoolConnection {
  const client = (db as unknown as { session?: { client?: mysql.Pool | mysql.PoolConnection } }).session?.client;
  if (!client || typeof client.query !== 'function') throw new Error('Expected a mysql2-backed Drizzle handle');
  return client;
}

export function centralDrizzle(pool: mysql.Pool): CentralDb {
  return drizzle(pool, { schema: centralSchema, mode: 'default' });
}

export function storefrontDrizzle(pool: mysql.Pool): StorefrontDb {
  return drizzle(pool, { schema: storefrontSchema, mode: 'default' });
}

/** Opens a single connection to a server with no database selected (for CREATE DATABASE). */
export async function serverConnection(serverUrl: string): Promise<mysql.Connection> {
  const conn = await mysql.createConnection({ uri: serverUrl, timezone: 'Z', multipleStatements: false });
  try {
    await conn.query(PIN_SQL_MODE);
  } catch (err) {
    conn.destroy();
    throw err;
  }
  return conn;
}
