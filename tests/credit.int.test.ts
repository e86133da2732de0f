import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, creditLedger } from '@/db/schema/storefront';
import type { AuditActor } from '@/lib/audit/record-audit';
import { adjustCredit } from '@/lib/credit/adjust-credit';
import { getCreditBalance, listCreditBalances } from '@/lib/credit/credit-balance';
import { createCustomer } from '@/lib/customers/create-customer';
import type { StorefrontDb } from '@/lib/db/connection';
import type { AppError } from '@/lib/errors/app-error';
import { createStaffUser } from '@/lib/staff/create-staff-user';
import { createStorefront } from '@/lib/tenancy/create-storefront';
import { openStorefrontDb } from '@/lib/tenancy/storefront-pools';
import { setupTestEnv, type TestEnv } from './helpers/test-env';

let t: TestEnv;
let db: StorefrontDb;
let staffId: number;
let actor: AuditActor;

beforeAll(async () => {
  t = await setupTestEnv();
  const sf = await createStorefront({ slug: 'shop', name: 'Shop', domain: 'shop.test' });
  db = openStorefrontDb(sf);
  const s = await createStaffUser(db, { storefrontId: sf.id, input: { email: 'billing@shop.test', name: 'Billing', password: 'Correct-Horse-Battery-9', role: 'billing' }, actor: { type: 'system' } });
  staffId = s.id;
  actor = { type: 'staff', id: s.id, label: 'billing@shop.test' };
});
afterAll(async () => {
  await t.cleanup();
});

async function customer(email: string) {
  return createCustomer(db, { input: { email, name: email, country: 'DE' }, actor });
}

describe('staff credit adjustments', () => {
  it('credits and debits with a ledger row and an audit row carrying both balances', async () => {
    const c = await customer('ann@example.com');
    expect(await adjustCredit(db, { customerId: c.id, currency: 'eur', amountMinor: 2500, note: 'Goodwill for the outage', staffId, actor })).toBe(2500);
    expect(await adjustCredit(db, { customerId: c.id, currency: 'EUR', amountMinor: -1000, note: 'Correction', staffId, actor })).toBe(1500);
    expect(await getCreditBalance(db, c.id, 'EUR')).toBe(1500);
    const ledger = await db.select().from(creditLedger).where(eq(creditLedger.customerId, c.id));
    expect(ledger.map((l) => [l.kind, l.amountMinor, l.note, l.staffId])).toEqual([
      ['staff_adjustment', 2500, 'Goodwill for the outage', staffId],
      ['staff_adjustment', -1000, 'Correction', staffId],
    ]);
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.action, 'credit.adjusted'), eq(auditLog.targetId, c.publicId))).orderBy(asc(auditLog.id));
    expect(audits[1]).toMatchObject({
      actorId: staffId,
      targetType: 'customer',
      targetId: c.publicId,
      before: { currency: 'EUR', balanceMinor: 2500 },
      after: { currency: 'EUR', balanceMinor: 1500, amountMinor: -1000, note: 'Correction' },
    });
  });

  it('never takes a balance below zero, and validates its input', async () => {
    const c = await customer('bob@example.com');
    await expect(adjustCredit(db, { customerId: c.id, currency: 'USD', amountMinor: -1, note: 'x', staffId, actor })).rejects.toThrow(/below zero/);
    await adjustCredit(db, { customerId: c.id, currency: 'USD', amountMinor: 500, note: 'Credit', staffId, actor });
    await expect(adjustCredit(db, { customerId: c.id, currency: 'USD', amountMinor: -501, note: 'Too much', staffId, actor })).rejects.toMatchObject({ code: 'bad_request' });
    expect(await adjustCredit(db, { customerId: c.id, currency: 'USD', amountMinor: -500, note: 'All of it', staffId, actor })).toBe(0);
    // The USD balance is back at zero; a debit in another currency does not borrow from it.
    await expect(adjustCredit(db, { customerId: c.id, currency: 'EUR', amountMinor: -1, note: 'x', staffId, actor })).rejects.toThrow(/below zero/);

    const bad = async (input: Partial<Parameters<typeof adjustCredit>[1]>) =>
      adjustCredit(db, { customerId: c.id, currency: 'USD', amountMinor: 100, note: 'ok', staffId, actor, ...input }).then(
        () => null,
        (e: unknown) => (e as AppError).fieldErrors,
      );
    expect(await bad({ note: '  ' })).toHaveProperty('note');
    expect(await bad({ note: 'x'.repeat(256) })).toHaveProperty('note');
    expect(await bad({ amountMinor: 0 })).toHaveProperty('amountMinor');
    expect(await bad({ amountMinor: 1.5 })).toHaveProperty('amountMinor');
    expect(await bad({ currency: 'XYZ' })).toHaveProperty('currency');
    await expect(adjustCredit(db, { customerId: 999999, currency: 'USD', amountMinor: 100, note: 'x', staffId, actor })).rejects.toThrow(/does not exist/);
    expect(await listCreditBalances(db, c.id)).toEqual([]);
    expect(await db.select().from(creditLedger).where(eq(creditLedger.customerId, c.id))).toHaveLength(2);
  });

  it('serialises concurrent adjustments: 20 × +1.00 at once is exactly +20.00 in 20 rows', async () => {
    const c = await customer('carol@example.com');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => adjustCredit(db, { customerId: c.id, currency: 'GBP', amountMinor: 100, note: `Top-up ${i + 1}`, staffId, actor })),
    );
    expect(results.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => (i + 1) * 100));
    expect(await getCreditBalance(db, c.id, 'GBP')).toBe(2000);
    expect(await db.select().from(creditLedger).where(and(eq(creditLedger.customerId, c.id), eq(creditLedger.currency, 'GBP')))).toHaveLength(20);
  });

  it('lets concurrent debits spend the balance only once', async () => {
    const c = await customer('dave@example.com');
    await adjustCredit(db, { customerId: c.id, currency: 'EUR', amountMinor: 1000, note: 'Credit', staffId, actor });
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => adjustCredit(db, { customerId: c.id, currency: 'EUR', amountMinor: -400, note: 'Debit', staffId, actor })));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
    expect(await getCreditBalance(db, c.id, 'EUR')).toBe(200);
  });
});
