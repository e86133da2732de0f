import { sql } from 'drizzle-orm';
import { getCentralDb } from '@/lib/db/central';
import { getRedis } from '@/lib/redis/client';
import { APP_VERSION } from '@/lib/config/version';

export interface HealthReport {
  ok: boolean;
  db: 'up' | 'down';
  redis: 'up' | 'down';
  version: string;
  down?: string[];
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}

async function probe(fn: () => Promise<unknown>): Promise<'up' | 'down'> {
  try {
    await withTimeout(fn(), 2000);
    return 'up';
  } catch {
    return 'down';
  }
}

export async function checkHealth(): Promise<HealthReport> {
  const [db, redis] = await Promise.all([probe(() => getCentralDb().execute(sql`SELECT 1`)), probe(() => getRedis().ping())]);
  const down = [db === 'down' ? 'db' : null, redis === 'down' ? 'redis' : null].filter((x): x is string => x !== null);
  return { ok: down.length === 0, db, redis, version: APP_VERSION, ...(down.length ? { down } : {}) };
}
