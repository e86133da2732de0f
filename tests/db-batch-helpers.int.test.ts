import { asc, eq } from 'drizzle-orm';
import mysql from 'mysql2/promise';
import type { PoolConnection as CorePoolConnection } from 'mysql2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '@/db/schema/storefront';
import { bulkInsert } from '@/lib/db/bulk-insert';
import { getCentralPool } from '@/lib/db/central';
import { createPool, driverOf, storefrontDrizzle, urlFor, type StorefrontDb } from '@/lib/db/connection';
import { idIn } from '@/lib/db/id-in';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { storefrontLocation } from '@/lib/tenancy/storefront-location';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

let t: TestEnv;
let db: StorefrontDb;
let shopUrl: string;

beforeAll(async () => {
  t = await setupTestEnv();
  const sf = await createStorefront({ slug: 'shop', name: 'Shop', domain: 'shop.test' });
  shopUrl = urlFor(storefrontLocation(sf));
  db = openStorefrontDb(sf);
});
afterAll(async () => {
  await t.cleanup();
});

// The batch helpers write SQL text themselves (bulkInsert) or inline ids (idIn): what goes in must come back.
describe('bulkInsert and idIn', () => {
  it('round-trips quotes, backslashes, control characters, unicode, JSON and NULL, sharing objects between rows', async () => {
    const tricky = ["O'Brien", 'back\\slash', 'a\nb\tc\rd', 'nul\0byte', 'ctrl\x1az', '"double"', 'emoji 🚀 ü', "'; DROP TABLE audit_log; --", '?', ''];
    const shared = { note: 'same object in every row', quote: "it's", path: 'C:\\x', nested: { list: [1, 'two'] } };
    const rows = tricky.map((label, i) => ({
      actorType: 'staff' as const,
      actorId: i,
      actorLabel: label,
      action: 'test.bulk',
      targetType: null,
      targetId: String(i),
      before: shared,
      after: { label, i },
      ip: null,
      userAgent: null,
    }));
    await bulkInsert(db, auditLog, rows);
    const back = await db.select().from(auditLog).orderBy(asc(auditLog.id));
    expect(back.map((r) => r.actorLabel)).toEqual(tricky);
    expect(back.map((r) => r.after)).toEqual(tricky.map((label, i) => ({ label, i })));
    for (const r of back) expect(r.before).toEqual(shared);
    expect(back.every((r) => r.targetType === null && r.ip === null)).toBe(true);
  });

  it('finds every id of a list longer than MariaDB turns into a subquery, and refuses what is not an integer', async () => {
    const all = (await db.select({ id: auditLog.id }).from(auditLog)).map((r) => r.id);
    const ids = [...all, ...Array.from({ length: 1500 }, (_, i) => 1_000_000 + i)];
    const found = await db.select({ id: auditLog.id }).from(auditLog).where(idIn(auditLog.id, ids));
    expect(found.map((r) => r.id).sort((a, b) => a - b)).toEqual([...all].sort((a, b) => a - b));
    expect(await db.select({ id: auditLog.id }).from(auditLog).where(idIn(auditLog.id, []))).toEqual([]);
    expect(() => idIn(auditLog.id, [1, 1.5])).toThrow(/integer/);
  });
});

// MariaDB's default (what CI proves) plus mysql2's IGNORE_SPACE; never NO_BACKSLASH_ESCAPES, which bulkInsert's escaping rules out.
const PINNED = 'IGNORE_SPACE,STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION';
// A server configured the other way round: backslashes are plain characters, double quotes name identifiers.
const HOSTILE = "'NO_BACKSLASH_ESCAPES,ANSI_QUOTES,PIPES_AS_CONCAT'";

const sessionMode = async (conn: mysql.Pool | mysql.PoolConnection) => {
  const [rows] = await conn.query<mysql.RowDataPacket[]>('SELECT @@SESSION.sql_mode AS mode');
  return String(rows[0]!.mode);
};

/** A pool whose connections start with the hostile mode, as if it were the server's default. */
function hostile(pool: mysql.Pool): mysql.Pool {
  pool.pool.prependListener('connection', (conn: CorePoolConnection) => void conn.query(`SET SESSION sql_mode = ${HOSTILE}`));
  return pool;
}

// JSON text with a backslash would trip the JSON check on an unpinned connection, hiding the corruption behind an error.
const row = (label: string, json = true, action = 'test.sql-mode') => ({ actorType: 'system' as const, actorId: null, actorLabel: label, action, targetType: null, targetId: null, before: null, after: json ? { label } : null, ip: null, userAgent: null });
const labelsBack = async (h: StorefrontDb, action = 'test.sql-mode') =>
  (await h.select({ label: auditLog.actorLabel }).from(auditLog).where(eq(auditLog.action, action)).orderBy(asc(auditLog.id))).map((r) => r.label);

describe('session sql_mode', () => {
  it('is pinned on every pooled connection, central and storefront, transactions included', async () => {
    expect(await sessionMode(getCentralPool())).toBe(PINNED);
    expect(await sessionMode(driverOf(db))).toBe(PINNED);
    await db.transaction(async (tx) => expect(await sessionMode(driverOf(tx))).toBe(PINNED));
  });

  it('lets bulkInsert round-trip backslashes and quotes even when the server default says otherwise', async () => {
    const pool = hostile(createPool(shopUrl, 1));
    try {
      const h = storefrontDrizzle(pool);
      const tricky = ["O'Brien", 'back\\slash', 'C:\\x\\', '"double" || quoted', "'; DROP TABLE audit_log; --"];
      await bulkInsert(h, auditLog, tricky.map((l) => row(l)));
      expect(await labelsBack(h)).toEqual(tricky);
      const afters = await h.select({ after: auditLog.after }).from(auditLog).where(eq(auditLog.action, 'test.sql-mode')).orderBy(asc(auditLog.id));
      expect(afters.map((r) => r.after)).toEqual(tricky.map((label) => ({ label })));
      expect(await sessionMode(pool)).toBe(PINNED);
    } finally {
      await pool.end();
    }
  });

  it('would corrupt or refuse the same rows on an unpinned connection with that default', async () => {
    const pool = hostile(mysql.createPool({ uri: shopUrl, connectionLimit: 1, jsonStrings: true }));
    try {
      const h = storefrontDrizzle(pool);
      await expect(bulkInsert(h, auditLog, [row("O'Brien")])).rejects.toThrow(/syntax/i);
      // mysql2 writes a backslash as two, which this mode keeps as two. (Its own action: the audit log is append-only.)
      await bulkInsert(h, auditLog, [row('back\\slash', false, 'test.sql-mode-unpinned')]);
      expect(await labelsBack(h, 'test.sql-mode-unpinned')).toEqual(['back\\\\slash']);
    } finally {
      await pool.end();
    }
  });
});
