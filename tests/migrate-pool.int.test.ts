import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import mysql from 'mysql2/promise';
import { storefronts, type Storefront } from '@/db/schema/central';
import { getCentralDb } from '@/lib/db/central';
import { lockName } from '@/lib/db/migrate';
import { splitDatabaseUrl } from '@/lib/db/connection';
import { migrateAll } from '@/lib/tenancy/migrate-all';
import { storefrontDatabaseName } from '@/lib/tenancy/storefront-location';
import { storefrontMigrationsWith } from './helpers/extra-migration';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

const COUNT = 8;
let t: TestEnv;
let server: mysql.Connection;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  t = await setupTestEnv();
  server = await mysql.createConnection({ uri: splitDatabaseUrl(t.centralUrl).serverUrl });
  // Rows only: `migrate` creates the databases, several at once.
  await getCentralDb()
    .insert(storefronts)
    .values(Array.from({ length: COUNT }, (_, i) => ({ slug: `pool-${i}`, name: `Pool ${i}`, dbName: storefrontDatabaseName(`pool-${i}`) })));
});
afterAll(async () => {
  await server.end();
  for (const c of cleanups) await c();
  await t.cleanup();
});

async function all(): Promise<Storefront[]> {
  return getCentralDb().select().from(storefronts).orderBy(asc(storefronts.id));
}

async function hasTable(db: string, table: string): Promise<boolean> {
  const [rows] = await server.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?', [db, table]);
  return Number(rows[0]!.n) === 1;
}

async function appliedCount(db: string): Promise<number> {
  const [rows] = await server.query<mysql.RowDataPacket[]>(`SELECT COUNT(*) AS n FROM \`${db}\`.\`__drizzle_migrations\``);
  return Number(rows[0]!.n);
}

async function withProbe(tag: string) {
  const m = await storefrontMigrationsWith([{ tag, statements: [`CREATE TABLE \`${tag}\` (\`id\` int NOT NULL PRIMARY KEY)`] }]);
  cleanups.push(m.cleanup);
  return m.folder;
}

describe('migrate across many storefronts', () => {
  it('creates and migrates every storefront database through the pool, reporting n/N as each finishes', async () => {
    const progress: string[] = [];
    const report = await migrateAll({ concurrency: 4, onProgress: (p) => progress.push(`${p.done}/${p.total}`) });
    expect(report.storefronts.map((s) => s.slug)).toEqual(Array.from({ length: COUNT }, (_, i) => `pool-${i}`));
    expect(report.storefronts.every((s) => s.created && s.applied > 0)).toBe(true);
    expect(progress).toEqual(Array.from({ length: COUNT }, (_, i) => `${i + 1}/${COUNT}`));
  });

  it('two runs at once apply a new migration to each storefront exactly once', async () => {
    const folder = await withProbe('9990_pool_probe');
    const [a, b] = await Promise.all([migrateAll({ concurrency: 4, storefrontMigrationsFolder: folder }), migrateAll({ concurrency: 3, storefrontMigrationsFolder: folder })]);
    for (let i = 0; i < COUNT; i++) expect(a.storefronts[i]!.applied + b.storefronts[i]!.applied, `pool-${i}`).toBe(1);
    const counts = new Set<number>();
    for (const sf of await all()) {
      expect(await hasTable(sf.dbName, '9990_pool_probe')).toBe(true);
      counts.add(await appliedCount(sf.dbName));
    }
    expect(counts.size).toBe(1);
  });

  it('waits for a storefront whose lock another process holds, migrating the others meanwhile', async () => {
    const folder = await withProbe('9991_lock_probe');
    const [held] = await all();
    const holder = await mysql.createConnection({ uri: splitDatabaseUrl(t.centralUrl).serverUrl });
    try {
      await holder.query('SELECT GET_LOCK(?, 5)', [lockName('ezs_mig', held!.dbName)]);
      const run = migrateAll({ concurrency: 4, storefrontMigrationsFolder: folder });
      let othersDone = false;
      for (let i = 0; i < 400 && !othersDone; i++) {
        await sleep(25);
        const rest = (await all()).slice(1);
        othersDone = (await Promise.all(rest.map((sf) => hasTable(sf.dbName, '9991_lock_probe')))).every(Boolean);
      }
      expect(othersDone).toBe(true);
      expect(await hasTable(held!.dbName, '9991_lock_probe')).toBe(false);
      await holder.query('SELECT RELEASE_LOCK(?)', [lockName('ezs_mig', held!.dbName)]);
      const report = await run;
      expect(report.storefronts.map((s) => s.applied)).toEqual(Array.from({ length: COUNT }, () => 1));
    } finally {
      await holder.end();
    }
  });

  it('carries on past a storefront that fails, names it, and a second run resumes with what is left', async () => {
    const folder = await withProbe('9992_resume_probe');
    const [, broken] = await all();
    await getCentralDb().update(storefronts).set({ dbServerUrl: 'mysql://root@127.0.0.1:1/' }).where(eq(storefronts.id, broken!.id));
    await expect(migrateAll({ concurrency: 4, storefrontMigrationsFolder: folder })).rejects.toThrow(/^1 of 8 storefront\(s\) failed to migrate \(run migrate again to resume\): pool-1: /);
    for (const sf of await all()) if (sf.id !== broken!.id) expect(await hasTable(sf.dbName, '9992_resume_probe')).toBe(true);
    await getCentralDb().update(storefronts).set({ dbServerUrl: null }).where(eq(storefronts.id, broken!.id));
    const again = await migrateAll({ concurrency: 4, storefrontMigrationsFolder: folder });
    expect(again.storefronts.filter((s) => s.applied > 0).map((s) => s.slug)).toEqual(['pool-1']);
  });

  it('bin/ezscale migrate prints n/N storefronts as it goes', () => {
    const out = execFileSync('bin/ezscale', ['migrate'], { env: { ...process.env, DATABASE_URL: t.centralUrl, REDIS_PREFIX: t.redisPrefix }, encoding: 'utf8' });
    const lines = out.split('\n').filter((l) => / storefronts \(/.test(l));
    expect(lines.map((l) => l.split(' ')[0])).toEqual(Array.from({ length: COUNT }, (_, i) => `${i + 1}/${COUNT}`));
    expect(out).toContain('storefront pool-0');
  });
});
