import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '@/db/schema/storefront';
import { pruneAuditLog } from '@/lib/audit/prune-audit-log';
import { recordAudit } from '@/lib/audit/record-audit';
import type { StorefrontDb } from '@/lib/db/connection';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

let t: TestEnv;
let db: StorefrontDb;
const DAY_MS = 86_400_000;

async function auditAt(action: string, createdAt: Date): Promise<void> {
  await db.insert(auditLog).values({ actorType: 'system', action, createdAt });
}
/** Drizzle wraps the driver's error; the trigger's message is on the cause. */
async function refusedByTrigger(query: Promise<unknown>): Promise<void> {
  const err = await query.then(
    () => null,
    (e: unknown) => e as Error & { cause?: Error },
  );
  expect(err, 'the statement should have been refused').not.toBeNull();
  expect(`${err!.message} ${err!.cause?.message ?? ''}`).toMatch(/audit_log is append-only/);
}
const count = async (action: string) => (await db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, action))).length;

beforeAll(async () => {
  t = await setupTestEnv();
  db = openStorefrontDb(await createStorefront({ slug: 'shop', name: 'Shop', domain: 'shop.test' }));
  await recordAudit(db, { actor: { type: 'staff', id: 1, label: 'ops@example.com' }, action: 'invoice.voided', target: { type: 'invoice', id: 'inv_1' } });
  for (let i = 0; i < 3; i++) await auditAt('old.entry', new Date(Date.now() - (800 + i) * DAY_MS));
  await auditAt('recent.entry', new Date(Date.now() - 100 * DAY_MS));
});
afterAll(async () => {
  await t.cleanup();
});

describe('audit log is append-only in the database', () => {
  it('refuses an UPDATE, even one an attacker with SQL access runs directly', async () => {
    await refusedByTrigger(db.update(auditLog).set({ actorLabel: 'someone else' }).where(eq(auditLog.action, 'invoice.voided')));
    await refusedByTrigger(db.execute(sql`UPDATE audit_log SET action = 'nothing.happened'`));
    const [row] = await db.select().from(auditLog).where(eq(auditLog.action, 'invoice.voided'));
    expect(row!.actorLabel).toBe('ops@example.com');
  });

  it('refuses a DELETE outside the retention job, and a DELETE of young rows even with its mark', async () => {
    await refusedByTrigger(db.delete(auditLog).where(eq(auditLog.action, 'old.entry')));
    await refusedByTrigger(
      db.transaction(async (tx) => {
        await tx.execute(sql`SET @ezscale_audit_retention = 1`);
        await tx.delete(auditLog).where(eq(auditLog.action, 'recent.entry'));
      }),
    );
    expect(await count('old.entry')).toBe(3);
    expect(await count('recent.entry')).toBe(1);
  });

  it('lets the retention job remove rows past the retention period, in batches, and nothing else', async () => {
    await expect(pruneAuditLog(db, { olderThanDays: 30 })).rejects.toThrow(/at least 365 days/);
    expect(await pruneAuditLog(db, { olderThanDays: 730, batchSize: 2 })).toBe(3);
    expect(await count('old.entry')).toBe(0);
    expect(await count('recent.entry')).toBe(1);
    expect(await count('invoice.voided')).toBe(1);
    expect(await pruneAuditLog(db, { olderThanDays: 730 })).toBe(0);
    // The mark never outlives the job's transaction: a plain DELETE right after is refused again.
    await auditAt('old.again', new Date(Date.now() - 900 * DAY_MS));
    await refusedByTrigger(db.delete(auditLog).where(eq(auditLog.action, 'old.again')));
  });
});
