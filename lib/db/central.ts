import type mysql from 'mysql2/promise';
import { env } from '@/lib/config/env';
import { centralDrizzle, createPool, type CentralDb } from './connection';

interface CentralHandle {
  url: string;
  pool: mysql.Pool;
  db: CentralDb;
}

// Kept on globalThis so Next's dev reloads and the proxy bundle reuse one pool per process.
const g = globalThis as unknown as { __ezsCentral?: CentralHandle };

export function getCentralDb(): CentralDb {
  return getCentralHandle().db;
}

export function getCentralPool(): mysql.Pool {
  return getCentralHandle().pool;
}

function getCentralHandle(): CentralHandle {
  const url = env().DATABASE_URL;
  if (g.__ezsCentral && g.__ezsCentral.url === url) return g.__ezsCentral;
  const pool = createPool(url, env().DB_POOL_SIZE);
  g.__ezsCentral = { url, pool, db: centralDrizzle(pool) };
  return g.__ezsCentral;
}

export async function closeCentralDb(): Promise<void> {
  const h = g.__ezsCentral;
  g.__ezsCentral = undefined;
  if (h) await h.pool.end();
}
