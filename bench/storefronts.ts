// Measures `migrate` across many storefronts and prints figures (no assertions):
//  1. creating N storefronts: their rows and hostnames, then every database created and migrated by migrateAll's pool;
//  2. a new (bench-only) migration applied to all N through the pool;
//  3. the same kind of migration applied one storefront at a time, the serial time to compare with.
// Usage: npx tsx bench/storefronts.ts   (BENCH_STOREFRONTS=200, BENCH_CONCURRENCY=MIGRATE_CONCURRENCY or 4).
// Uses its own databases and Redis prefix, dropped afterwards.
import { benchEnv } from './bench-env';

const bench = benchEnv();
const N = Number(process.env.BENCH_STOREFRONTS ?? 200);
const POOL = Number(process.env.BENCH_CONCURRENCY ?? process.env.MIGRATE_CONCURRENCY ?? 4);

const { migrateAll } = await import('@/lib/tenancy/migrate-all');
const { areaHostnames } = await import('@/lib/tenancy/create-storefront');
const { storefrontDatabaseName } = await import('@/lib/tenancy/storefront-location');
const { getCentralDb } = await import('@/lib/db/central');
const { storefrontHostnames, storefronts } = await import('@/db/schema/central');
const { storefrontMigrationsWith } = await import('@/tests/helpers/extra-migration');

const rate = (n: number, ms: number) => (n / (ms / 1000)).toFixed(1);
const secs = (ms: number) => (ms / 1000).toFixed(1);

/** A migration of the shape real ones have: a column on a busy table, an index, a new table. */
const probe = (tag: string) => ({
  tag,
  statements: [
    `ALTER TABLE \`customers\` ADD \`${tag}_note\` varchar(40)`,
    `CREATE INDEX \`${tag}_idx\` ON \`customers\` (\`${tag}_note\`)`,
    `CREATE TABLE \`${tag}\` (\`id\` bigint unsigned AUTO_INCREMENT NOT NULL PRIMARY KEY, \`label\` varchar(60) NOT NULL)`,
  ],
});

await migrateAll();
const central = getCentralDb();
for (let start = 0; start < N; start += 100) {
  const slugs = Array.from({ length: Math.min(100, N - start) }, (_, k) => `bench-${start + k}`);
  await central.insert(storefronts).values(slugs.map((slug) => ({ slug, name: slug, dbName: storefrontDatabaseName(slug) })));
  const rows = await central.select({ id: storefronts.id, slug: storefronts.slug }).from(storefronts);
  const ids = new Map(rows.map((r) => [r.slug, r.id]));
  await central.insert(storefrontHostnames).values(slugs.flatMap((slug) => areaHostnames(`${slug}.bench.test`).map((h) => ({ ...h, storefrontId: ids.get(slug)! }))));
}

let t0 = performance.now();
await migrateAll({ concurrency: POOL });
const createMs = performance.now() - t0;

const first = await storefrontMigrationsWith([probe('bench_pooled')]);
t0 = performance.now();
const pooled = await migrateAll({ concurrency: POOL, storefrontMigrationsFolder: first.folder });
const pooledMs = performance.now() - t0;

const second = await storefrontMigrationsWith([probe('bench_serial')], { from: first.folder });
t0 = performance.now();
const serial = await migrateAll({ concurrency: 1, storefrontMigrationsFolder: second.folder });
const serialMs = performance.now() - t0;
await first.cleanup();
await second.cleanup();
bench.stopSampling();

const applied = (r: typeof pooled) => r.storefronts.reduce((n, s) => n + s.applied, 0);
if (applied(pooled) !== N || applied(serial) !== N) throw new Error(`expected ${N} applications per run, got ${applied(pooled)} and ${applied(serial)}`);

console.log(`storefronts:                          ${N} (pool of ${POOL})`);
console.log(`created (rows, databases, migrations): ${secs(createMs)} s, ${rate(N, createMs)} storefronts/s`);
console.log(`new migration, pooled:                ${secs(pooledMs)} s, ${rate(N, pooledMs)} storefronts/s`);
console.log(`new migration, serial (pool of 1):    ${secs(serialMs)} s, ${rate(N, serialMs)} storefronts/s (${(serialMs / pooledMs).toFixed(2)}× the pooled time)`);
console.log(`peak RSS:                             ${bench.peakRssMb()} MB`);

await bench.finish();
