import { and, eq, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { SfDb, StorefrontDb } from '@/lib/db/connection';
import { verifyPassword } from '@/lib/auth/password';
import { revokeSessionsOf } from '@/lib/auth/revoke-sessions';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import { AppError } from '@/lib/errors/app-error';
import { customers, mfaRecoveryCodes, mfaTotp, oneTimeTokens, passkeys, teamInvites, teamMembers } from '@/db/schema/storefront';

export const CLOSURE_GRACE_DAYS = 30;

/** The customer asks to close their account (password required); staff approve it or it closes after 30 days. */
export async function requestAccountClosure(db: StorefrontDb, opts: { customerId: number; password: string; actor: AuditActor }): Promise<void> {
  const [c] = await db.select().from(customers).where(eq(customers.id, opts.customerId)).limit(1);
  if (!c || c.status !== 'active') throw new AppError('not_found', 'Account not found.');
  if (!c.passwordHash || !(await verifyPassword(opts.password, c.passwordHash))) {
    throw new AppError('bad_request', 'Your password is not correct.', { password: ['is not correct'] });
  }
  await db.transaction(async (tx) => {
    const [res] = await tx
      .update(customers)
      .set({ closureRequestedAt: sql`CURRENT_TIMESTAMP(3)` })
      .where(and(eq(customers.id, c.id), eq(customers.status, 'active'), isNull(customers.closureRequestedAt)));
    if (res.affectedRows === 0) throw new AppError('conflict', 'Closing this account is already requested.');
    await recordAudit(tx, { actor: opts.actor, action: 'customer.closure_requested', target: { type: 'customer', id: c.id } });
  });
}

export async function cancelAccountClosure(db: StorefrontDb, opts: { customerId: number; actor: AuditActor }): Promise<void> {
  await db.transaction(async (tx) => {
    const [res] = await tx
      .update(customers)
      .set({ closureRequestedAt: null })
      .where(and(eq(customers.id, opts.customerId), eq(customers.status, 'active'), isNotNull(customers.closureRequestedAt)));
    if (res.affectedRows === 0) throw new AppError('conflict', 'There is no closure request to cancel.');
    await recordAudit(tx, { actor: opts.actor, action: 'customer.closure_cancelled', target: { type: 'customer', id: opts.customerId } });
  });
}

/**
 * Closes the account and anonymises its personal data: contact details, password, second factors, passkeys,
 * sessions and pending links go. The row itself stays, under its public id, so the invoices and payments the
 * law requires us to keep still point at a customer.
 */
async function closeInTx(tx: SfDb, customerId: number, actor: AuditActor, reason: 'approved' | 'grace_period_elapsed'): Promise<boolean> {
  const [c] = await tx.select().from(customers).where(eq(customers.id, customerId)).for('update');
  if (!c || c.status !== 'active' || !c.closureRequestedAt) return false;
  await tx
    .update(customers)
    .set({
      status: 'closed',
      closedAt: sql`CURRENT_TIMESTAMP(3)`,
      email: `closed-${c.publicId}@invalid`,
      name: 'Closed account',
      passwordHash: null,
      company: null,
      taxId: null,
      // The number VIES checked goes with the tax id; the audit log keeps the checks made.
      vatStanding: 'unchecked',
      vatCheckedNumber: null,
      vatConsultationNumber: null,
      phone: null,
      addressLine1: null,
      addressLine2: null,
      city: null,
      region: null,
      postalCode: null,
    })
    .where(eq(customers.id, c.id));
  const principal = (t: typeof mfaTotp | typeof mfaRecoveryCodes | typeof passkeys | typeof oneTimeTokens) =>
    and(eq(t.principalType, 'customer'), eq(t.principalId, c.id));
  await tx.delete(mfaTotp).where(principal(mfaTotp));
  await tx.delete(mfaRecoveryCodes).where(principal(mfaRecoveryCodes));
  await tx.delete(passkeys).where(principal(passkeys));
  await tx.delete(oneTimeTokens).where(principal(oneTimeTokens));
  // Nobody works on a closed account any more, and its person leaves every team they were on.
  await tx.delete(teamMembers).where(or(eq(teamMembers.ownerId, c.id), eq(teamMembers.memberId, c.id)));
  await tx.update(teamInvites).set({ revoked: true }).where(and(eq(teamInvites.ownerId, c.id), isNull(teamInvites.acceptedAt)));
  await revokeSessionsOf(tx, 'customer', c.id);
  await recordAudit(tx, { actor, action: 'customer.closed', target: { type: 'customer', id: c.publicId }, after: { reason } });
  return true;
}

export async function approveAccountClosure(db: StorefrontDb, opts: { customerId: number; actor: AuditActor }): Promise<void> {
  const closed = await db.transaction((tx) => closeInTx(tx, opts.customerId, opts.actor, 'approved'));
  if (!closed) throw new AppError('conflict', 'This account has no pending closure request.');
}

/** Closes every account whose request is older than the grace period; one transaction per customer. */
export async function closeDueAccounts(db: StorefrontDb, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - CLOSURE_GRACE_DAYS * 86_400_000);
  const due = await db
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.status, 'active'), lte(customers.closureRequestedAt, cutoff)))
    .limit(1000);
  let closed = 0;
  for (const { id } of due) {
    if (await db.transaction((tx) => closeInTx(tx, id, { type: 'system', label: 'closure grace period' }, 'grace_period_elapsed'))) closed++;
  }
  return closed;
}

export async function listClosureRequests(db: SfDb) {
  return db
    .select({ id: customers.id, publicId: customers.publicId, name: customers.name, email: customers.email, requestedAt: customers.closureRequestedAt })
    .from(customers)
    .where(and(eq(customers.status, 'active'), isNotNull(customers.closureRequestedAt)))
    .orderBy(customers.closureRequestedAt);
}
