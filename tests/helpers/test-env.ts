import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { resetEnvCache } from '@/lib/config/env';
import { splitDatabaseUrl } from '@/lib/db/connection';
import { closeCentralDb } from '@/lib/db/central';
import { closeRedis, getRedis } from '@/lib/redis/client';
import { closeStorefrontPools } from '@/lib/tenancy/storefront-pools';
import { migrateAll } from '@/lib/tenancy/migrate-all';
import { closeQueues } from '@/jobs/enqueue';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const BASE_URL = process.env.TEST_DATABASE_SERVER_URL ?? 'mysql://root@127.0.0.1:3306/';

export interface TestEnv {
  centralUrl: string;
  centralDb: string;
  redisPrefix: string;
  cleanup: () => Promise<void>;
}

/** Refuses anything but a database server on this machine: tests drop databases. */
export function assertLocalServer(url: string): void {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) throw new Error(`Refusing to run tests against non-local database server ${host}`);
}

/**
 * Gives one test file its own central database (freshly migrated), its own storefront database names
 * (derived from the central name) and its own Redis key prefix; cleanup drops all of them.
 */
export async function setupTestEnv(): Promise<TestEnv> {
  assertLocalServer(BASE_URL);
  const suffix = randomBytes(4).toString('hex');
  const centralDb = `ezs_t_${suffix}`;
  const server = new URL(BASE_URL);
  server.pathname = `/${centralDb}`;
  const centralUrl = server.toString();
  const redisPrefix = `ezs_t_${suffix}`;
  process.env.DATABASE_URL = centralUrl;
  process.env.REDIS_PREFIX = redisPrefix;
  process.env.APP_MODE ??= 'sandbox';
  // A key per test file: the CLI and worker processes a test starts inherit it; the databases die with the file.
  process.env.APP_KEY ||= randomBytes(32).toString('base64');
  // Uploaded files (logos) go to a directory of this test file's own, removed with its databases.
  const storageDir = mkdtempSync(join(tmpdir(), `${centralDb}-storage-`));
  process.env.STORAGE_DRIVER = 'disk';
  process.env.STORAGE_DIR = storageDir;
  resetEnvCache();
  await migrateAll();

  return {
    centralUrl,
    centralDb,
    redisPrefix,
    cleanup: async () => {
      await closeQueues();
      await Promise.all([closeCentralDb(), closeStorefrontPools()]);
      const conn = await mysql.createConnection({ uri: splitDatabaseUrl(centralUrl).serverUrl });
      try {
        const [rows] = await conn.query<mysql.RowDataPacket[]>(
          'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ? OR SCHEMA_NAME LIKE ?',
          [centralDb, `${centralDb}\\_sf\\_%`],
        );
        for (const r of rows) await conn.query(`DROP DATABASE IF EXISTS \`${String(r.name)}\``);
      } finally {
        await conn.end();
      }
      const redis = getRedis();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}:*`, 'COUNT', 500);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== '0');
      await closeRedis();
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}
