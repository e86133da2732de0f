import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '@/db/schema/storefront';
import { bulkInsert } from '@/lib/db/bulk-insert';
import type { StorefrontDb } from '@/lib/db/connection';
import { idIn } from '@/lib/db/id-in';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

let t: TestEnv;
let db: StorefrontDb;

beforeAll(async () => {
  t = await setupTestEnv();
  db = openStorefrontDb(await createStorefront({ slug: 'shop', name: 'Shop', domain: 'shop.test' }));
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
